/**
 * The contract every transform keeps: cells in, one value (or one per target of a 1:N rule) out, or a defect
 * on that record. A transform never guesses: a value it cannot convert is a defect, not a default.
 */
import type { DefectCode, Severity } from '../../dentadmin/defects.js';
import type { JsonValue } from '../document.js';
import type { ProfileKind, ValueKind } from '../kinds.js';

/**
 * Codes for problems only a transform sees. They extend the ingest's {@link DefectCode}s; the engine stores
 * them with the record like any other defect.
 */
export type TransformDefectCode =
  | DefectCode
  | 'value_unmapped' // a status or type value the rule's value table does not list
  | 'boolean_invalid' // not one of J/N/O/Y/Ja/Nee/Oui/Non/1/0
  | 'percentage_invalid'
  | 'time_ambiguous' // D38: wall time that happens twice (or never) on a DST change day
  | 'recurrence_invalid'
  | 'name_split_guessed' // a full name split by word order only (no comma, caps, initials or particle)
  | 'value_missing'; // no value for a field Pipedrive requires (a deal's title, a note's content)

export interface TransformDefect {
  code: TransformDefectCode;
  severity: Severity;
  /** One sentence for the practice; names the problem, never the patient's value. */
  message: string;
}

export type TransformResult =
  | { ok: true; value: JsonValue; warnings?: TransformDefect[] }
  | { ok: false; defect: TransformDefect };

/** What the engine knows at run time and a pure transform may not look up itself. */
export interface TransformContext {
  /** "Now" for transforms that depend on it (appointment done-ness, recurrence window). */
  now?: Date;
  /** The year of the export, for two-digit years (`3/07/23`). */
  referenceYear?: number;
}

export interface TransformDef {
  name: string;
  /** One line for people: `ferry map show`, the LLM prompt, error messages. */
  summary: string;
  /** How many source columns it reads. */
  inputs: { min: number; max: number };
  /** How many targets it writes: 1, or the length of a 1:N rule's `to` list. */
  outputs: number;
  /** The value kind of each output (one entry per output). */
  produces: readonly ValueKind[];
  /** Profile kinds it can convert; absent means any. */
  accepts?: readonly ProfileKind[];
  /** Checks a rule's `args`; returns a sentence when they are wrong. */
  checkArgs?: (args: Record<string, JsonValue>) => string | null;
  apply(
    values: readonly (string | null)[],
    args: Record<string, JsonValue>,
    context: TransformContext,
  ): TransformResult;
}

export const ok = (value: JsonValue, warnings?: TransformDefect[]): TransformResult =>
  warnings && warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value };

export const fail = (code: TransformDefectCode, severity: Severity, message: string): TransformResult => ({
  ok: false,
  defect: { code, severity, message },
});

export const warn = (code: TransformDefectCode, message: string): TransformDefect => ({
  code,
  severity: 'warning',
  message,
});

/** A cell with only whitespace is empty: it migrates as nothing, never as a defect. */
export function isBlank(value: string | null | undefined): value is null | undefined | '' {
  return value === null || value === undefined || value.trim() === '';
}

export function stringArg(args: Record<string, JsonValue>, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

export function stringListArg(args: Record<string, JsonValue>, name: string): string[] | undefined {
  const value = args[name];
  if (!Array.isArray(value)) return undefined;
  return value.every((v): v is string => typeof v === 'string') ? value : undefined;
}

export function numberArg(args: Record<string, JsonValue>, name: string): number | undefined {
  const value = args[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
