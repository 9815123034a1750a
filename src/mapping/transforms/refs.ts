/**
 * Transforms whose value points at another record (a patient, a plan, a provider) or at a file, and the
 * address builder. A reference is `{ ref: <entity>, key: <record key> }`: the engine swaps it for the
 * Pipedrive id it created for that record (or, for a provider, the user with that provider's e-mail).
 */
import { isEntityName } from '../../dentadmin/entities.js';
import { fail, isBlank, ok, stringArg, stringListArg, type TransformDef } from './types.js';

const ONE = { min: 1, max: 1 };

export const ref: TransformDef = {
  name: 'ref',
  summary: 'the record of args.entity with this key (PatNr → the patient’s person)',
  inputs: ONE,
  outputs: 1,
  produces: ['person_ref'],
  checkArgs: (args) => {
    const entity = stringArg(args, 'entity');
    return entity !== undefined && isEntityName(entity) ? null : 'ref needs args.entity, an ingest entity name';
  },
  apply: ([value], args) => {
    if (isBlank(value)) return ok(null);
    return ok({ ref: stringArg(args, 'entity') ?? 'patients', key: value.trim() });
  },
};

/** Output kind of a `ref` by the entity it points at; the registry's `produces` is the common case (a person). */
export function refKind(entity: string | undefined): 'person_ref' | 'deal_ref' | 'org_ref' | 'user_ref' {
  if (entity === 'care_plans' || entity === 'treatments') return 'deal_ref';
  if (entity === 'insurers') return 'org_ref';
  if (entity === 'users') return 'user_ref';
  return 'person_ref';
}

/** A provider code (`TDM`) → the Pipedrive user whose e-mail the users file gives for that code. */
export const providerOwner: TransformDef = {
  name: 'provider_owner',
  summary: 'a provider code (TDM) to the Pipedrive user with that provider’s e-mail',
  inputs: ONE,
  outputs: 1,
  produces: ['user_ref'],
  apply: ([value]) => (isBlank(value) ? ok(null) : ok({ ref: 'users', key: value.trim() })),
};

/** [folder, file name] → one relative path with forward slashes (`rx\1001\` + `a.dcm` → `rx/1001/a.dcm`). */
export const filePath: TransformDef = {
  name: 'file_path',
  summary: 'folder and file name joined into the document’s path in the upload',
  inputs: { min: 1, max: 2 },
  outputs: 1,
  produces: ['file'],
  apply: (values) => {
    const parts = values.filter((v): v is string => !isBlank(v)).map((v) => v.trim().replace(/\\/g, '/'));
    if (parts.length === 0) return ok(null);
    const joined = parts
      .join('/')
      .replace(/\/{2,}/g, '/')
      .replace(/^\.?\//, '');
    if (joined.split('/').includes('..')) {
      return fail('document_missing', 'error', 'The document path leaves the upload folder.');
    }
    return ok({ path: joined });
  },
};

/** Parts of Pipedrive's address object (reference §2.5) that a column can fill. */
const ADDRESS_PARTS = ['route', 'street_number', 'subpremise', 'postal_code', 'locality', 'country'] as const;
type AddressPart = (typeof ADDRESS_PARTS)[number];

/**
 * N:1: street, number, box, postcode, municipality (, country) → an address object, formatted the bpost way:
 * `Kerkstraat 12 bus 3, 2000 Antwerpen`. args.parts names the part each column fills, in `from` order.
 */
export const address: TransformDef = {
  name: 'address',
  summary: 'street, number, box, postcode, municipality and country joined into one address',
  inputs: { min: 1, max: 6 },
  outputs: 1,
  produces: ['address'],
  checkArgs: (args) => {
    const parts = stringListArg(args, 'parts');
    if (!parts) return 'address needs args.parts, e.g. ["route", "street_number", "postal_code", "locality"]';
    const bad = parts.find((p) => !(ADDRESS_PARTS as readonly string[]).includes(p));
    return bad === undefined ? null : `address part "${bad}" is not one of ${ADDRESS_PARTS.join(', ')}`;
  },
  apply: (values, args) => {
    const names = stringListArg(args, 'parts') ?? [];
    const parts: Partial<Record<AddressPart, string>> = {};
    values.forEach((value, i) => {
      const name = names[i] as AddressPart | undefined;
      if (name !== undefined && !isBlank(value)) parts[name] = value.trim();
    });
    const street = [parts.route, parts.street_number].filter(Boolean).join(' ');
    const box = parts.subpremise ? `bus ${parts.subpremise}` : '';
    const line1 = [street, box].filter(Boolean).join(' ');
    const line2 = [parts.postal_code, parts.locality].filter(Boolean).join(' ');
    const foreign = parts.country && parts.country.toUpperCase() !== 'BE' ? parts.country : '';
    const formatted = [line1, line2, foreign].filter(Boolean).join(', ');
    if (formatted === '') return ok(null);
    return ok({ value: formatted, ...parts });
  },
};

export const REF_TRANSFORMS: readonly TransformDef[] = [ref, providerOwner, filePath, address];
