/**
 * The Notifier in Slack: each run gets one progress message in the project thread, edited at most every 3 s with
 * the latest numbers only; results are posted as a message with their files uploaded into the thread; map
 * reviews get a summary, the paged table, the CSV and the buttons. A Slack failure is logged and swallowed: a
 * lost message must not make pg-boss repeat an ingest or a load.
 */
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { MapReview, Notifier, NotifyTarget, RunProgress, RunResult, SlackThread } from '../migration/notifier.js';
import type { Pool } from '../store/db.js';
import { buildMapReview, buildMapSuperseded, mapCsvRows } from './blocks/map-review.js';
import { buildProgressMessage } from './blocks/progress.js';
import { buildResultMessage } from './blocks/result.js';
import { type Clock, Coalescer, systemClock } from './coalescer.js';
import { toExcelCsv } from './csv.js';
import { slackErrorCode } from './failures.js';
import { refreshProjectCard } from './project-card.js';
import { createSlackClients } from './slack-clients.js';
import {
  findRunMessage,
  type MessageRef,
  saveMapReview,
  saveRunMessage,
  takeStaleMapReviews,
} from './store/slack-messages.js';
import { findSlackProject } from './store/slack-projects.js';
import { postInThread, threadOf, updateMessage, uploadToThread, type WebClient } from './thread.js';

export const PROGRESS_EDIT_INTERVAL_MS = 3000;

export interface SlackNotifierOptions {
  pool: Pool;
  log: Logger;
  /** For progress edits; give it `rejectRateLimitedCalls: true` (see slack-clients.ts). Default: the main client. */
  progressClient?: WebClient;
  minEditIntervalMs?: number;
  clock?: Clock;
}

interface RunState {
  coalescer: Coalescer<RunProgress>;
  ref: MessageRef | null;
  last: RunProgress | null;
  revision: number;
}

export interface SlackNotifier extends Notifier {
  mapReview(target: NotifyTarget, review: MapReview): Promise<void>;
  /** Waits for progress edits in flight and drops pending ones (at shutdown). */
  close(): Promise<void>;
}

export function createSlackNotifier(client: WebClient, options: SlackNotifierOptions): SlackNotifier {
  const { pool, log } = options;
  const progressClient = options.progressClient ?? client;
  const interval = options.minEditIntervalMs ?? PROGRESS_EDIT_INTERVAL_MS;
  const runs = new Map<number, RunState>();

  async function threadFor(target: NotifyTarget): Promise<SlackThread | null> {
    if (target.thread) return target.thread;
    // A run started from the CLI for a project that lives in Slack still reports to its thread.
    const project = await findSlackProject(pool, target.project);
    return project && threadOf(project);
  }

  const failed = (what: string, target: NotifyTarget) => (error: unknown) => {
    log.warn({ project: target.project, runId: target.runId, err: slackErrorCode(error) }, `Slack ${what} not sent`);
  };

  async function sendProgress(target: NotifyTarget, runId: number, state: RunState, p: RunProgress): Promise<void> {
    const thread = await threadFor(target);
    if (thread === null) return;
    state.last = p;
    state.revision++;
    const message = buildProgressMessage(runId, p, state.revision);
    state.ref ??= await findRunMessage(pool, runId);
    if (state.ref === null) {
      const ts = await postInThread(client, thread, message);
      state.ref = { channel: thread.channel, ts };
      await saveRunMessage(pool, runId, state.ref);
      return;
    }
    // A 429 on this client throws at once: the edit is dropped and the next one brings newer numbers.
    await updateMessage(progressClient, state.ref, message);
  }

  function stateOf(target: NotifyTarget, runId: number): RunState {
    const existing = runs.get(runId);
    if (existing !== undefined) return existing;
    const state: RunState = {
      ref: null,
      last: null,
      revision: 0,
      coalescer: new Coalescer(
        (p) => sendProgress(target, runId, state, p).catch(failed('progress', target)),
        interval,
        options.clock ?? systemClock,
      ),
    };
    runs.set(runId, state);
    return state;
  }

  /** The run is over: its progress message shows the last numbers and says so. */
  async function finishProgress(runId: number, status: string): Promise<void> {
    const state = runs.get(runId);
    runs.delete(runId);
    if (state === undefined) return;
    await state.coalescer.close();
    const ref = state.ref ?? (await findRunMessage(pool, runId));
    if (ref !== null && state.last !== null) {
      await updateMessage(client, ref, buildProgressMessage(runId, state.last, state.revision + 1, status));
    }
  }

  async function postMapReview(target: NotifyTarget, thread: SlackThread, review: MapReview): Promise<void> {
    const { document } = review;
    const messages = buildMapReview(document, review.notes);
    await postInThread(client, thread, messages.summary);
    for (const page of messages.pages) await postInThread(client, thread, page);
    await uploadToThread(client, thread, {
      filename: `map-${document.project}-v${document.version}.csv`,
      title: `Field map v${document.version} (${document.status})`,
      content: toExcelCsv(mapCsvRows(document)),
    });
    const ts = await postInThread(client, thread, messages.actions);
    await saveMapReview(pool, target.project, {
      version: document.version,
      hash: document.hash,
      channel: thread.channel,
      ts,
    });
    for (const stale of await takeStaleMapReviews(pool, target.project, document.version)) {
      await updateMessage(client, stale, buildMapSuperseded(stale.version, document.version)).catch(
        failed('retirement', target),
      );
    }
  }

  return {
    async progress(target, progress) {
      if (target.runId === undefined) return;
      await stateOf(target, target.runId).coalescer.offer(progress);
    },

    async result(target: NotifyTarget, result: RunResult) {
      try {
        if (target.runId !== undefined)
          await finishProgress(target.runId, result.status).catch(failed('progress', target));
        const thread = await threadFor(target);
        if (thread === null) return;
        await postInThread(client, thread, buildResultMessage(result, target.runId));
        for (const file of result.attachments ?? []) await uploadToThread(client, thread, file);
        await refreshProjectCard(client, pool, target.project, log);
      } catch (error) {
        failed('result', target)(error);
      }
    },

    async mapReview(target, review) {
      try {
        const thread = await threadFor(target);
        if (thread === null) return;
        await postMapReview(target, thread, review);
        await refreshProjectCard(client, pool, target.project, log);
      } catch (error) {
        failed('map review', target)(error);
      }
    },

    async close() {
      await Promise.all([...runs.values()].map((s) => s.coalescer.close()));
      runs.clear();
    },
  };
}

/** The notifier a worker uses when Slack is configured (SLACK_BOT_TOKEN); null otherwise. */
export function slackNotifierFromConfig(config: Pick<Config, 'slack'>, pool: Pool, log: Logger): SlackNotifier | null {
  if (config.slack.botToken === undefined) return null;
  const { client, progressClient } = createSlackClients(config, log);
  return createSlackNotifier(client, { pool, log, progressClient });
}
