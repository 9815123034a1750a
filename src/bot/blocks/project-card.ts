/**
 * The project card: the channel message that starts the project thread. It says where the migration stands and
 * what to do next, and carries the buttons that work for everyone (slash commands do not work in threads, and
 * the practice's people may not be able to run them at all in a Slack Connect channel).
 */
import type { MapStatus } from '../../mapping/document.js';
import type { RunKind } from '../../migration/notifier.js';
import type { RunStatus } from '../../migration/runs.js';
import { ACTION } from '../ids.js';
import {
  actions,
  button,
  context,
  escapeMrkdwn,
  fields,
  formatCount,
  header,
  type SlackMessage,
  section,
} from './kit.js';

export interface ProjectFacts {
  project: string;
  name: string;
  snapshot: { id: number; status: 'staged' | 'refused'; files: number; rows: number } | null;
  connection: { companyName: string | null; tokenLast4: string } | null;
  map: { version: number; status: MapStatus; hash: string } | null;
  /** Newest first. */
  runs: ReadonlyArray<{ id: number; kind: RunKind; status: RunStatus }>;
}

const KIND_LABEL: Record<RunKind, string> = {
  preflight: 'preflight',
  sample: 'sample load',
  full: 'full load',
  delta: 'delta load',
  reconcile: 'reconciliation',
  rollback: 'rollback',
};

export function runKindLabel(kind: RunKind): string {
  return KIND_LABEL[kind];
}

const done = (facts: ProjectFacts, kind: RunKind) => facts.runs.some((r) => r.kind === kind && r.status === 'done');

/** One sentence: the next thing someone should do, and who. */
export function nextStep(facts: ProjectFacts): string {
  const active = facts.runs.find((r) => r.status === 'planned' || r.status === 'running' || r.status === 'paused');
  if (active) return `Run #${active.id} (${KIND_LABEL[active.kind]}) is under way: follow it in the thread.`;
  if (facts.snapshot === null) return 'Upload the DentAdmin CSV exports to this channel or the thread below.';
  if (facts.snapshot.status === 'refused')
    return 'The last upload was refused (see the thread): fix it and upload again.';
  if (facts.connection === null) return 'Click *Connect Pipedrive* and paste the practice’s API token.';
  if (facts.map === null) return 'Click *Review map* to see how the exports will land in Pipedrive.';
  if (facts.map.status !== 'approved') {
    return `An approver reviews map v${facts.map.version} in the thread and clicks *Approve*, or replies with changes.`;
  }
  const newest = facts.runs[0];
  const loaded = facts.runs.some((r) => ['sample', 'full', 'delta'].includes(r.kind) && r.status === 'done');
  if (newest?.kind === 'rollback' && newest.status === 'done' && !loaded) {
    return `Rolled back by run #${newest.id}: Ferry's records are gone from Pipedrive (result in the thread). To load again, an operator starts with \`/ferry sample\`.`;
  }
  if (!done(facts, 'preflight')) return 'An operator runs `/ferry preflight`.';
  if (!done(facts, 'sample')) return 'An operator runs `/ferry sample` to load a few records first.';
  if (!done(facts, 'full')) return 'Check the sample in Pipedrive, then an operator runs `/ferry run`.';
  return 'Loaded. Upload later exports and run `/ferry delta`; `/ferry reconcile` gives the receipt.';
}

function snapshotText(facts: ProjectFacts): string {
  const s = facts.snapshot;
  if (s === null) return 'nothing uploaded yet';
  if (s.status === 'refused') return `upload #${s.id} refused`;
  return `#${s.id}: ${formatCount(s.files)} files, ${formatCount(s.rows)} rows`;
}

function connectionText(facts: ProjectFacts): string {
  const c = facts.connection;
  if (c === null) return 'not connected';
  return `${escapeMrkdwn(c.companyName ?? 'connected')} (token …${escapeMrkdwn(c.tokenLast4)})`;
}

function mapText(facts: ProjectFacts): string {
  const m = facts.map;
  if (m === null) return 'not proposed yet';
  return `v${m.version} ${m.status}`;
}

function runText(facts: ProjectFacts): string {
  const r = facts.runs[0];
  return r === undefined ? 'none yet' : `#${r.id} ${KIND_LABEL[r.kind]}: ${r.status.replace('_', ' ')}`;
}

export function buildProjectCard(facts: ProjectFacts): SlackMessage {
  const step = nextStep(facts);
  const connected = facts.connection !== null;
  return {
    text: `Ferry migration project ${facts.name}: ${step.replace(/[*`]/g, '')}`,
    blocks: [
      header(`Ferry · ${facts.name}`),
      fields([
        ['Project', `\`${facts.project}\``],
        ['Export', snapshotText(facts)],
        ['Pipedrive', connectionText(facts)],
        ['Field map', mapText(facts)],
        ['Last run', runText(facts)],
      ]),
      section(`*Next step:* ${step}`),
      actions('project_card', [
        button({
          actionId: ACTION.connectOpen,
          text: connected ? 'Reconnect Pipedrive' : 'Connect Pipedrive',
          value: facts.project,
          ...(connected ? {} : { style: 'primary' as const }),
        }),
        button({ actionId: ACTION.mapReview, text: 'Review map', value: facts.project }),
      ]),
      context(['Upload exports here or in the thread · reply in the thread to change the map · `/ferry help`']),
    ],
  };
}
