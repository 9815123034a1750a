/**
 * The first two proposers. History: rules of an approved map of an earlier project, reused when the same
 * headers come back. Rules: Ferry's defaults (src/mapping/defaults) applied to the columns whose meaning the
 * headers or values give away. Whatever neither decides stays open for the LLM or a person.
 */
import {
  type ConstantRule,
  type EntityTemplate,
  type KeyDecision,
  type PresentColumn,
  TEMPLATES,
} from './defaults/index.js';
import type { MapContent, MapRule, ObjectMap } from './document.js';
import { normaliseHeader, type ResolvedColumn, resolveColumns } from './headers.js';
import type { ColumnProfile, SourceFile, SourceLanguage } from './sources.js';

/** One file's map while proposers fill it: decided rules, and the columns still open. */
export interface FileProposal {
  file: SourceFile;
  object: ObjectMap;
  open: ColumnProfile[];
}

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * Rules from the newest remembered map that has this entity, kept when every column they read is in the file
 * (headers compared after normalisation, rewritten to this file's spelling).
 */
export function proposeFromHistory(file: SourceFile, remembered: readonly MapContent[]): FileProposal | null {
  const previous = remembered.flatMap((m) => m.objects).find((o) => o.source === file.entity);
  if (!previous) return null;
  const byNormalised = new Map(file.columns.map((c) => [normaliseHeader(c.header), c.header]));
  const rules: MapRule[] = [];
  for (const rule of previous.rules) {
    const from = rule.from.map((h) => byNormalised.get(normaliseHeader(h)));
    if (from.some((h) => h === undefined)) continue;
    const adopted: MapRule = {
      ...structuredClone(rule),
      from: from as string[],
      origin: 'remembered',
      confidence: 0.99,
    };
    adopted.why = rule.why ?? 'as approved for an earlier project';
    rules.push(adopted);
  }
  const used = new Set(rules.flatMap((r) => r.from));
  const object: ObjectMap = { source: file.entity, target: previous.target, rules };
  if (previous.match) object.match = structuredClone(previous.match);
  if (previous.fold) object.fold = structuredClone(previous.fold);
  return { file, object, open: file.columns.filter((c) => !used.has(c.header)) };
}

function decisionFor(template: EntityTemplate, key: string, column: ColumnProfile, lang: SourceLanguage) {
  const rule = template.keys[key];
  if (rule === undefined) return undefined;
  return typeof rule === 'function' ? rule(column, lang) : rule;
}

function ruleFrom(decision: KeyDecision, from: string[], confidence: number, why: string): MapRule {
  const rule: MapRule = { from, to: decision.to };
  if (decision.transform) rule.transform = structuredClone(decision.transform);
  if (decision.custom) rule.custom = structuredClone(decision.custom);
  rule.confidence = round(confidence);
  rule.origin = 'rule';
  rule.why = why;
  return rule;
}

const byValues = (resolved: ResolvedColumn | undefined): string =>
  resolved?.how === 'values' ? ' (recognised by its values)' : '';

/** Applies the entity's defaults to the open columns of `base` (or of the whole file when there is no history). */
export function proposeFromRules(file: SourceFile, lang: SourceLanguage, base: FileProposal | null): FileProposal {
  const template = TEMPLATES[file.entity](lang);
  const object: ObjectMap = base?.object ?? { source: file.entity, target: template.target, rules: [] };
  if (!base && template.match) object.match = structuredClone(template.match);
  const open = base?.open ?? file.columns;
  // History chose another object for this file: the defaults do not apply to it.
  if (object.target !== template.target) return { file, object, open: [...open] };

  const resolved = resolveColumns(file);
  const openHeaders = new Set(open.map((c) => c.header));
  const present = new Map<string, { column: ColumnProfile; resolved: ResolvedColumn }>();
  for (const column of open) {
    const r = resolved.get(column.header);
    if (r) present.set(r.key, { column, resolved: r });
  }

  const rules: MapRule[] = [];
  const grouped = new Set<string>();
  for (const group of template.groups) {
    const members: PresentColumn[] = group.keys.flatMap((key) => {
      const p = present.get(key);
      return p ? [{ key, header: p.column.header }] : [];
    });
    const required = group.required ?? [];
    if (members.length === 0 || required.some((k) => !present.has(k))) continue;
    const confidence = Math.min(...members.map((m) => present.get(m.key)!.resolved.confidence));
    const decision: KeyDecision = { to: group.to, transform: group.transform(members), why: group.why };
    if (group.custom) decision.custom = group.custom;
    rules.push(
      ruleFrom(
        decision,
        members.map((m) => m.header),
        confidence,
        group.why,
      ),
    );
    for (const m of members) grouped.add(m.key);
  }
  for (const [key, { column, resolved: r }] of present) {
    const decision = decisionFor(template, key, column, lang);
    if (decision) rules.push(ruleFrom(decision, [column.header], r.confidence, decision.why + byValues(r)));
    else if (!grouped.has(key)) {
      rules.push(ruleFrom({ to: null, why: '' }, [column.header], r.confidence, 'Ferry has no use for this column'));
    }
  }
  const existingTargets = new Set(object.rules.flatMap((r) => (typeof r.to === 'string' ? [r.to] : [])));
  for (const constant of template.constants ?? []) {
    if (!existingTargets.has(constant.to)) rules.push(constantRule(constant));
  }
  if (template.foldBy && !object.fold) {
    const by = template.foldBy.flatMap((k) => {
      const p = present.get(k);
      return p ? [p.column.header] : [];
    });
    if (by.length > 0) object.fold = { by };
  }
  object.rules = orderRules(file, [...object.rules, ...rules]);
  const decided = new Set(object.rules.flatMap((r) => r.from));
  return { file, object, open: file.columns.filter((c) => openHeaders.has(c.header) && !decided.has(c.header)) };
}

function constantRule(constant: ConstantRule): MapRule {
  return {
    from: [],
    to: constant.to,
    transform: { name: 'constant', args: { value: constant.value } },
    confidence: 1,
    origin: 'rule',
    why: constant.why,
  };
}

/** Rules in the file's column order (by their first column); constants last. Stable for equal positions. */
export function orderRules(file: SourceFile, rules: readonly MapRule[]): MapRule[] {
  const position = new Map(file.columns.map((c, i) => [c.header, i]));
  const at = (rule: MapRule) =>
    rule.from.length === 0 ? Number.MAX_SAFE_INTEGER : Math.min(...rule.from.map((h) => position.get(h) ?? 1e9));
  return rules
    .map((rule, i) => ({ rule, i }))
    .sort((a, b) => at(a.rule) - at(b.rule) || a.i - b.i)
    .map((x) => x.rule);
}

/** Closes a proposal: every column still open is left behind, saying that nothing recognised it. */
export function closeOpen(proposal: FileProposal): ObjectMap {
  const rules = proposal.open.map(
    (column): MapRule => ({
      from: [column.header],
      to: null,
      confidence: 0.3,
      origin: 'rule',
      why:
        column.fillRate === 0
          ? 'the column is empty'
          : 'not recognised: left behind until someone maps it ("map <column> to <field>")',
    }),
  );
  return { ...proposal.object, rules: orderRules(proposal.file, [...proposal.object.rules, ...rules]) };
}
