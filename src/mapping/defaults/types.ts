/**
 * The shape of Ferry's default decisions per entity: which Pipedrive object a file becomes and what each
 * recognised column (by column key) goes to. The rule proposer turns these into map rules for a real file.
 */
import type { CustomFieldSpec, MatchSpec, TargetObject, TransformRef } from '../document.js';
import type { ColumnProfile, SourceLanguage } from '../sources.js';

/** A decision for one column. `to` null means: deliberately left behind, for the reason in `why`. */
export interface KeyDecision {
  to: string | string[] | null;
  transform?: TransformRef;
  custom?: CustomFieldSpec;
  why: string;
}

/** A decision that depends on the column's values (a `Remgeld %` column is a rate, not an amount). */
export type KeyRule = KeyDecision | ((column: ColumnProfile, lang: SourceLanguage) => KeyDecision);

export interface PresentColumn {
  key: string;
  header: string;
}

/** An N:1 (or N:N) rule built from several columns, in the order of `keys`. */
export interface GroupRule {
  keys: readonly string[];
  /** Keys that must all be present for the rule to exist; default: at least one of `keys`. */
  required?: readonly string[];
  to: string | string[];
  transform: (present: readonly PresentColumn[]) => TransformRef;
  custom?: CustomFieldSpec;
  why: string;
}

/** A rule with no source column: every record gets `value` in `to`. */
export interface ConstantRule {
  to: string;
  value: string;
  why: string;
}

export interface EntityTemplate {
  target: TargetObject | null;
  match?: MatchSpec;
  /** Column keys whose equal values fold rows into one record. */
  foldBy?: readonly string[];
  groups: readonly GroupRule[];
  keys: Readonly<Record<string, KeyRule>>;
  /** Rules with no source column (`deal.currency` = EUR). */
  constants?: readonly ConstantRule[];
}

export type TemplateFactory = (lang: SourceLanguage) => EntityTemplate;

/** A custom field target with the label in the practice's language. */
export function customIn(object: TargetObject, labels: { nl: string; fr: string }, lang: SourceLanguage): string {
  return `${object}.custom:${labels[lang]}`;
}

/** Option labels of a yes/no custom field ("yes" first), in the practice's language. */
export function yesNoOptions(lang: SourceLanguage): string[] {
  return lang === 'fr' ? ['Oui', 'Non'] : ['Ja', 'Nee'];
}

export const RECORD_KEY_WHY = 'record key: the engine keeps it as the record’s "Ferry source id"';
