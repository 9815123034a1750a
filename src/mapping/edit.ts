/**
 * Applies one edit command to a map's content, purely: the store saves the result as a new version.
 * Every rule an edit writes has `origin: "human"`. An edit that would leave the rule it touches invalid is
 * refused with the validator's sentence, so a person finds out while typing, not at approval.
 */
import { customTypeFor, defaultTransform } from './choose-transform.js';
import { contentOf, type JsonValue, type MapContent, type MapRule, type ObjectMap, targetsOf } from './document.js';
import { resolveColumn } from './edit-columns.js';
import type { EditCommand } from './edit-language.js';
import { orderRules } from './propose-rules.js';
import type { ColumnProfile, SourceFile } from './sources.js';
import { CUSTOM_FIELD_OBJECTS, customTarget, parseTarget, type TargetCatalogue, type TargetField } from './targets.js';
import { getTransform } from './transforms/index.js';
import type { ValidationIssue } from './validate.js';
import { checkRule } from './validate-rule.js';

export interface EditContext {
  files: readonly SourceFile[];
  catalogue: TargetCatalogue;
  /** Who edits (`cli:jan`, `slack:U123`); written into the rule's `why`. */
  actor: string;
}

export type EditOutcome = { ok: true; content: MapContent; summary: string } | { ok: false; message: string };

type Located = { object: ObjectMap; file: SourceFile | undefined; column: ColumnProfile };

const refuse = (message: string): EditOutcome => ({ ok: false, message });

/** Removes `header` from a rule; args lists aligned with `from` (labels, address parts) lose the same entry. */
function withoutColumn(rule: MapRule, header: string): MapRule | null {
  const index = rule.from.indexOf(header);
  if (index < 0) return rule;
  const from = rule.from.filter((_, i) => i !== index);
  const def = getTransform(rule.transform?.name ?? 'trim');
  if (from.length === 0 || (def && from.length < def.inputs.min)) return null;
  const next: MapRule = { ...structuredClone(rule), from };
  const args = next.transform?.args;
  if (args) {
    for (const [key, value] of Object.entries(args)) {
      if (Array.isArray(value) && value.length === rule.from.length) args[key] = value.filter((_, i) => i !== index);
    }
  }
  return next;
}

/** Columns no rule reads any more get a left-behind rule, so the map stays complete. */
function keepComplete(object: ObjectMap, before: readonly string[], why: string): void {
  const read = new Set(object.rules.flatMap((r) => r.from));
  for (const column of before) {
    if (!read.has(column)) object.rules.push({ from: [column], to: null, origin: 'human', confidence: 1, why });
  }
}

function finish(
  object: ObjectMap,
  file: SourceFile | undefined,
  rule: MapRule | null,
  summary: string,
  content: MapContent,
  catalogue: TargetCatalogue,
): EditOutcome {
  if (rule) {
    const issues: ValidationIssue[] = [];
    checkRule(rule, { object, file, catalogue, issues });
    if (issues.length > 0) return refuse(issues[0]!.message);
  }
  if (file) object.rules = orderRules(file, object.rules);
  return { ok: true, content, summary };
}

/** Sends `column` to `target` (replacing its own rules and any rule already filling a single-valued target). */
function mapTo(
  content: MapContent,
  at: Located,
  target: string,
  ctx: EditContext,
  custom?: MapRule['custom'],
): EditOutcome {
  const { object, file, column } = at;
  const parsed = parseTarget(target);
  if (!parsed) return refuse(`"${target}" is not a field. Write object.field (person.phones) or object.custom:Label.`);
  if (parsed.object !== object.target) {
    return refuse(
      `${column.header} is in ${object.source}, which becomes ${object.target ?? 'nothing'} records; ${target} is a ${parsed.object} field.`,
    );
  }
  const existing = ctx.catalogue.find(target);
  if (!existing && parsed.custom && !custom) {
    return refuse(
      `Pipedrive has no ${parsed.object} field "${parsed.label}". To create it: new ${parsed.object} field "${parsed.label}" ${customTypeFor(column.kind)} from ${column.header}.`,
    );
  }
  const field: TargetField = existing ?? {
    object: parsed.object,
    key: target.slice(target.indexOf('.') + 1),
    label: parsed.custom ? parsed.label : target,
    type: custom?.type ?? 'varchar',
    custom: true,
  };
  const own = (r: MapRule) => r.from.length === 1 && r.from[0] === column.header;
  if (object.rules.some((r) => own(r) && r.to === target)) {
    return { ok: true, content, summary: `${object.source}.${column.header} already goes to ${target}` };
  }
  const before = object.rules.flatMap((r) => r.from);
  object.rules = object.rules.filter((r) => !own(r));
  if (!field.multi) object.rules = object.rules.filter((r) => !targetsOf(r).includes(target));
  const rule: MapRule = { from: [column.header], to: target };
  const transform = defaultTransform(field, column.kind, column.columnKey);
  if (transform) rule.transform = transform;
  if (custom && !existing) rule.custom = custom;
  Object.assign(rule, { confidence: 1, origin: 'human', why: `set by ${ctx.actor}` });
  object.rules.push(rule);
  keepComplete(object, before, `left behind: ${target} now comes from ${column.header} (${ctx.actor})`);
  return finish(
    object,
    file,
    rule,
    `${object.source}.${column.header} → ${target}${transform ? ` (${transform.name})` : ''}`,
    content,
    ctx.catalogue,
  );
}

function ignore(content: MapContent, at: Located, reason: string | null, ctx: EditContext): EditOutcome {
  const { object, file, column } = at;
  const before = object.rules.flatMap((r) => r.from);
  object.rules = object.rules.flatMap((r) => {
    const next = withoutColumn(r, column.header);
    return next ? [next] : [];
  });
  object.rules.push({
    from: [column.header],
    to: null,
    origin: 'human',
    confidence: 1,
    why: reason ?? `ignored by ${ctx.actor}`,
  });
  keepComplete(object, before, `left behind with ${column.header} (${ctx.actor})`);
  return finish(object, file, null, `${object.source}.${column.header} → left behind`, content, ctx.catalogue);
}

function setTransform(
  content: MapContent,
  at: Located,
  name: string,
  args: Record<string, JsonValue>,
  ctx: EditContext,
): EditOutcome {
  const { object, file, column } = at;
  const reading = object.rules.filter((r) => r.to !== null && r.from.includes(column.header));
  const single = reading.filter((r) => r.from.length === 1);
  const candidates = single.length > 0 ? single : reading;
  if (candidates.length === 0)
    return refuse(`${column.header} is left behind; map it first ("map ${column.header} to …").`);
  if (candidates.length > 1) {
    return refuse(
      `${column.header} feeds ${candidates.length} rules (${candidates.map((r) => targetsOf(r).join('+')).join(', ')}); map it to one field first.`,
    );
  }
  if (name !== 'none' && !getTransform(name)) return refuse(`There is no transform "${name}".`);
  const rule = candidates[0]!;
  if (name === 'none') delete rule.transform;
  else rule.transform = Object.keys(args).length > 0 ? { name, args } : { name };
  Object.assign(rule, { origin: 'human', confidence: 1, why: `transform set by ${ctx.actor}` });
  return finish(object, file, rule, `${object.source}.${column.header}: transform ${name}`, content, ctx.catalogue);
}

/** Applies a command (not `undo`: undoing needs the version history, which the store has). */
export function applyEdit(
  current: MapContent,
  command: Exclude<EditCommand, { kind: 'undo' }>,
  ctx: EditContext,
): EditOutcome {
  const content = contentOf(current);
  const hint =
    command.kind === 'map' ? parseTarget(command.target)?.object : command.kind === 'new' ? command.object : undefined;
  const found = resolveColumn(content, ctx.files, command.column, hint);
  if (!found.ok) return refuse(found.message);
  const at: Located = found.located;
  switch (command.kind) {
    case 'map':
      return mapTo(content, at, command.target, ctx);
    case 'ignore':
      return ignore(content, at, command.reason, ctx);
    case 'new': {
      if (!CUSTOM_FIELD_OBJECTS.includes(command.object)) {
        return refuse(
          `Pipedrive cannot add custom fields to ${command.object} records; pick person, organization or deal.`,
        );
      }
      const type = command.type ?? customTypeFor(at.column.kind);
      return mapTo(content, at, customTarget(command.object, command.label), ctx, { type });
    }
    case 'transform':
      return setTransform(content, at, command.name, command.args, ctx);
  }
}
