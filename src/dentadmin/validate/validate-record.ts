/**
 * The per-record validator: turns one record's raw cells into defects and reference keys.
 *
 * Pure and synchronous. It checks what a single record can show on its own (formats, check digits, dates,
 * amounts, codes on the service date, INSZ against birth date); checks that need other records or files
 * (duplicates, orphans, unknown providers, missing files) are the caller's, using `refs` (see its type).
 * `date_format_mixed` needs the column's dominant pattern: see `pattern-tracker.ts`.
 *
 * Built once per file: the factory resolves which checks apply to the columns the file has, so the per-row
 * function only loops over small arrays.
 */
import { dateNumberOfIso } from '../../domain/date-numbers.js';
import type { Defect } from '../defects.js';
import type { EntityName } from '../entities.js';
import { checkAmountCell, checkDateCell, checkEmailCell, checkTextCell, type DateRule } from './cell-checks.js';
import { ENTITY_CHECKS, type ValidatorMemo } from './entity-checks.js';
import { AMOUNT_KEYS, DATE_RULES, EMAIL_KEYS, textKeys } from './entity-rules.js';
import { cellValue, RecordContext } from './record-context.js';
import type { RecordCells, RecordValidator, RecordValidatorOptions, RecordWhere } from './types.js';

export { createPatternTracker, type PatternTracker } from './pattern-tracker.js';
export type {
  RecordCells,
  RecordRefs,
  RecordValidation,
  RecordValidator,
  RecordValidatorOptions,
  RecordWhere,
} from './types.js';

/**
 * Version of the rules and tables behind the defects. Stored with a snapshot's defects; bump it whenever a
 * check, a message or a reference table (RIZIV codes, funds, CT codes) changes, so stale results are found.
 */
export const VALIDATOR_VERSION = '1.0.0';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Creates the validator for one file.
 *
 * @param entity the file's entity.
 * @param headerByKey column key → header as written in the file; only these columns are checked, and defects
 *   name the column by this header.
 * @param options export date, document size limit, optional dominant date patterns.
 * @throws RangeError when `exportDate` is not `YYYY-MM-DD` or `maxDocumentBytes` is not a positive number.
 */
export function createRecordValidator(
  entity: EntityName,
  headerByKey: ReadonlyMap<string, string>,
  options: RecordValidatorOptions,
): RecordValidator {
  if (!ISO_DATE.test(options.exportDate)) {
    throw new RangeError(`createRecordValidator: exportDate must be YYYY-MM-DD, got ${options.exportDate}`);
  }
  if (!(options.maxDocumentBytes > 0)) {
    throw new RangeError(`createRecordValidator: maxDocumentBytes must be positive, got ${options.maxDocumentBytes}`);
  }
  const ctx = new RecordContext(entity, headerByKey, {
    exportDate: options.exportDate,
    exportDay: dateNumberOfIso(options.exportDate),
    exportYear: Number(options.exportDate.slice(0, 4)),
    maxDocumentBytes: options.maxDocumentBytes,
    dominantPatterns: options.dominantPatterns ?? null,
  });
  const present = (key: string): boolean => headerByKey.has(key);
  const dateRules: readonly DateRule[] = DATE_RULES[entity].filter((rule) => present(rule.key));
  const amountKeys = AMOUNT_KEYS[entity].filter(present);
  const emailKeys = (EMAIL_KEYS[entity] ?? []).filter(present);
  const mojibakeKeys = textKeys(entity).filter(present);
  const entityCheck = ENTITY_CHECKS[entity];
  const memo: ValidatorMemo = { funds: new Map() };

  return (cells: RecordCells, where: RecordWhere) => {
    ctx.begin(where.line, where.record);
    for (const rule of dateRules) {
      const value = cellValue(cells, rule.key);
      if (value !== null) checkDateCell(ctx, rule, value);
      else ctx.setDate(rule.key, -1);
    }
    for (const key of amountKeys) {
      const value = cellValue(cells, key);
      if (value !== null) checkAmountCell(ctx, key, value);
    }
    for (const key of emailKeys) {
      const value = cellValue(cells, key);
      if (value !== null) checkEmailCell(ctx, key, value);
    }
    for (const key of mojibakeKeys) {
      const value = cellValue(cells, key);
      if (value !== null) checkTextCell(ctx, key, value);
    }
    const refs = entityCheck(ctx, cells, memo);
    const defects: Defect[] = ctx.defects;
    return { defects, refs };
  };
}
