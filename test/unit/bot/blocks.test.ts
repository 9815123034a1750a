import { describe, expect, it } from 'vitest';
import { auditCsvRows, buildAuditSummary } from '../../../src/bot/blocks/audit.js';
import { buildConnectModal } from '../../../src/bot/blocks/connect-modal.js';
import { buildHelpMessage } from '../../../src/bot/blocks/help.js';
import { chunkLines, codeSections, MAX_TEXT_CHARS, truncate } from '../../../src/bot/blocks/kit.js';
import {
  buildMapApproved,
  buildMapEditReply,
  buildMapReview,
  confidenceBand,
  mapCsvRows,
  summariseMap,
} from '../../../src/bot/blocks/map-review.js';
import { buildProgressMessage, formatDuration, progressBar } from '../../../src/bot/blocks/progress.js';
import { buildProjectCard, nextStep, type ProjectFacts } from '../../../src/bot/blocks/project-card.js';
import { buildResultMessage } from '../../../src/bot/blocks/result.js';
import { buildRollbackConfirmation } from '../../../src/bot/blocks/rollback.js';
import { buildStatusMessage } from '../../../src/bot/blocks/status.js';
import { ACTION, parseVersionValue } from '../../../src/bot/ids.js';
import { diffMaps } from '../../../src/mapping/diff.js';
import type { AuditRow } from '../../../src/store/audit.js';
import { blockKitViolations } from './block-limits.js';
import { largeMap, smallMap } from './fixtures.js';

const facts = (over: Partial<ProjectFacts> = {}): ProjectFacts => ({
  project: 'de-smet',
  name: 'Tandartsen De Smet',
  snapshot: null,
  connection: null,
  map: null,
  runs: [],
  ...over,
});

const texts = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);

describe('project card', () => {
  it('shows status, the next step and the Connect / Review buttons', () => {
    const card = buildProjectCard(facts());
    expect(blockKitViolations(card)).toEqual([]);
    const actions = card.blocks.find((b) => b.type === 'actions') as any;
    expect(actions.elements.map((e: any) => e.action_id)).toEqual([ACTION.connectOpen, ACTION.mapReview]);
    expect(actions.elements.every((e: any) => e.value === 'de-smet')).toBe(true);
    expect(texts(card)).toContain('Upload the DentAdmin CSV exports');
  });

  it('walks the next step through the whole flow', () => {
    const staged = { id: 1, status: 'staged' as const, files: 8, rows: 12000 };
    const connection = { companyName: 'De Smet', tokenLast4: 'abcd' };
    const approved = { version: 2, status: 'approved' as const, hash: 'sha256:x' };
    expect(nextStep(facts({ snapshot: staged }))).toMatch(/Connect Pipedrive/);
    expect(nextStep(facts({ snapshot: staged, connection }))).toMatch(/Review map/);
    expect(nextStep(facts({ snapshot: staged, connection, map: { ...approved, status: 'proposed' } }))).toMatch(
      /approver/,
    );
    expect(nextStep(facts({ snapshot: staged, connection, map: approved }))).toMatch(/preflight/);
    const runs = [{ id: 4, kind: 'preflight' as const, status: 'done' as const }];
    expect(nextStep(facts({ snapshot: staged, connection, map: approved, runs }))).toMatch(/sample/);
    const running = [{ id: 5, kind: 'sample' as const, status: 'running' as const }, ...runs];
    expect(nextStep(facts({ snapshot: staged, connection, map: approved, runs: running }))).toMatch(/#5.*under way/);
    const rolledBack = [
      { id: 7, kind: 'rollback' as const, status: 'done' as const },
      { id: 6, kind: 'full' as const, status: 'rolled_back' as const },
      { id: 5, kind: 'sample' as const, status: 'rolled_back' as const },
      ...runs,
    ];
    expect(nextStep(facts({ snapshot: staged, connection, map: approved, runs: rolledBack }))).toMatch(
      /^Rolled back by run #7.*`\/ferry sample`/,
    );
  });

  it('shows only the last 4 characters of the token and names the company', () => {
    const card = buildProjectCard(facts({ connection: { companyName: 'De Smet <BV>', tokenLast4: 'wxyz' } }));
    expect(texts(card)).toContain('…wxyz');
    expect(texts(card)).toContain('De Smet &lt;BV&gt;');
  });

  it('status adds roles and runs without the card buttons', () => {
    const status = buildStatusMessage(facts({ runs: [{ id: 1, kind: 'full', status: 'done' }] }), [
      { user: 'U1', team: 'T1', role: 'operator' },
      { user: 'U2', team: 'T2', role: 'approver' },
    ]);
    expect(blockKitViolations(status)).toEqual([]);
    expect(status.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(texts(status)).toContain('<@U1>');
    expect(texts(status)).toContain('full load');
  });
});

describe('progress', () => {
  it('draws counts, tokens and ETA, with new block ids on every revision', () => {
    const p = {
      kind: 'full' as const,
      phase: 'persons',
      done: 250,
      total: 1000,
      tokensSpent: 5000,
      tokensLeft: 20000,
      etaSeconds: 600,
    };
    const a = buildProgressMessage(12, p, 1);
    const b = buildProgressMessage(12, p, 2);
    expect(blockKitViolations(a)).toEqual([]);
    expect(texts(a)).toContain('250 / 1,000');
    expect(texts(a)).toContain('5,000 API tokens spent, 20,000 left today');
    expect(texts(a)).toContain('About 10 min left');
    expect((a.blocks[0] as any).block_id).not.toBe((b.blocks[0] as any).block_id);
    expect(texts(buildProgressMessage(12, { ...p, pausedUntil: '00:05' }, 3))).toContain('Paused until 00:05');
    const finished = texts(buildProgressMessage(12, { ...p, phase: 'note:notes', done: 0, total: 1 }, 4, 'done'));
    expect(finished).toContain('Finished: done');
    expect(finished).toContain('all steps done');
    expect(finished).toMatch(/100%/);
    expect(texts(buildProgressMessage(12, { ...p, phase: 'person:patients' }, 5))).toContain('persons from patients');
    expect(texts(buildProgressMessage(12, { ...p, phase: 'person:patients' }, 6, 'failed'))).toContain(
      'persons from patients',
    );
  });

  it('formats bars and durations', () => {
    expect(progressBar(0, 0)).toMatch(/0%$/);
    expect(progressBar(1, 2)).toMatch(/50%$/);
    expect(progressBar(5, 2)).toMatch(/100%$/);
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(7500)).toBe('2 h 05 min');
  });
});

describe('results', () => {
  it('keeps a long result within the limits and says what was cut', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i}: ${'x'.repeat(80)}`);
    const message = buildResultMessage({
      kind: 'ingest',
      status: 'staged',
      lines,
      attachments: [{ filename: 'defects.csv', title: 'd', content: 'a' }],
    });
    expect(blockKitViolations(message)).toEqual([]);
    expect(texts(message)).toContain('more parts not shown');
    expect(texts(message)).toContain('defects.csv');
  });

  it('titles each kind and marks failures', () => {
    const message = buildResultMessage({ kind: 'reconcile', status: 'failed', lines: ['Mismatch'] }, 7);
    expect(texts(message)).toContain('❌ Reconciliation receipt · run #7');
    expect(message.text).toContain('Reconciliation receipt: failed');
  });
});

describe('map review', () => {
  it('summarises confidence, new fields and left-behind columns', () => {
    const s = summariseMap(smallMap());
    expect(s.bands).toEqual({ high: 1, medium: 1, low: 1, unrated: 0, left_behind: 1 });
    expect(s.newFields).toEqual(['person "Huisarts" (varchar)']);
    expect(s.leftBehind).toEqual(['patients.Beroep']);
    expect(confidenceBand({ from: ['a'], to: 'person.name' })).toBe('unrated');
  });

  it('puts version and hash in the Approve and Request changes buttons', () => {
    const review = buildMapReview(smallMap());
    const actions = review.actions.blocks.find((b) => b.type === 'actions') as any;
    const [approve, changes] = actions.elements;
    expect(approve.action_id).toBe(ACTION.mapApprove);
    expect(approve.style).toBe('primary');
    expect(parseVersionValue(approve.value)).toEqual({ version: 3, hash: smallMap().hash });
    expect(changes.value).toBe(approve.value);
    for (const m of [review.summary, ...review.pages, review.actions]) expect(blockKitViolations(m)).toEqual([]);
  });

  it('pages a large map across messages, each within Block Kit limits, losing no row', () => {
    const map = largeMap(150, 4);
    const review = buildMapReview(map);
    expect(review.pages.length).toBeGreaterThan(1);
    for (const page of review.pages) {
      expect(blockKitViolations(page)).toEqual([]);
      for (const b of page.blocks as any[])
        if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    }
    const all = review.pages.map(texts).join('');
    for (const object of map.objects) for (const rule of object.rules) expect(all).toContain(rule.from[0]);
    expect(texts(review.pages.at(-1)!)).toContain(`page ${review.pages.length} of ${review.pages.length}`);
  });

  it('writes every rule to the CSV', () => {
    const rows = mapCsvRows(smallMap());
    expect(rows).toHaveLength(5);
    expect(rows[2]).toEqual([
      'patients',
      'GSM',
      'person',
      'person.phones',
      'phone',
      '{"label":"mobile"}',
      '',
      '0.72',
      'llm',
      '',
    ]);
  });

  it('shows an edit as changed rows with the new version buttons and a voided approval', () => {
    const before = { ...smallMap(), status: 'approved' as const };
    const after = smallMap({ version: 4, hash: 'sha256:new' });
    after.objects[0]!.rules[1] = { from: ['GSM'], to: null, origin: 'human', confidence: 1 };
    const reply = buildMapEditReply({
      document: after,
      changes: diffMaps(before, after),
      summary: 'patients.GSM → left behind',
      editor: 'U9',
      voided: 3,
      problems: ['person.name is required'],
    });
    expect(blockKitViolations(reply)).toEqual([]);
    expect(texts(reply)).toContain('~ patients.GSM: person.phones (phone mobile) → left behind');
    expect(texts(reply)).toContain('voids the approval of v3');
    expect(texts(reply)).toContain('4:sha256:new');
    expect(texts(buildMapApproved(after, 'U9'))).toContain('approved');
  });
});

describe('rollback confirmation', () => {
  it('shows deleted, restored and kept counts behind a danger button with a confirmation', () => {
    const message = buildRollbackConfirmation(
      {
        targetRunId: 12,
        targetKind: 'full',
        runIds: [12],
        delete: { persons: 1204, deals: 30 },
        restore: { persons: 12 },
        keepAsConflicts: { notes: 3 },
        notes: ['3 notes were edited since'],
        estimatedTokens: 25000,
      },
      'U_ENG',
    );
    expect(blockKitViolations(message)).toEqual([]);
    const t = texts(message);
    expect(t).toContain('1,204 persons, 30 deals');
    expect(t).toContain('*Restored:* 12 persons');
    expect(t).toContain('*Kept as conflicts:* 3 notes');
    const actions = message.blocks.find((b) => b.type === 'actions') as any;
    const confirm = actions.elements[0];
    expect(confirm.action_id).toBe(ACTION.rollbackConfirm);
    expect(confirm.style).toBe('danger');
    expect(confirm.confirm.style).toBe('danger');
    expect(confirm.value).toBe('12');
    expect(actions.elements[1].action_id).toBe(ACTION.rollbackCancel);
  });

  it('names every load when the whole migration is rolled back, and carries `all`', () => {
    const message = buildRollbackConfirmation(
      {
        targetRunId: null,
        targetKind: null,
        runIds: [2, 3, 5],
        delete: { persons: 60 },
        restore: {},
        keepAsConflicts: {},
        notes: [],
      },
      'U_ENG',
    );
    expect(blockKitViolations(message)).toEqual([]);
    expect(message.text).toMatch(/^Roll back the whole migration \(runs #2, #3, #5\)\?/);
    const actions = message.blocks.find((b) => b.type === 'actions') as any;
    expect(actions.elements.map((e: any) => e.value)).toEqual(['all', 'all']);
    expect(texts(message)).toContain('*Restored:* nothing');
  });
});

describe('connect modal', () => {
  it('asks for the token and an optional URL, and carries only the project id', () => {
    const view = buildConnectModal('de-smet');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.parse(view.private_metadata!)).toEqual({ project: 'de-smet' });
    const inputs = view.blocks.filter((b) => b.type === 'input') as any[];
    expect(inputs.map((b) => [b.block_id, b.optional ?? false])).toEqual([
      ['token', false],
      ['base_url', true],
      ['plan', true],
    ]);
  });
});

describe('help and audit', () => {
  it('lists every subcommand', () => {
    const help = buildHelpMessage();
    expect(blockKitViolations(help)).toEqual([]);
    for (const word of [
      'new',
      'status',
      'role',
      'preflight',
      'sample',
      'run',
      'delta',
      'reconcile',
      'rollback',
      'audit',
    ]) {
      expect(texts(help)).toContain(`/ferry ${word}`);
    }
  });

  it('summarises the chain and exports every row', () => {
    const rows: AuditRow[] = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      project: 'p',
      at: new Date(0).toISOString(),
      actor: 'slack:U1@T1',
      kind: i % 2 ? 'map.edited' : 'role.granted',
      detail: { i },
      prevHash: 'x',
      hash: `sha256:${i}`,
    }));
    const summary = buildAuditSummary('p', rows, { ok: false, rows: 40, brokenAt: 7 });
    expect(blockKitViolations(summary)).toEqual([]);
    expect(texts(summary)).toContain('broken at entry 7');
    expect(auditCsvRows(rows)).toHaveLength(41);
  });
});

describe('kit', () => {
  it('chunks lines within the limit and truncates over-long ones', () => {
    const chunks = chunkLines(['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(50)], 25);
    expect(chunks).toEqual([`${'a'.repeat(10)}\n${'b'.repeat(10)}`, truncate('c'.repeat(50), 25)]);
    for (const s of codeSections(Array.from({ length: 500 }, () => 'x'.repeat(100)))) {
      expect((s.text as any).text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    }
  });

  it('escapes backticks and angle brackets inside code', () => {
    const [s] = codeSections(['a `b` <c>']);
    expect((s!.text as any).text).toBe("```\na 'b' &lt;c&gt;\n```");
  });
});
