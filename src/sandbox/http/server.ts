/**
 * The request pipeline: admin routes → latency → authentication → account state → operation lookup
 * → injected failure → rate limits → body → handler → (maybe) dropped connection → answer.
 *
 * Documented by Pipedrive: the `x-api-token` header (the `api_token` query parameter is legacy and
 * leaks tokens into logs: accepted here for compatibility, discouraged); 401 for a wrong token, with
 * the v1 spec's body `{ success: false, error: "unauthorized access", errorCode: 401 }`; 402 when
 * the company account is not open; 403 with Cloudflare's HTML page for blocked integrations; 429 on
 * exhausted limits; the `x-ratelimit-*` headers.
 * Our assumptions: unauthenticated, unpaid, blocked and faulted requests cost no tokens and take no
 * burst slot; every request that passes the limiter is charged, whatever its outcome; the 402 and
 * 429 bodies use the generic error envelope (their wording is ours); spec operations the sandbox
 * does not implement answer 501 without charge; `x-sandbox-fault: injected` marks injected failures.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchOperation, type OperationMatch, versionPrefix } from '../../pipedrive/token-costs.js';
import type { SandboxCore } from '../core.js';
import { ApiError, ERROR_INFO, isApiError } from '../errors.js';
import { isSearchOperation, type RateLimitKind } from '../rate-limit.js';
import { type Answer, errorAnswer, jsonAnswer, rateHeaders, unauthorized } from './answer.js';
import { parseBody, readBody } from './body.js';
import { envelope, type Route, type RouteResult, type RouteTable } from './routing.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/** Room for multipart boundaries and the other form fields around an uploaded file. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

const CLOUDFLARE_PAGE = `<!DOCTYPE html>
<html lang="en-US"><head><title>Attention Required! | Cloudflare</title></head>
<body><h1>Sorry, you have been blocked</h1>
<p>This website is using a security service to protect itself from online attacks.</p>
<p>This error is produced by Cloudflare. (Ferry sandbox: account state "blocked".)</p></body></html>
`;

/** Answers `/_sandbox/…` admin requests; undefined for every other path. */
export type AdminHandler = (req: IncomingMessage, url: URL, method: string) => Promise<Answer | undefined>;

function resultAnswer(result: RouteResult): Answer {
  if (result.kind === 'raw') {
    return {
      status: result.status ?? 200,
      headers: { ...result.headers },
      body: result.body,
      outcome: 'ok',
      tokens: 0,
    };
  }
  return jsonAnswer(result.status ?? 200, envelope(result), 'ok');
}

function loggedPath(url: URL): string {
  const query = new URLSearchParams(url.search);
  query.delete('api_token');
  const search = query.toString();
  return search === '' ? url.pathname : `${url.pathname}?${search}`;
}

function operationKey(method: string, match: OperationMatch | undefined): string | null {
  return match ? `${method} ${versionPrefix(match.operation.version)}${match.operation.path}` : null;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type Gate = { refused: Answer } | { refused?: undefined; match: OperationMatch; route: Route };

/** Requests that never reach an operation: wrong token, account states, unknown or unimplemented paths. */
function gate(core: SandboxCore, req: IncomingMessage, url: URL, routes: RouteTable): Gate {
  const token = req.headers['x-api-token'] ?? url.searchParams.get('api_token');
  if (token !== core.config.token) return { refused: unauthorized() };
  if (core.accountState === 'unpaid') {
    const message = 'Company account is not open. The trial has ended or the subscription is unpaid.';
    return { refused: errorAnswer(new ApiError(402, message), 'account_unpaid') };
  }
  if (core.accountState === 'blocked') {
    const headers = { 'content-type': 'text/html; charset=UTF-8' };
    return { refused: { status: 403, headers, body: CLOUDFLARE_PAGE, outcome: 'account_blocked', tokens: 0 } };
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const match = matchOperation(method, url.pathname);
  if (!match) {
    return { refused: errorAnswer(new ApiError(404, `Unknown method ${method} ${url.pathname}`), 'unknown_path') };
  }
  const { version, path } = match.operation;
  const route = routes.get(version, method, path);
  if (!route) {
    const message = `${method} ${path} is a Pipedrive ${version} operation the Ferry sandbox does not implement`;
    return { refused: errorAnswer(new ApiError(501, message), 'not_implemented') };
  }
  return { match, route };
}

function injectedFailure(core: SandboxCore): Answer | undefined {
  const failure = core.faults.rollFailure();
  if (failure === undefined) return undefined;
  core.stats.faultsInjected += 1;
  if (failure === 429) core.stats.count429('fault');
  const message = { 429: 'Too many requests', 500: 'Internal server error', 503: 'Service unavailable' }[failure];
  return errorAnswer(new ApiError(failure, message), 'fault', {
    'x-sandbox-fault': 'injected',
    ...(failure === 429 ? { 'retry-after': '1' } : {}),
  });
}

async function runRoute(
  core: SandboxCore,
  req: IncomingMessage,
  url: URL,
  match: OperationMatch,
  route: Route,
): Promise<Answer> {
  const method = route.method;
  try {
    // Lower-case for comparisons only: a multipart boundary is case-sensitive.
    const contentType = String(req.headers['content-type'] ?? '');
    const limit = contentType.toLowerCase().startsWith('multipart/')
      ? core.config.maxFileBytes + MULTIPART_OVERHEAD_BYTES
      : JSON_BODY_LIMIT_BYTES;
    const rawBody = WRITE_METHODS.has(method) ? await readBody(req, limit) : Buffer.alloc(0);
    const result = await route.handler({
      params: match.params,
      query: url.searchParams,
      body: parseBody(rawBody, contentType),
      rawBody,
      contentType,
      actor: core.apiActor(req.headers['user-agent'] ?? null),
    });
    const answer = resultAnswer(result);
    if (WRITE_METHODS.has(method)) {
      core.onWrite();
      if (core.faults.rollDrop()) return { ...answer, outcome: 'dropped', drop: true };
    }
    return answer;
  } catch (error) {
    if (isApiError(error)) return errorAnswer(error, 'error');
    throw error;
  }
}

async function answer(core: SandboxCore, routes: RouteTable, req: IncomingMessage, url: URL): Promise<Answer> {
  if (core.faults.latencyMs > 0) await delay(core.faults.latencyMs);
  const gated = gate(core, req, url, routes);
  if (gated.refused) return gated.refused;
  const { match, route } = gated;
  const failure = injectedFailure(core);
  if (failure) return failure;
  const kind: RateLimitKind = isSearchOperation(match.operation.path) ? 'search' : 'general';
  const decision = core.limiter.take(kind, match.operation.cost);
  if (!decision.allowed) {
    const reasons = { burst: 'burst', search_burst: 'search', daily_budget: 'daily' } as const;
    core.stats.count429(reasons[decision.reason]);
    const message =
      decision.reason === 'daily_budget'
        ? 'Daily API token budget exhausted. Requests are accepted again after the daily reset.'
        : 'Request rate limit exceeded. Retry after the number of seconds in Retry-After.';
    return errorAnswer(new ApiError(429, message), 'rate_limited', {
      'retry-after': String(decision.retryAfterSeconds),
      ...rateHeaders(decision.headers),
    });
  }
  core.stats.charge(operationKey(route.method, match) ?? '', match.operation.cost);
  const result = await runRoute(core, req, url, match, route);
  return { ...result, tokens: match.operation.cost, headers: { ...result.headers, ...rateHeaders(decision.headers) } };
}

/** Builds the `(req, res)` listener of the sandbox's HTTP server. */
export function createRequestListener(
  core: SandboxCore,
  routes: RouteTable,
  admin: AdminHandler,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const match = matchOperation(method, url.pathname);
    const kind: RateLimitKind = match && isSearchOperation(match.operation.path) ? 'search' : 'general';
    admin(req, url, method)
      .then((adminAnswer) => adminAnswer ?? answer(core, routes, req, url))
      .catch((error: unknown): Answer => {
        const message = error instanceof Error ? error.message : String(error);
        const body = {
          success: false,
          error: `Sandbox error: ${message}`,
          error_info: ERROR_INFO,
          data: null,
          additional_data: null,
        };
        return jsonAnswer(500, body, 'error');
      })
      .then((result) => {
        core.stats.record({
          time: core.now().toISOString(),
          method,
          path: loggedPath(url),
          operation: operationKey(method, match),
          status: result.status,
          tokens: result.tokens,
          outcome: result.outcome,
        });
        if (result.drop) {
          core.stats.droppedWrites += 1;
          req.socket.destroy();
          return;
        }
        const headers =
          'x-ratelimit-limit' in result.headers
            ? result.headers
            : { ...result.headers, ...rateHeaders(core.limiter.peek(kind)) };
        res.writeHead(result.status, headers);
        res.end(result.body);
      });
  };
}
