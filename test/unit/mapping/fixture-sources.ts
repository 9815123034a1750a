/** Source files built from the entity specs (no CSV): what ingest would report for a clean DentAdmin export. */
import { type ColumnKind, ENTITIES, ENTITY_NAMES, type EntityName } from '../../../src/dentadmin/entities.js';
import type { ProfileKind } from '../../../src/mapping/kinds.js';
import type { ColumnProfile, SourceFile } from '../../../src/mapping/sources.js';

const KIND: Record<ColumnKind, ProfileKind> = {
  id: 'integer',
  text: 'text',
  memo: 'text',
  integer: 'integer',
  decimal: 'decimal',
  date: 'date',
  timestamp: 'timestamp',
  email: 'email',
  phone: 'phone',
  insz: 'insz',
  riziv: 'riziv',
  boolean: 'boolean',
  code: 'text',
};

export function column(header: string, kind: ProfileKind = 'text', columnKey: string | null = null): ColumnProfile {
  return { header, columnKey, kind, pattern: null, fillRate: 1, distinctCount: 10, samples: ['Aaaa'] };
}

/**
 * One entity's file with DentAdmin's headers in `lang`. `rename` swaps headers (and drops the reader's key, as
 * ingest would not recognise the new spelling); `withKeys: false` drops every key.
 */
export function sourceFile(
  entity: EntityName,
  lang: 'nl' | 'fr' = 'nl',
  options: { rename?: Record<string, string>; withKeys?: boolean } = {},
): SourceFile {
  const spec = ENTITIES[entity];
  const columns = spec.columns.map((c) => {
    const renamed = options.rename?.[c[lang]];
    const key = renamed !== undefined || options.withKeys === false ? null : c.key;
    return column(renamed ?? c[lang], KIND[c.kind], key);
  });
  return { entity, fileName: spec.file[lang], rows: 10, columns };
}

export function allFiles(lang: 'nl' | 'fr' = 'nl', options: { withKeys?: boolean } = {}): SourceFile[] {
  return ENTITY_NAMES.map((e) => sourceFile(e, lang, options));
}
