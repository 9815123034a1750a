/**
 * Slack's wire formats for tests. Requests as Slack sends them to the bot's HTTP receiver (`/slack/events`),
 * signed with the v0 scheme: slash commands and interactive payloads as forms, events as JSON; each is timed
 * (Slack wants an answer in 3 s). And the other direction: the WebClient's calls as the fake Web API reads them.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SLACK_EVENTS_PATH = '/slack/events';

/** `X-Slack-Signature: v0=hex(hmac_sha256(secret, "v0:<ts>:<body>"))` and its timestamp. */
export function signatureHeaders(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface SlackReply {
  status: number;
  body: string;
  ms: number;
}

export interface Person {
  user: string;
  team: string;
}

export interface SendOptions {
  /** Seconds since the epoch to sign with (a stale one is rejected). */
  timestamp?: number;
  /** Replaces the computed signature (a forged one). */
  signature?: string;
  headers?: Record<string, string>;
}

export class SlackDriver {
  /** Every request's answer time, labelled, for the "acknowledged within 3 s" check. */
  readonly timings: { label: string; ms: number; status: number }[] = [];
  private eventCounter = 0;
  private triggerCounter = 0;

  constructor(
    private readonly botUrl: string,
    private readonly secret: string,
    private readonly responseUrl: () => string,
    private readonly appId = 'A_FERRY',
  ) {}

  async send(label: string, body: string, contentType: string, options: SendOptions = {}): Promise<SlackReply> {
    const headers = signatureHeaders(this.secret, body, options.timestamp);
    if (options.signature !== undefined) headers['x-slack-signature'] = options.signature;
    const started = performance.now();
    const response = await fetch(`${this.botUrl}${SLACK_EVENTS_PATH}`, {
      method: 'POST',
      // Bolt parses a form only when the content type is exactly this (no charset).
      headers: { 'content-type': contentType, ...headers, ...options.headers },
      body,
    });
    const text = await response.text();
    const ms = performance.now() - started;
    this.timings.push({ label, ms, status: response.status });
    return { status: response.status, body: text, ms };
  }

  slashCommand(who: Person, channel: string, text: string, options: SendOptions = {}): Promise<SlackReply> {
    const body = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: who.team,
      team_domain: who.team.toLowerCase(),
      channel_id: channel,
      channel_name: 'practice-migration',
      user_id: who.user,
      user_name: who.user.toLowerCase(),
      command: '/ferry',
      text,
      api_app_id: this.appId,
      is_enterprise_install: 'false',
      response_url: this.responseUrl(),
      trigger_id: this.triggerId(),
    }).toString();
    return this.send(`/ferry ${text.split(' ')[0] ?? ''}`, body, 'application/x-www-form-urlencoded', options);
  }

  blockAction(
    who: Person,
    channel: string,
    action: { actionId: string; value: string; messageTs: string; threadTs?: string },
    options: SendOptions = {},
  ): Promise<SlackReply> {
    const payload = {
      type: 'block_actions',
      api_app_id: this.appId,
      token: 'legacy-verification-token',
      trigger_id: this.triggerId(),
      team: { id: 'T_ENG', domain: 'eng' },
      user: { id: who.user, username: who.user.toLowerCase(), team_id: who.team },
      channel: { id: channel, name: 'practice-migration' },
      container: { type: 'message', message_ts: action.messageTs, channel_id: channel, is_ephemeral: false },
      message: {
        type: 'message',
        ts: action.messageTs,
        ...(action.threadTs ? { thread_ts: action.threadTs } : {}),
        text: '',
      },
      response_url: this.responseUrl(),
      actions: [
        {
          type: 'button',
          action_id: action.actionId,
          block_id: 'b',
          value: action.value,
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
    return this.send(
      `action ${action.actionId}`,
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      options,
    );
  }

  viewSubmission(
    who: Person,
    view: { callbackId: string; privateMetadata: string; values: Record<string, Record<string, unknown>> },
    options: SendOptions = {},
  ): Promise<SlackReply> {
    const payload = {
      type: 'view_submission',
      team: { id: 'T_ENG', domain: 'eng' },
      user: { id: who.user, username: who.user.toLowerCase(), team_id: who.team },
      api_app_id: this.appId,
      token: 'legacy-verification-token',
      trigger_id: this.triggerId(),
      view: {
        id: 'V_MODAL',
        type: 'modal',
        callback_id: view.callbackId,
        team_id: 'T_ENG',
        app_installed_team_id: 'T_ENG',
        private_metadata: view.privateMetadata,
        state: { values: view.values },
        hash: 'h',
      },
      response_urls: [],
    };
    return this.send(
      `view ${view.callbackId}`,
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      options,
    );
  }

  /** An Events API delivery of `event`; returns the reply and the event id used. */
  async event(
    event: Record<string, unknown>,
    options: SendOptions & { eventId?: string } = {},
  ): Promise<SlackReply & { eventId: string }> {
    const eventId = options.eventId ?? `Ev${Date.now()}${++this.eventCounter}`;
    const envelope = {
      token: 'legacy-verification-token',
      team_id: 'T_ENG',
      api_app_id: this.appId,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      is_ext_shared_channel: true,
      context_team_id: 'T_ENG',
      authorizations: [{ enterprise_id: null, team_id: 'T_ENG', user_id: 'U_FERRY', is_bot: true }],
    };
    const reply = await this.send(
      `event ${String(event.type)}/${String(event.subtype ?? '')}`,
      JSON.stringify(envelope),
      'application/json',
      options,
    );
    return { ...reply, eventId };
  }

  private triggerId(): string {
    return `${Date.now()}.${++this.triggerCounter}.trigger`;
  }
}

/** A message event as Slack delivers a reply in a thread. */
export function threadReply(
  who: Person,
  channel: string,
  threadTs: string,
  text: string,
  ts: string,
): Record<string, unknown> {
  return {
    type: 'message',
    channel,
    channel_type: 'channel',
    user: who.user,
    user_team: who.team,
    team: who.team,
    text,
    ts,
    thread_ts: threadTs,
    parent_user_id: 'U_FERRY',
    event_ts: ts,
  };
}

/** A `file_share` message event carrying `files` (full objects, or Slack Connect stubs). */
export function fileShare(
  who: Person,
  channel: string,
  files: Record<string, unknown>[],
  ts: string,
  threadTs?: string,
): Record<string, unknown> {
  return {
    type: 'message',
    subtype: 'file_share',
    channel,
    channel_type: 'channel',
    user: who.user,
    text: '',
    upload: true,
    files,
    ts,
    event_ts: ts,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  };
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Form values that hold JSON (blocks, view, files) come back parsed. */
function maybeJson(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A Web API call's arguments as the WebClient sent them (form, multipart with file bytes, or JSON). */
export async function parseWebApiArgs(req: IncomingMessage, body: Buffer): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) return JSON.parse(body.toString('utf8') || '{}');
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    }).formData();
    const args: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) {
      args[key] = typeof value === 'string' ? maybeJson(value) : Buffer.from(await value.arrayBuffer());
    }
    return args;
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) args[key] = maybeJson(value);
  return args;
}
