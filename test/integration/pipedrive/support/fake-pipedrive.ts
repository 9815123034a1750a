/**
 * A loopback HTTP server standing in for Pipedrive in transport tests: each test scripts the answers.
 * It records every request (method, URL, headers, body) so tests can check what the client sent.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type ScriptedAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** Read the request, then cut the connection without answering. */
  | 'destroy'
  /** Never answer (the client times out). */
  | 'hang';

export type Handler = (request: RecordedRequest, index: number) => ScriptedAnswer;

export interface FakePipedrive {
  url: string;
  requests: RecordedRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startFakePipedrive(): Promise<FakePipedrive> {
  const requests: RecordedRequest[] = [];
  let handler: Handler = () => ({ status: 500 });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      const answer = handler(recorded, requests.length - 1);
      if (answer === 'destroy') return void req.socket.destroy();
      if (answer === 'hang') return;
      const send = () => {
        const text =
          typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? { success: true, data: null });
        const type = typeof answer.body === 'string' ? 'text/html; charset=UTF-8' : 'application/json';
        res.writeHead(answer.status, { 'content-type': type, ...answer.headers });
        res.end(text);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Pipedrive's success envelope. */
export const ok = (data: unknown, additional_data?: unknown) => ({
  success: true,
  data,
  ...(additional_data ? { additional_data } : {}),
});

/** Pipedrive's error envelope. */
export const fail = (error: string, extra: Record<string, unknown> = {}) => ({
  success: false,
  error,
  error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.',
  data: null,
  additional_data: null,
  ...extra,
});
