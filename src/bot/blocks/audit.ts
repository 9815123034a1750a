/** `/ferry audit`: is the hash chain intact, what kinds of decisions it holds, and the latest ones. */
import type { AuditRow, AuditVerification } from '../../store/audit.js';
import { codeSections, context, fields, formatCount, header, type SlackMessage, section } from './kit.js';

const RECENT = 15;

export function buildAuditSummary(project: string, rows: readonly AuditRow[], check: AuditVerification): SlackMessage {
  const kinds = new Map<string, number>();
  for (const row of rows) kinds.set(row.kind, (kinds.get(row.kind) ?? 0) + 1);
  const byKind = [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${String(n).padStart(6)}  ${k}`);
  const recent = rows
    .slice(-RECENT)
    .reverse()
    .map((r) => `${r.at.slice(0, 19).replace('T', ' ')}  ${r.kind}  ${r.actor}`);
  const verdict = check.ok
    ? `✅ The chain of ${formatCount(check.rows)} entries is intact: nothing was edited, removed or reordered.`
    : `❌ The chain is broken at entry ${check.brokenAt}: an entry was changed or removed. Keep this file and tell the operator.`;
  return {
    text: `Audit trail of ${project}: ${check.ok ? 'intact' : 'broken'}, ${check.rows} entries`,
    blocks: [
      header(`Audit trail · ${project}`),
      section(verdict),
      fields([
        ['Entries', formatCount(rows.length)],
        ['Last hash', rows.length > 0 ? `\`${rows[rows.length - 1]!.hash.slice(0, 23)}…\`` : '—'],
      ]),
      ...codeSections(['Entries by kind', ...byKind]).slice(0, 2),
      ...codeSections([`Latest ${Math.min(RECENT, rows.length)}`, ...recent]).slice(0, 2),
      context(['The whole trail is in the CSV below.']),
    ],
  };
}

export function auditCsvRows(rows: readonly AuditRow[]): string[][] {
  return [
    ['id', 'at', 'actor', 'kind', 'detail', 'prev_hash', 'hash'],
    ...rows.map((r) => [String(r.id), r.at, r.actor, r.kind, JSON.stringify(r.detail), r.prevHash, r.hash]),
  ];
}
