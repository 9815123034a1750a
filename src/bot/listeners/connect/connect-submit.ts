/**
 * The token modal's submission. Empty or malformed input is refused inside the modal (`response_action: errors`);
 * otherwise the modal closes at once and the token is checked with Pipedrive's /users/me afterwards. The channel
 * learns the company name and the token's last 4 characters, or one sentence on why it failed; the token itself
 * goes nowhere but the encrypted column.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { AppError } from '../../../domain/errors.js';
import { type Connection, resolveConnection } from '../../../pipedrive/connection.js';
import { isPlanName, type PlanName } from '../../../pipedrive/plans.js';
import { appendAuditTx } from '../../../store/audit.js';
import { findConnection, saveConnection } from '../../../store/connections.js';
import { withTransaction } from '../../../store/db.js';
import { actorId, type SlackActor, slackDetail } from '../../actor.js';
import { escapeMrkdwn, mention, textMessage } from '../../blocks/kit.js';
import type { BotDeps } from '../../deps.js';
import { CONNECT_INPUT } from '../../ids.js';
import { authorize } from '../../permissions.js';
import { refreshProjectCard } from '../../project-card.js';
import { findSlackProject } from '../../store/slack-projects.js';
import { postInThread, threadOf } from '../../thread.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const PIPEDRIVE_CHECK_TIMEOUT_MS = 15_000;

export interface ConnectInput {
  token: string;
  baseUrl: string;
  plan: PlanName;
}

/** Reads the modal; returns the input or the errors to show next to each field. */
export function readConnectInput(
  values: ViewSubmitAction['view']['state']['values'],
): { ok: true; input: ConnectInput } | { ok: false; errors: Record<string, string> } {
  const token = values[CONNECT_INPUT.token.block]?.[CONNECT_INPUT.token.action]?.value?.trim() ?? '';
  const baseUrl = values[CONNECT_INPUT.baseUrl.block]?.[CONNECT_INPUT.baseUrl.action]?.value?.trim() ?? '';
  const plan = values[CONNECT_INPUT.plan.block]?.[CONNECT_INPUT.plan.action]?.selected_option?.value ?? 'growth';
  const errors: Record<string, string> = {};
  if (token === '')
    errors[CONNECT_INPUT.token.block] = 'Paste the API token from Pipedrive → Personal preferences → API.';
  else if (/\s/.test(token)) errors[CONNECT_INPUT.token.block] = 'An API token has no spaces: copy it again.';
  if (baseUrl !== '' && !/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
    errors[CONNECT_INPUT.baseUrl.block] =
      'Write a full address like https://yourcompany.pipedrive.com, or leave it empty.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { token, baseUrl, plan: isPlanName(plan) ? plan : 'growth' } };
}

/** One sentence for the channel; built from the error code only, so nothing the token touched is echoed. */
export function connectFailureSentence(error: unknown): string {
  const code = error instanceof AppError ? error.code : 'internal';
  switch (code) {
    case 'pipedrive_unauthorized':
      return 'Pipedrive refused that API token. Copy it again from Personal preferences → API and click *Connect Pipedrive* again.';
    case 'pipedrive_payment_required':
      return 'Pipedrive says this company’s subscription is unpaid or suspended, so Ferry cannot use it yet.';
    case 'pipedrive_forbidden':
      return 'Pipedrive refused access for this token (403). Check that the user may use the API.';
    default:
      return 'Pipedrive could not be reached with that token. Check the company URL (or leave it empty) and try again.';
  }
}

function projectOf(privateMetadata: string): string | null {
  try {
    const parsed: unknown = JSON.parse(privateMetadata);
    return typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { project?: unknown }).project === 'string'
      ? (parsed as { project: string }).project
      : null;
  } catch {
    return null;
  }
}

async function save(deps: BotDeps, project: string, input: ConnectInput, connection: Connection, who: SlackActor) {
  const user = connection.user;
  const previous = await findConnection(deps.pool, project);
  await withTransaction(deps.pool, async (tx) => {
    await saveConnection(tx, deps.secretBox, {
      project,
      baseUrl: connection.baseUrl,
      companyId: user.company_id ?? null,
      companyName: user.company_name ?? null,
      companyDomain: user.company_domain ?? null,
      userId: user.id ?? null,
      token: input.token,
      plan: input.plan,
      // A reconnection keeps what an operator set for the budget (seats, top-ups, the practice's reserve).
      seats: previous?.seats ?? 1,
      topUpTokens: previous?.topUpTokens ?? 0,
      reservePct: previous?.reservePct ?? 20,
    });
    await appendAuditTx(tx, {
      project,
      actor: actorId(who),
      kind: 'pipedrive.connected',
      detail: {
        company: user.company_name ?? null,
        companyId: user.company_id ?? null,
        baseUrl: connection.baseUrl,
        tokenLast4: input.token.slice(-4),
        plan: input.plan,
        reconnected: previous !== null,
        ...slackDetail(who),
      },
    });
  });
}

export function connectSubmitCallback(deps: BotDeps) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const read = readConnectInput(view.state.values);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const input = read.input;
    await ack();
    const project = await findSlackProject(deps.pool, projectOf(view.private_metadata) ?? '');
    const thread = project && threadOf(project);
    if (!project || !thread) return;
    const who: SlackActor = { user: body.user.id, team: body.user.team_id ?? body.team?.id ?? null };
    const auth = await authorize(deps, project.project, who, 'connect');
    if (!auth.ok) {
      await postInThread(client, thread, textMessage(`${mention(who.user)}: ${auth.message}`));
      return;
    }
    const { token, baseUrl } = input;
    let connection: Connection;
    try {
      connection = await resolveConnection({
        token,
        baseUrlOverride: baseUrl || deps.config.pipedriveBaseUrl,
        log: deps.log,
        timeoutMs: PIPEDRIVE_CHECK_TIMEOUT_MS,
      });
    } catch (error) {
      deps.log.warn(
        { project: project.project, code: error instanceof AppError ? error.code : 'internal' },
        'Pipedrive token check failed',
      );
      await postInThread(client, thread, textMessage(`${mention(who.user)}: ${connectFailureSentence(error)}`));
      return;
    }
    await save(deps, project.project, input, connection, who);
    deps.maps.forgetCatalogue(project.project);
    const company = escapeMrkdwn(connection.user.company_name ?? connection.baseUrl);
    await postInThread(
      client,
      thread,
      textMessage(`🔗 Connected to *${company}* (token …${escapeMrkdwn(token.slice(-4))}) by ${mention(who.user)}.`),
    );
    await refreshProjectCard(client, deps.pool, project.project, deps.log);
  };
}
