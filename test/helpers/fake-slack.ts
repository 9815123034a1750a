/**
 * A fake Slack Web API on a loopback port: the bot's WebClient points at it through SLACK_API_URL. It records every
 * call (method, parsed arguments, token), keeps the messages the bot posted and edited, takes files.uploadV2
 * uploads (their bytes included), serves customer uploads at `url_private_download` only to the bot token (anyone
 * else gets Slack's HTML login page), and accepts response_url posts.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseWebApiArgs, readBody } from './slack-signing.js';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | null;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  threadTs: string | null;
  text: string;
  blocks: unknown[];
  /** Earlier states, oldest first (one per chat.update). */
  history: { text: string; blocks: unknown[] }[];
}

export interface StoredFile {
  id: string;
  name: string;
  title: string;
  content: Buffer;
  mimetype: string;
  filetype: string;
  /** `bot` for files.uploadV2 uploads, `customer` for files a test registered. */
  from: 'bot' | 'customer';
  channel: string | null;
  threadTs: string | null;
}

export interface CustomerFileOptions {
  name: string;
  content: string | Buffer;
  user?: string;
  /** A Slack Connect stub (`file_access: check_file_info`, no URLs): the bot must call files.info. */
  slackConnect?: boolean;
}

export interface FakeSlack {
  readonly url: string;
  /** What SLACK_API_URL should be. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly calls: RecordedCall[];
  readonly responses: { path: string; body: Record<string, unknown> }[];
  callsTo(method: string): RecordedCall[];
  /** Messages the bot posted (current state), oldest first. */
  messages(filter?: { channel?: string; threadTs?: string }): PostedMessage[];
  files(from?: 'bot' | 'customer'): StoredFile[];
  /** Registers a file a customer uploaded and returns the object the `file_share` event carries. */
  addCustomerFile(options: CustomerFileOptions): Record<string, unknown>;
  setUserTeam(user: string, team: string): void;
  /** Channels the bot is not a member of: posting there fails with `not_in_channel` (until `invite`). */
  setMember(channel: string, member: boolean): void;
  /** The next `times` calls of `method` answer 429 with Retry-After. */
  rateLimit(method: string, times: number): void;
  /** A response_url that records what is posted to it. */
  responseUrl(): string;
  /** Everything the bot sent to Slack, uploaded files included, as one string (for leak checks). */
  transcript(): string;
  stop(): Promise<void>;
}

const LOGIN_PAGE = '<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in to Slack</body></html>';

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(text);
}

export async function startFakeSlack(
  options: { botToken?: string; teamId?: string; botUserId?: string } = {},
): Promise<FakeSlack> {
  const botToken = options.botToken ?? `xoxb-fake-${randomBytes(6).toString('hex')}`;
  const teamId = options.teamId ?? 'T_ENG';
  const botUserId = options.botUserId ?? 'U_FERRY';
  const botId = 'B_FERRY';
  const calls: RecordedCall[] = [];
  const responses: { path: string; body: Record<string, unknown> }[] = [];
  const posted: PostedMessage[] = [];
  const files = new Map<string, StoredFile>();
  const userTeams = new Map<string, string>();
  const limited = new Map<string, number>();
  const outside = new Set<string>();
  let tsCounter = 0;
  let fileCounter = 0;
  let responseCounter = 0;
  let base = '';

  const nextTs = () => {
    tsCounter++;
    return `${1_700_000_000 + tsCounter}.${String(tsCounter).padStart(6, '0')}`;
  };

  function storeFile(id: string, name: string, content: Buffer, from: StoredFile['from']): StoredFile {
    const csv = name.toLowerCase().endsWith('.csv');
    const mimetype = csv ? 'text/csv' : 'application/octet-stream';
    const file: StoredFile = {
      id,
      name,
      title: name,
      content,
      mimetype,
      filetype: csv ? 'csv' : 'binary',
      from,
      channel: null,
      threadTs: null,
    };
    files.set(id, file);
    return file;
  }

  function fileObject(file: StoredFile): Record<string, unknown> {
    return {
      id: file.id,
      name: file.name,
      title: file.title,
      mimetype: file.mimetype,
      filetype: file.filetype,
      size: file.content.length,
      mode: 'hosted',
      url_private: `${base}/files-pri/${teamId}-${file.id}/${encodeURIComponent(file.name)}`,
      url_private_download: `${base}/files-pri/${teamId}-${file.id}/download/${encodeURIComponent(file.name)}`,
    };
  }

  function message(channel: unknown, ts: unknown): PostedMessage | undefined {
    return posted.find((m) => m.channel === channel && m.ts === ts);
  }

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://eng.slack.com/',
          team: 'Eng',
          user: 'ferry',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        };
      case 'chat.postMessage': {
        if (outside.has(String(args.channel))) return { ok: false, error: 'not_in_channel' };
        const m: PostedMessage = {
          channel: String(args.channel),
          ts: nextTs(),
          threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : null,
          text: String(args.text ?? ''),
          blocks: Array.isArray(args.blocks) ? args.blocks : [],
          history: [],
        };
        posted.push(m);
        return { ok: true, channel: m.channel, ts: m.ts, message: { text: m.text, ts: m.ts, user: botUserId } };
      }
      case 'chat.update': {
        const m = message(args.channel, args.ts);
        if (!m) return { ok: false, error: 'message_not_found' };
        m.history.push({ text: m.text, blocks: m.blocks });
        m.text = String(args.text ?? m.text);
        if (Array.isArray(args.blocks)) m.blocks = args.blocks;
        return { ok: true, channel: m.channel, ts: m.ts, text: m.text };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.open':
        return { ok: true, view: { id: `V${calls.length}`, ...(args.view as object) } };
      case 'files.info': {
        const file = files.get(String(args.file));
        return file ? { ok: true, file: fileObject(file) } : { ok: false, error: 'file_not_found' };
      }
      case 'files.getUploadURLExternal': {
        const id = `F_BOT${++fileCounter}`;
        storeFile(id, String(args.filename), Buffer.alloc(0), 'bot');
        return { ok: true, upload_url: `${base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const list = (Array.isArray(args.files) ? args.files : []) as { id: string; title?: string }[];
        for (const entry of list) {
          const file = files.get(entry.id);
          if (!file) return { ok: false, error: 'file_not_found' };
          file.title = entry.title ?? file.title;
          file.channel = typeof args.channel_id === 'string' ? args.channel_id : null;
          file.threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : null;
        }
        return { ok: true, files: list.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'users.info': {
        const user = String(args.user);
        return { ok: true, user: { id: user, name: user.toLowerCase(), team_id: userTeams.get(user) ?? teamId } };
      }
      case 'conversations.info':
        return { ok: true, channel: { id: args.channel, is_channel: true, is_ext_shared: true } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const body = await readBody(req);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    if (req.method === 'POST' && path.startsWith('/api/')) {
      const method = path.slice(5);
      const args = await parseWebApiArgs(req, body);
      calls.push({ method, args, token: bearer ?? (typeof args.token === 'string' ? args.token : null) });
      const left = limited.get(method) ?? 0;
      if (left > 0) {
        limited.set(method, left - 1);
        send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
        return;
      }
      send(res, 200, answer(method, args));
      return;
    }
    if (req.method === 'POST' && path.startsWith('/upload/')) {
      const file = files.get(path.slice('/upload/'.length));
      if (!file) return send(res, 404, 'no such upload');
      const args = await parseWebApiArgs(req, body);
      const bytes = args.body;
      file.content = Buffer.isBuffer(bytes) ? bytes : Buffer.from(String(bytes ?? ''));
      send(res, 200, `OK - ${file.content.length}`);
      return;
    }
    if (req.method === 'POST' && path.startsWith('/respond/')) {
      responses.push({ path, body: JSON.parse(body.toString('utf8') || '{}') });
      send(res, 200, 'ok');
      return;
    }
    const download = /^\/files-pri\/[^/]+-([^/]+)\/download\//.exec(path);
    if (req.method === 'GET' && download) {
      const file = files.get(download[1]!);
      // Like Slack: without the right token, a 200 with the HTML sign-in page rather than an error.
      if (!file || bearer !== botToken)
        return send(res, 200, LOGIN_PAGE, { 'content-type': 'text/html; charset=utf-8' });
      res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.content.length) });
      res.end(file.content);
      return;
    }
    send(res, 404, 'not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiUrl: `${base}/api/`,
    botToken,
    botUserId,
    botId,
    teamId,
    calls,
    responses,
    callsTo: (method) => calls.filter((c) => c.method === method),
    messages: (filter = {}) =>
      posted.filter(
        (m) =>
          (filter.channel === undefined || m.channel === filter.channel) &&
          (filter.threadTs === undefined || m.threadTs === filter.threadTs),
      ),
    files: (from) => [...files.values()].filter((f) => from === undefined || f.from === from),
    addCustomerFile(o) {
      const id = `F_CUST${++fileCounter}`;
      const content = typeof o.content === 'string' ? Buffer.from(o.content, 'utf8') : o.content;
      const file = storeFile(id, o.name, content, 'customer');
      if (o.slackConnect)
        return { id, mode: 'file_access', file_access: 'check_file_info', created: 0, timestamp: 0, user: '' };
      return { ...fileObject(file), user: o.user ?? 'U_CUST' };
    },
    setUserTeam: (user, team) => {
      userTeams.set(user, team);
    },
    setMember: (channel, member) => {
      if (member) outside.delete(channel);
      else outside.add(channel);
    },
    rateLimit: (method, times) => {
      limited.set(method, times);
    },
    responseUrl: () => `${base}/respond/${++responseCounter}`,
    transcript: () =>
      JSON.stringify({
        calls,
        responses,
        posted,
        uploads: [...files.values()].filter((f) => f.from === 'bot').map((f) => f.content.toString('utf8')),
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
