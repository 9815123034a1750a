/**
 * Checks a map against the files it maps and the Pipedrive account it writes to, before anyone approves it:
 * every column accounted for, targets that exist (or custom fields to create, within the plan's cap),
 * transforms that fit their columns and their fields, required fields present, 1:N and N:1 rules well formed.
 */
import type { PlanName } from '../pipedrive/plans.js';
import { PLANS } from '../pipedrive/plans.js';
import { type MapContent, type MapRule, type ObjectMap, targetsOf } from './document.js';
import type { SourceFile } from './sources.js';
import { CUSTOM_FIELD_OBJECTS, normaliseLabel, type TargetCatalogue } from './targets.js';
import { checkRule, type RuleContext } from './validate-rule.js';

export type ValidationCode =
  | 'unknown_source'
  | 'duplicate_source'
  | 'unknown_column'
  | 'missing_column'
  | 'column_conflict'
  | 'why_missing'
  | 'unknown_target'
  | 'custom_not_allowed'
  | 'custom_conflict'
  | 'custom_cap'
  | 'unknown_transform'
  | 'transform_args'
  | 'arity'
  | 'type_mismatch'
  | 'duplicate_target'
  | 'required_missing'
  | 'no_source_file';

export interface ValidationIssue {
  severity: 'error' | 'warning';
  code: ValidationCode;
  /** One sentence: what is wrong and what to do. */
  message: string;
  source?: string;
  columns?: string[];
  target?: string;
}

export interface ValidationContext {
  files: readonly SourceFile[];
  catalogue: TargetCatalogue;
  /** The Pipedrive plan, for the custom field cap. */
  plan: PlanName;
}

export interface ValidationResult {
  ok: boolean;
  issues: ValidationIssue[];
  /** Custom fields the map would create, `object.custom:Label`. */
  customFieldsToCreate: string[];
  customFieldCap: { cap: number; existing: number; toCreate: number; reserved: number };
}

/** Fields Pipedrive refuses a record without; `person.name` may also come from first + last name. */
const REQUIRED: Record<string, readonly string[]> = {
  person: ['person.name'],
  organization: ['organization.name'],
  deal: ['deal.title'],
  note: ['note.content'],
  file: ['file.file'],
};

function checkCoverage(object: ObjectMap, file: SourceFile | undefined, issues: ValidationIssue[]): void {
  const source = object.source;
  if (!file) {
    issues.push({
      severity: 'warning',
      code: 'no_source_file',
      source,
      message: `No ${source} file in this snapshot.`,
    });
    return;
  }
  const headers = new Set(file.columns.map((c) => c.header));
  const mentioned = new Set(object.rules.flatMap((r) => r.from));
  for (const column of mentioned) {
    if (!headers.has(column)) {
      const message = `The ${source} file has no column "${column}". Columns: ${[...headers].join(', ')}.`;
      issues.push({ severity: 'error', code: 'unknown_column', source, columns: [column], message });
    }
  }
  for (const column of headers) {
    if (!mentioned.has(column)) {
      const message = `Column "${column}" of ${source} is in no rule: map it or ignore it ("ignore ${column}").`;
      issues.push({ severity: 'error', code: 'missing_column', source, columns: [column], message });
    }
  }
  const left = new Set(object.rules.filter((r) => r.to === null).flatMap((r) => r.from));
  for (const rule of object.rules) {
    if (rule.to === null) continue;
    for (const column of rule.from.filter((c) => left.has(c))) {
      const message = `Column "${column}" of ${source} is both left behind and mapped; keep one of the two.`;
      issues.push({ severity: 'error', code: 'column_conflict', source, columns: [column], message });
    }
  }
  for (const by of [...(object.fold?.by ?? [])]) {
    if (!headers.has(by)) {
      const message = `Rows of ${source} are folded by "${by}", which is not a column.`;
      issues.push({ severity: 'error', code: 'unknown_column', source, columns: [by], message });
    }
  }
}

function checkTargets(object: ObjectMap, issues: ValidationIssue[]): void {
  const written = new Map<string, MapRule[]>();
  for (const rule of object.rules) for (const t of targetsOf(rule)) written.set(t, [...(written.get(t) ?? []), rule]);
  const required = object.target ? (REQUIRED[object.target] ?? []) : [];
  for (const target of required) {
    const viaParts = target === 'person.name' && written.has('person.first_name') && written.has('person.last_name');
    if (!written.has(target) && !viaParts) {
      const message = `Pipedrive needs ${target} on every ${object.target}; map a column of ${object.source} to it.`;
      issues.push({ severity: 'error', code: 'required_missing', source: object.source, target, message });
    }
  }
}

function customKey(target: string): string {
  const [object, label] = target.split('.custom:');
  return `${object}.${normaliseLabel(label ?? '')}`;
}

/** Validates a whole map; `ok` is false when any issue is an error. */
export function validateMap(content: MapContent, context: ValidationContext): ValidationResult {
  const issues: ValidationIssue[] = [];
  const seenSources = new Set<string>();
  const toCreate = new Map<string, { target: string; type: string }>();
  for (const object of content.objects) {
    if (seenSources.has(object.source)) {
      const message = `${object.source} appears twice in the map; merge its rules into one object.`;
      issues.push({ severity: 'error', code: 'duplicate_source', source: object.source, message });
    }
    seenSources.add(object.source);
    const file = context.files.find((f) => f.entity === object.source);
    checkCoverage(object, file, issues);
    if (object.target === null) continue;
    const ruleContext: RuleContext = { object, file, catalogue: context.catalogue, issues, written: new Set() };
    for (const rule of object.rules) {
      for (const created of checkRule(rule, ruleContext)) {
        const key = customKey(created.target);
        const before = toCreate.get(key);
        if (before && before.type !== created.type) {
          const message = `${created.target} is created as ${before.type} and as ${created.type}; pick one type.`;
          issues.push({
            severity: 'error',
            code: 'custom_conflict',
            source: object.source,
            target: created.target,
            message,
          });
        }
        if (!before) toCreate.set(key, created);
      }
    }
    checkTargets(object, issues);
  }
  const cap = PLANS[context.plan].customFieldCap;
  const existing = context.catalogue.existingCustomCount;
  // The engine adds one "Ferry source id" custom field per object type that can hold one.
  const reserved = new Set(content.objects.map((o) => o.target).filter((t) => t && CUSTOM_FIELD_OBJECTS.includes(t)))
    .size;
  const total = existing + toCreate.size + reserved;
  if (total > cap) {
    issues.push({
      severity: 'error',
      code: 'custom_cap',
      message: `The map needs ${toCreate.size} new custom fields (+${reserved} for Ferry's source ids, ${existing} exist): ${total} in all, over the ${context.plan} plan's cap of ${cap}. Leave some columns behind or reuse fields.`,
    });
  }
  return {
    ok: !issues.some((i) => i.severity === 'error'),
    issues,
    customFieldsToCreate: [...toCreate.values()].map((c) => c.target),
    customFieldCap: { cap, existing, toCreate: toCreate.size, reserved },
  };
}
