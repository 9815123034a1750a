/**
 * The search endpoints, as pure functions over the store [SPEC2]:
 * - `GET /api/v2/persons/search` and `/organizations/search`: `term` (≥ 2 characters, or 1 with
 *   `exact_match`), `fields` (default: all), `exact_match` (whole value, case-insensitive); only the
 *   custom field types address, varchar, text, varchar_auto, double, monetary and phone are searched.
 * - `GET /api/v2/itemSearch/field`: one field's values, `match` exact|beginning|middle, case-sensitive.
 *
 * Our assumptions: non-exact search matches a case-insensitive substring (Pipedrive's index is
 * fuzzier); `result_score` is 1 for a whole-value match, else the share of the value matched; the
 * index is immediately consistent (Pipedrive's lag is unknown); itemSearch/field returns
 * `[{ id, name }]` as the spec's example shows (its schema says `{ result_score, item }`).
 */
import { customValueText } from './custom-values.js';
import { badRequest } from './errors.js';
import { customFieldsOf, SEARCHABLE_FIELD_TYPES } from './fields.js';
import type { CustomFieldValues, EntityType, OrganizationRecord, PersonRecord } from './records.js';
import type { Store } from './store.js';

export interface SearchHit {
  result_score: number;
  item: Record<string, unknown>;
}

interface SearchQuery {
  term: string;
  fields: ReadonlySet<string>;
  exact: boolean;
}

/** Reads `term`, `fields` and `exact_match`, with the documented minimum term length. */
export function parseSearchQuery(query: URLSearchParams, allowedFields: readonly string[]): SearchQuery {
  const term = (query.get('term') ?? '').trim();
  const exactText = query.get('exact_match');
  const exact = exactText === 'true' || exactText === '1';
  if (term.length < (exact ? 1 : 2)) {
    throw badRequest('term must be at least 2 characters long (1 with exact_match)');
  }
  const fieldsText = query.get('fields');
  const fields = fieldsText ? fieldsText.split(',').map((field) => field.trim()) : allowedFields;
  for (const field of fields) {
    if (!allowedFields.includes(field)) throw badRequest(`fields: unknown value ${field}`);
  }
  return { term, fields: new Set(fields), exact };
}

/** The best score of `term` against any of `values`, or 0. */
function score(values: readonly (string | null)[], query: SearchQuery): number {
  const term = query.term.toLowerCase();
  let best = 0;
  for (const raw of values) {
    if (raw === null) continue;
    const value = raw.toLowerCase();
    if (value === term) return 1;
    if (!query.exact && value.includes(term))
      best = Math.max(best, Math.round((term.length / value.length) * 1e4) / 1e4);
  }
  return best;
}

function searchableCustomValues(store: Store, entity: EntityType, values: CustomFieldValues): string[] {
  const texts: string[] = [];
  for (const field of customFieldsOf(store, entity).values()) {
    if (!SEARCHABLE_FIELD_TYPES.has(field.field_type)) continue;
    const text = customValueText(values[field.field_code]);
    if (text !== null) texts.push(text);
  }
  return texts;
}

function rank(hits: SearchHit[]): SearchHit[] {
  return hits.sort((a, b) => b.result_score - a.result_score || (a.item.id as number) - (b.item.id as number));
}

export function searchPersons(store: Store, query: SearchQuery, organizationId: number | undefined): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const person of store.liveRecords('person') as PersonRecord[]) {
    if (organizationId !== undefined && person.org_id !== organizationId) continue;
    const emails = person.emails.map((email) => email.value);
    const phones = person.phones.map((phone) => phone.value);
    const custom = searchableCustomValues(store, 'person', person.custom_fields);
    const scores = [
      query.fields.has('name') ? score([person.name], query) : 0,
      query.fields.has('email') ? score(emails, query) : 0,
      query.fields.has('phone') ? score(phones, query) : 0,
      query.fields.has('custom_fields') ? score(custom, query) : 0,
    ];
    const best = Math.max(...scores);
    if (best === 0) continue;
    const org = person.org_id === null ? undefined : store.entities.organization.get(person.org_id);
    hits.push({
      result_score: best,
      item: {
        id: person.id,
        type: 'person',
        name: person.name,
        phones,
        emails,
        visible_to: person.visible_to,
        owner: { id: person.owner_id },
        organization: org ? { id: org.id, name: org.name, address: org.address?.value ?? null } : null,
        custom_fields: query.fields.has('custom_fields') ? custom.filter((value) => score([value], query) > 0) : [],
        notes: [],
      },
    });
  }
  return rank(hits);
}

export function searchOrganizations(store: Store, query: SearchQuery): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const org of store.liveRecords('organization') as OrganizationRecord[]) {
    const custom = searchableCustomValues(store, 'organization', org.custom_fields);
    const best = Math.max(
      query.fields.has('name') ? score([org.name], query) : 0,
      query.fields.has('address') ? score([org.address?.value ?? null], query) : 0,
      query.fields.has('custom_fields') ? score(custom, query) : 0,
    );
    if (best === 0) continue;
    hits.push({
      result_score: best,
      item: {
        id: org.id,
        type: 'organization',
        name: org.name,
        address: org.address?.value ?? null,
        visible_to: org.visible_to,
        owner: { id: org.owner_id },
        custom_fields: query.fields.has('custom_fields') ? custom.filter((value) => score([value], query) > 0) : [],
        notes: [],
      },
    });
  }
  return rank(hits);
}

type FieldMatch = 'exact' | 'beginning' | 'middle';

const ITEM_NAME: Readonly<Record<'person' | 'organization' | 'deal', string>> = {
  person: 'name',
  organization: 'name',
  deal: 'title',
};

/** Reads the values of a standard field that itemSearch/field can search, or undefined. */
function standardReader(
  entity: 'person' | 'organization' | 'deal',
  field: string,
): ((record: Record<string, unknown>) => string[]) | undefined {
  if (field === ITEM_NAME[entity]) return (record) => [String(record[field])];
  if (entity !== 'person' || (field !== 'email' && field !== 'phone')) return undefined;
  const key = field === 'email' ? 'emails' : 'phones';
  return (record) => (record[key] as PersonRecord['emails']).map((item) => item.value);
}

/** `GET /api/v2/itemSearch/field`: the items whose `field` value matches `term` (case-sensitive). */
export function searchField(store: Store, query: URLSearchParams): { id: number; name: string }[] {
  const entity = query.get('entity_type');
  const field = query.get('field') ?? '';
  const term = query.get('term') ?? '';
  const match = (query.get('match') ?? 'exact') as FieldMatch;
  if (!['exact', 'beginning', 'middle'].includes(match)) throw badRequest('match must be exact, beginning or middle');
  if (term.length < (match === 'exact' ? 1 : 2)) {
    throw badRequest('term must be at least 2 characters long (1 with exact match)');
  }
  if (entity === 'lead' || entity === 'product' || entity === 'project') return [];
  if (entity !== 'person' && entity !== 'organization' && entity !== 'deal')
    throw badRequest('entity_type is not valid');
  const custom = customFieldsOf(store, entity).get(field);
  if (custom && !SEARCHABLE_FIELD_TYPES.has(custom.field_type)) throw badRequest(`field ${field} is not searchable`);
  const read = custom
    ? (record: Record<string, unknown>) => {
        const text = customValueText((record.custom_fields as CustomFieldValues)[field]);
        return text === null ? [] : [text];
      }
    : standardReader(entity, field);
  if (!read) throw badRequest(`field ${field} is not a searchable field of ${entity}`);
  const test = (value: string): boolean =>
    match === 'exact' ? value === term : match === 'beginning' ? value.startsWith(term) : value.includes(term);
  const found: { id: number; name: string }[] = [];
  for (const record of store.liveRecords(entity) as unknown as Record<string, unknown>[]) {
    if (read(record).some(test)) found.push({ id: record.id as number, name: String(record[ITEM_NAME[entity]]) });
  }
  return found;
}
