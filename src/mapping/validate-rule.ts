/** Checks one rule: its targets exist, its transform exists, reads and writes the right number of columns, and fits. */
import type { CustomFieldType, MapRule, ObjectMap } from './document.js';
import { accepts } from './kinds.js';
import type { SourceFile } from './sources.js';
import { CUSTOM_FIELD_OBJECTS, parseTarget, type TargetCatalogue, type TargetField } from './targets.js';
import { getTransform, producedKinds } from './transforms/index.js';
import type { ValidationIssue } from './validate.js';

export interface RuleContext {
  object: ObjectMap;
  file: SourceFile | undefined;
  catalogue: TargetCatalogue;
  issues: ValidationIssue[];
  /** Single-valued targets already written by an earlier rule of this object. */
  written?: Set<string>;
}

function fieldNames(catalogue: TargetCatalogue, object: ObjectMap): string {
  if (object.target === null) return '';
  return catalogue
    .fieldsOf(object.target)
    .map((f) => `${f.object}.${f.key}`)
    .join(', ');
}

/** The field a target names, or null after reporting why it is not usable. */
function resolveTarget(
  target: string,
  rule: MapRule,
  single: boolean,
  ctx: RuleContext,
): { field: TargetField; create?: CustomFieldType } | null {
  const { object, catalogue, issues } = ctx;
  const report = (code: ValidationIssue['code'], message: string) =>
    issues.push({ severity: 'error', code, source: object.source, columns: rule.from, target, message });
  const parsed = parseTarget(target);
  if (!parsed || parsed.object !== object.target) {
    report(
      'unknown_target',
      `"${target}" is not a field of ${object.target}. Fields: ${fieldNames(catalogue, object)}.`,
    );
    return null;
  }
  const existing = catalogue.find(target);
  if (!parsed.custom) {
    if (existing) return { field: existing };
    report(
      'unknown_target',
      `${target} is not a Pipedrive field. Fields of ${object.target}: ${fieldNames(catalogue, object)}.`,
    );
    return null;
  }
  if (!CUSTOM_FIELD_OBJECTS.includes(parsed.object)) {
    report('custom_not_allowed', `Pipedrive cannot add custom fields to ${parsed.object} records through its API.`);
    return null;
  }
  if (existing) return { field: existing };
  if (!rule.custom || !single) {
    const column = rule.from[0] ?? 'column';
    report(
      'unknown_target',
      `Pipedrive has no ${parsed.object} field "${parsed.label}". To create it, say: new ${parsed.object} field "${parsed.label}" varchar from ${column}.`,
    );
    return null;
  }
  const field: TargetField = {
    object: parsed.object,
    key: `custom:${parsed.label}`,
    label: parsed.label,
    type: rule.custom.type,
    custom: true,
  };
  return { field, create: rule.custom.type };
}

/** Checks a mapped rule; returns the custom fields it would create. Reports problems into `ctx.issues`. */
export function checkRule(rule: MapRule, ctx: RuleContext): { target: string; type: string }[] {
  const { object, issues } = ctx;
  const report = (code: ValidationIssue['code'], message: string, target?: string) =>
    issues.push({
      severity: 'error',
      code,
      source: object.source,
      columns: rule.from,
      message,
      ...(target === undefined ? {} : { target }),
    });
  const label = rule.from.length > 0 ? rule.from.join(' + ') : 'a constant';
  if (rule.to === null) {
    if (!rule.why || rule.why.trim() === '') report('why_missing', `Say why ${label} is left behind.`);
    return [];
  }
  const targets = typeof rule.to === 'string' ? [rule.to] : rule.to;
  const name = rule.transform?.name ?? 'trim';
  const def = getTransform(name);
  if (!def) {
    report('unknown_transform', `There is no transform "${name}" (rule for ${label}).`);
    return [];
  }
  if (rule.from.length < def.inputs.min || rule.from.length > def.inputs.max) {
    const range = def.inputs.min === def.inputs.max ? `${def.inputs.min}` : `${def.inputs.min}–${def.inputs.max}`;
    report('arity', `${name} reads ${range} column(s); the rule for ${targets.join(', ')} gives ${rule.from.length}.`);
  }
  if (targets.length !== def.outputs) {
    report('arity', `${name} fills ${def.outputs} field(s); the rule for ${label} names ${targets.length}.`);
  }
  const argsProblem = def.checkArgs?.(rule.transform?.args ?? {});
  if (argsProblem) report('transform_args', `Rule for ${label}: ${argsProblem}.`);

  for (const column of rule.from) {
    const profile = ctx.file?.columns.find((c) => c.header === column);
    if (profile && def.accepts && profile.kind !== 'empty' && !def.accepts.includes(profile.kind)) {
      report('type_mismatch', `Column "${column}" holds ${profile.kind} values; ${name} cannot convert those.`);
    }
  }
  const created: { target: string; type: string }[] = [];
  const kinds = producedKinds(rule.transform);
  targets.forEach((target, i) => {
    const resolved = resolveTarget(target, rule, targets.length === 1, ctx);
    if (!resolved) return;
    if (resolved.create) created.push({ target, type: resolved.create });
    const kind = kinds[i];
    if (kind !== undefined && !accepts(resolved.field.type, kind)) {
      report(
        'type_mismatch',
        `${label} gives ${kind} values but ${target} is a ${resolved.field.type} field; use a transform that fits (e.g. "transform ${rule.from[0] ?? ''} …").`,
        target,
      );
    }
    if (!resolved.field.multi && ctx.written) {
      if (ctx.written.has(target)) {
        report(
          'duplicate_target',
          `${target} is filled by two rules; join the columns in one rule or drop one.`,
          target,
        );
      }
      ctx.written.add(target);
    }
  });
  return created;
}
