/**
 * A local OpenAI-compatible server that replays recorded replies: for tests and `npm run eval:mapping`, so the
 * LLM path runs through the real SDK and a real socket without the network. It records every request body,
 * which is how a test proves no patient value ever leaves Ferry.
 *
 * A recorded reply (test/fixtures/mapping/llm/<set>/*.json) answers the request whose user message names the
 * same `file` (or, failing that, the same `entity`); `{ "status": 500 }` makes it fail instead.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface LlmFixture {
  /** Matches the request whose user message has this `file` … */
  file?: string;
  /** … or, when no fixture names the file, this `entity`. */
  entity?: string;
  /** The model's message content (any JSON; sent as a string, as a model would). */
  reply?: unknown;
  /** Answer with this HTTP status and no completion (a failing server). */
  status?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The body exactly as received. */
  body: string;
}

export interface OpenAiStub {
  /** Base URL for the SDK / OPENAI_BASE_URL, ending in `/v1`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

interface ChatBody {
  messages?: { role?: string; content?: unknown }[];
}

/** What the user message says about the file; null when it is not Ferry's JSON payload. */
function requestSubject(body: ChatBody): { file?: string; entity?: string } | null {
  const user = body.messages?.find((m) => m.role === 'user');
  if (typeof user?.content !== 'string') return null;
  try {
    const payload = JSON.parse(user.content) as { file?: unknown; entity?: unknown };
    return {
      ...(typeof payload.file === 'string' ? { file: payload.file } : {}),
      ...(typeof payload.entity === 'string' ? { entity: payload.entity } : {}),
    };
  } catch {
    return null;
  }
}

export function pickFixture(fixtures: readonly LlmFixture[], body: ChatBody): LlmFixture | null {
  const subject = requestSubject(body);
  if (!subject) return null;
  return (
    fixtures.find((f) => f.file !== undefined && f.file === subject.file) ??
    fixtures.find((f) => f.file === undefined && f.entity !== undefined && f.entity === subject.entity) ??
    null
  );
}

/** Loads every `*.json` fixture of a folder (sorted, so replay order never depends on the file system). */
export function loadLlmFixtures(dir: string): LlmFixture[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as LlmFixture);
}

/** sha256 of a request's messages: a stable name for a recorded exchange. */
export function messagesHash(messages: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(messages)).digest('hex')}`;
}

function completion(content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: 0,
    model: 'ferry-stub',
    choices: [
      { index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } },
    ],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(fixtures: readonly LlmFixture[], body: string, response: ServerResponse): void {
  let parsed: ChatBody = {};
  try {
    parsed = JSON.parse(body) as ChatBody;
  } catch {
    response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"bad json"}}');
    return;
  }
  const fixture = pickFixture(fixtures, parsed);
  if (fixture?.status !== undefined) {
    response.writeHead(fixture.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: 'stub failure', type: 'server_error' } }));
    return;
  }
  // No recording for this request: the model abstains (an empty list), as a careful model would.
  const reply = fixture?.reply ?? { mappings: [] };
  const content = typeof reply === 'string' ? reply : JSON.stringify(reply);
  response.writeHead(200, { 'content-type': 'application/json' }).end(completion(content));
}

/** Starts the stub on 127.0.0.1 with a free port. */
export async function startOpenAiStub(fixtures: readonly LlmFixture[]): Promise<OpenAiStub> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    readBody(request).then(
      (body) => {
        requests.push({ method: request.method ?? '', path: request.url ?? '', body });
        if (request.method === 'POST' && request.url?.endsWith('/chat/completions')) answer(fixtures, body, response);
        else response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      },
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // The SDK keeps connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
