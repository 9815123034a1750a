/** Plain-text views of a map for people (the CLI; the Slack bot builds blocks from the same pieces). */
import { describeRule } from './diff.js';
import type { MapContent, MapDocument, MapRule, ObjectMap } from './document.js';
import type { ProposeReport } from './propose.js';
import type { ValidationResult } from './validate.js';

function ruleLine(rule: MapRule): string {
  const columns = rule.from.length > 0 ? rule.from.join(' + ') : '(constant)';
  const meta = [rule.origin, rule.confidence === undefined ? undefined : rule.confidence.toFixed(2)]
    .filter(Boolean)
    .join(' ');
  const why = rule.why ? ` — ${rule.why}` : '';
  return `  ${columns} → ${describeRule(rule)}${meta ? `  [${meta}]` : ''}${why}`;
}

function objectHeader(object: ObjectMap): string {
  const match = object.match ? `; match by ${object.match.by.join(', ')} → ${object.match.policy}` : '';
  const fold = object.fold ? `; one record per ${object.fold.by.join(' + ')}` : '';
  return `${object.source} → ${object.target ?? 'not migrated'}${match}${fold}`;
}

export function renderContent(content: MapContent): string {
  return content.objects.map((o) => [objectHeader(o), ...o.rules.map(ruleLine)].join('\n')).join('\n\n');
}

export function renderDocument(document: MapDocument): string {
  const approval =
    document.status === 'approved' ? `, approved by ${document.approved_by} at ${document.approved_at}` : '';
  const head = `Map of ${document.project}, version ${document.version} (${document.status}${approval})\n${document.hash}`;
  return `${head}\n\n${renderContent(document)}`;
}

export function renderValidation(result: ValidationResult): string {
  const cap = result.customFieldCap;
  const lines = [
    `Custom fields: ${cap.toCreate} to create + ${cap.reserved} for source ids + ${cap.existing} existing of ${cap.cap} allowed.`,
  ];
  const errors = result.issues.filter((i) => i.severity === 'error');
  const warnings = result.issues.filter((i) => i.severity === 'warning');
  if (errors.length === 0) lines.push('No errors.');
  for (const issue of errors) lines.push(`error: ${issue.message}`);
  for (const issue of warnings) lines.push(`warning: ${issue.message}`);
  return lines.join('\n');
}

export function renderReport(report: ProposeReport): string {
  const d = report.decidedBy;
  const llm = report.llm.used
    ? `LLM: ${report.llm.calls} call(s), ${report.llm.failures} failed, ${report.llm.rejected.length} item(s) rejected`
    : 'LLM: not used (no key, or --offline)';
  const rejected = report.llm.rejected.map(
    (r) => `  rejected ${r.source}.${r.column ?? '?'} → ${r.target ?? '?'}: ${r.reason}`,
  );
  return [
    `Columns decided: ${d.remembered} remembered, ${d.rule} by rules, ${d.llm} by the LLM, ${d.open} left for a person.`,
    llm,
    ...rejected,
  ].join('\n');
}
