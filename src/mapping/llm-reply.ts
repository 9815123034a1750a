/**
 * Checks a model's reply like user input (house style 15): item by item, so one invented target does not sink
 * the rest. An item survives only if its column is open, its target is a real field of the file's object (or
 * a well-formed new custom field, or "leave behind") and its values fit that field. Everything else is
 * dropped and reported, never used.
 */
import { z } from 'zod';
import { customTypeFor, defaultTransform } from './choose-transform.js';
import { yesNoOptions } from './defaults/types.js';
import { CUSTOM_FIELD_TYPES, type MapRule, type ObjectMap, type TransformRef } from './document.js';
import { accepts } from './kinds.js';
import { candidateFields, LEAVE_BEHIND, LLM_TRANSFORMS, NEW_CUSTOM_FIELD } from './llm-prompt.js';
import { maskHeader } from './mask.js';
import type { ColumnProfile, SourceLanguage } from './sources.js';
import { CUSTOM_FIELD_OBJECTS, customTarget, type TargetCatalogue, type TargetField } from './targets.js';
import { getTransform, producedKinds } from './transforms/index.js';

export interface RejectedItem {
  column: string | null;
  target: string | null;
  reason: string;
}

export interface CheckedReply {
  rules: MapRule[];
  rejected: RejectedItem[];
  /** Open columns the reply did not (validly) decide. */
  missing: string[];
}

const LooseItem = z.object({
  column: z.string(),
  target: z.string(),
  new_field: z.object({ label: z.string(), type: z.string() }).nullable().optional(),
  transform: z.string().nullable().optional(),
  confidence: z.number().optional(),
  rationale: z.string().optional(),
});
type Item = z.infer<typeof LooseItem>;

/** A model's confidence is a ranking hint, not a probability: capped below what rules and history get. */
const MAX_LLM_CONFIDENCE = 0.9;

function whyOf(item: Item): string {
  const text = (item.rationale ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  return text === '' ? 'proposed by the language model' : text;
}

/** The transform reads the column's values and writes what the field holds. */
function fits(transform: TransformRef | undefined, field: TargetField, column: ColumnProfile): boolean {
  const def = transform ? getTransform(transform.name) : undefined;
  const reads = !def?.accepts || column.kind === 'empty' || def.accepts.includes(column.kind);
  return reads && producedKinds(transform).every((k) => accepts(field.type, k));
}

function transformFor(item: Item, field: TargetField, column: ColumnProfile): TransformRef | undefined {
  const named = item.transform ?? null;
  if (named !== null && LLM_TRANSFORMS.includes(named) && fits({ name: named }, field, column)) return { name: named };
  return defaultTransform(field, column.kind, column.columnKey);
}

function checkItem(
  item: Item,
  column: ColumnProfile,
  object: ObjectMap,
  catalogue: TargetCatalogue,
  language: SourceLanguage,
): MapRule | string {
  const base = { from: [column.header], origin: 'llm' as const, why: whyOf(item) };
  const confidence = Math.round(Math.min(item.confidence ?? 0.5, MAX_LLM_CONFIDENCE) * 100) / 100;
  if (item.target === LEAVE_BEHIND) return { ...base, to: null, confidence };
  const target = object.target;
  if (target === null) return 'the file is not migrated';
  if (item.target === NEW_CUSTOM_FIELD) {
    if (!CUSTOM_FIELD_OBJECTS.includes(target)) return `${target} records cannot get custom fields`;
    const label = item.new_field?.label.trim() ?? '';
    if (label === '') return 'new custom field without a label';
    const type = item.new_field?.type ?? customTypeFor(column.kind);
    if (!(CUSTOM_FIELD_TYPES as readonly string[]).includes(type)) return `"${type}" is not a Pipedrive field type`;
    const to = customTarget(target, label);
    const existing = catalogue.find(to);
    const field: TargetField = existing ?? {
      object: target,
      key: `custom:${label}`,
      label,
      type: type as TargetField['type'],
      custom: true,
    };
    const transform = transformFor(item, field, column);
    const rule: MapRule = { ...base, to, confidence };
    if (transform) rule.transform = transform;
    if (!existing) {
      rule.custom = { type: field.type as NonNullable<MapRule['custom']>['type'] };
      // A yes/no column in a new option field needs its two labels ("yes" first), as the rule proposer gives them.
      if ((type === 'enum' || type === 'set') && transform?.name === 'yes_no')
        rule.custom.options = yesNoOptions(language);
    }
    return fits(transform, field, column) ? rule : `the column's values (${column.kind}) do not fit a ${type} field`;
  }
  const field = candidateFields(catalogue, target).find((f) => `${f.object}.${f.key}` === item.target);
  if (!field) return `"${item.target}" is not a field of ${target} (invented target)`;
  const transform = transformFor(item, field, column);
  if (!fits(transform, field, column)) {
    return `the column's values (${column.kind}) do not fit ${item.target} (${field.type})`;
  }
  const rule: MapRule = { ...base, to: item.target, confidence };
  if (transform) rule.transform = transform;
  return rule;
}

/** Parses and checks a reply for one file; `open` are the columns the request asked about. */
export function checkLlmReply(
  content: string | null,
  open: readonly ColumnProfile[],
  object: ObjectMap,
  catalogue: TargetCatalogue,
  language: SourceLanguage = 'nl',
): CheckedReply {
  const byHeader = new Map<string, ColumnProfile>();
  for (const column of open) {
    byHeader.set(column.header, column);
    if (!byHeader.has(maskHeader(column.header))) byHeader.set(maskHeader(column.header), column);
  }
  const rejected: RejectedItem[] = [];
  const rules: MapRule[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(content ?? '');
  } catch {
    return {
      rules,
      rejected: [{ column: null, target: null, reason: 'the reply is not JSON' }],
      missing: open.map((c) => c.header),
    };
  }
  const list = z.object({ mappings: z.array(z.unknown()) }).safeParse(raw);
  if (!list.success) {
    return {
      rules,
      rejected: [{ column: null, target: null, reason: 'the reply has no mappings list' }],
      missing: open.map((c) => c.header),
    };
  }
  const decided = new Set<string>();
  for (const entry of list.data.mappings) {
    const parsed = LooseItem.safeParse(entry);
    if (!parsed.success) {
      rejected.push({ column: null, target: null, reason: parsed.error.issues[0]?.message ?? 'malformed item' });
      continue;
    }
    const item = parsed.data;
    const column = byHeader.get(item.column);
    const reject = (reason: string) => rejected.push({ column: item.column, target: item.target, reason });
    if (!column) reject('not an open column of this file');
    else if (decided.has(column.header)) reject('the column was answered twice');
    else {
      const outcome = checkItem(item, column, object, catalogue, language);
      if (typeof outcome === 'string') reject(outcome);
      else {
        decided.add(column.header);
        rules.push(outcome);
      }
    }
  }
  return { rules, rejected, missing: open.map((c) => c.header).filter((h) => !decided.has(h)) };
}
