/**
 * The one way Ferry talks to Pipedrive: every call of the client goes through `Transport.call`, which
 * asks the rate governor for a slot before each attempt, retries on purpose (axios-retry with our own
 * condition and full-jitter back-off), reports each answer back to the governor, and turns failures into
 * classified AppErrors. No AxiosError leaves this module, and the token travels only in the
 * `x-api-token` header: never in a URL, a log line, an error or a recorded exchange.
 */
import axios, { type AxiosAdapter, type AxiosError, type AxiosResponse, isAxiosError } from 'axios';
import axiosRetry from 'axios-retry';
import { type Logger, silentLogger } from '../log.js';
import { classifyFailure, type Failure, neverSent } from './failure.js';
import type { Permit, RateGovernor } from './governor-port.js';
import {
  contentTypeHeader,
  describeBody,
  headerReader,
  isBudgetRefusal,
  parseBody,
  requestContentType,
} from './http-support.js';
import { redactSecret } from './redact.js';
import {
  backoffDelayMs,
  DEFAULT_RETRY,
  isRetryable,
  type RetryOptions,
  readRateHeaders,
  serverHintMs,
  withinRetryBudget,
} from './retry-policy.js';
import { type ApiVersion, type HttpMethod, matchOperation, versionPrefix } from './token-costs.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Shows in Pipedrive's changelog (`change_source_user_agent`), so Ferry's own edits are recognisable. */
export const USER_AGENT = 'Ferry-Pipedrive-Migrator/0.1';

export type QueryValue = string | number | boolean | undefined;

export interface CallSpec {
  method: HttpMethod;
  api: ApiVersion;
  /** Path relative to the version's base, e.g. `/persons/12`. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** A JSON body, or FormData for uploads. */
  body?: unknown;
}

export type CallResult = { ok: true; status: number; body: unknown } | { ok: false; failure: Failure };

/** One HTTP attempt as seen on the wire, minus headers: for contract tests and debugging. */
export interface Exchange {
  method: HttpMethod;
  api: ApiVersion;
  path: string;
  query: Record<string, string>;
  requestBody: unknown;
  requestContentType: string | undefined;
  status: number | undefined;
  responseBody: unknown;
  responseContentType: string | undefined;
  attempt: number;
}

export interface TransportOptions {
  /** Root URL: `https://{company}.pipedrive.com` or the sandbox's; `/v1` and `/api/v2` are appended. */
  baseUrl: string;
  token: string;
  governor?: RateGovernor | undefined;
  log?: Logger | undefined;
  timeoutMs?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
  /** Called with every attempt's request and answer (tests validate them against the OpenAPI files). */
  onExchange?: ((exchange: Exchange) => void) | undefined;
  random?: (() => number) | undefined;
}

export interface Transport {
  call(spec: CallSpec): Promise<CallResult>;
}

/** State of one call across its attempts. */
interface CallContext {
  attempts: number;
  waitedMs: number;
  maybeApplied: boolean;
}

export function createTransport(options: TransportOptions): Transport {
  const log = options.log ?? silentLogger;
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const random = options.random ?? Math.random;
  const { governor, token } = options;
  const root = options.baseUrl.replace(/\/+$/, '');
  const httpAdapter = axios.getAdapter('http');
  const instance = axios.create({
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    headers: { 'x-api-token': token, Accept: 'application/json', 'User-Agent': USER_AGENT },
    // A redirect would carry the token header to another host.
    maxRedirects: 0,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
  });
  axiosRetry(instance, { retries: retry.retries, shouldResetTimeout: true });

  /** Reports one finished attempt: to the log, the exchange hook and the governor. */
  async function afterAttempt(
    spec: CallSpec,
    ctx: CallContext,
    attempt: { params: unknown; response: AxiosResponse | undefined; networkCode: string | undefined; ms: number },
    permit: Permit | undefined,
  ): Promise<void> {
    const { response, networkCode } = attempt;
    const status = response?.status;
    const contentType = response ? headerReader(response.headers)('content-type') : undefined;
    const body = response ? parseBody(response.data, contentType) : undefined;
    const headers = response ? readRateHeaders(headerReader(response.headers), Date.now()) : {};
    if ((status === undefined && !neverSent(networkCode)) || (status !== undefined && status >= 500)) {
      ctx.maybeApplied = true;
    }
    const path = `${versionPrefix(spec.api)}${spec.path}`;
    log.debug(
      { method: spec.method, path, status, networkCode, ms: attempt.ms, attempt: ctx.attempts },
      'pipedrive request',
    );
    options.onExchange?.({
      method: spec.method,
      api: spec.api,
      path: spec.path,
      query: Object.fromEntries(Object.entries(attempt.params ?? {}).map(([k, v]) => [k, String(v)])),
      requestBody: describeBody(spec.body),
      requestContentType: requestContentType(spec.body),
      status,
      responseBody: body,
      responseContentType: contentType,
      attempt: ctx.attempts,
    });
    if (governor && permit) {
      const budgetExhausted = status === 429 && isBudgetRefusal(headers, body);
      // The answer is already here: a ledger hiccup must not turn a done create into a lost one.
      await governor
        .settle(permit, { status, reached: !neverSent(networkCode), headers, budgetExhausted })
        .catch((error: unknown) => log.warn({ err: String(error) }, 'pipedrive governor settle failed'));
    }
  }

  /** Axios's HTTP adapter, behind the governor: axios-retry re-enters here for every attempt. */
  function governedAdapter(spec: CallSpec, ctx: CallContext): AxiosAdapter {
    const operation = matchOperation(spec.method, spec.path, spec.api);
    const cost = operation?.operation.cost ?? 0;
    const search = /\/search$|^\/itemSearch/.test(operation?.operation.path ?? spec.path);
    return async (config) => {
      ctx.attempts += 1;
      const permit = governor ? await governor.acquire({ cost, search }) : undefined;
      const started = Date.now();
      let response: AxiosResponse | undefined;
      let networkCode: string | undefined;
      try {
        response = await httpAdapter(config);
        return response;
      } catch (error) {
        if (!isAxiosError(error)) throw error;
        response = error.response;
        networkCode = response ? undefined : (error.code ?? undefined);
        throw error;
      } finally {
        await afterAttempt(
          spec,
          ctx,
          { params: config.params, response, networkCode, ms: Date.now() - started },
          permit,
        );
      }
    };
  }

  function retryConfig(spec: CallSpec, ctx: CallContext) {
    let nextDelay = 0;
    return {
      retryCondition: (error: AxiosError): boolean => {
        const status = error.response?.status;
        if (!isRetryable(spec.method, status, error.response ? undefined : error.code)) return false;
        const hint = error.response
          ? serverHintMs(readRateHeaders(headerReader(error.response.headers), Date.now()))
          : undefined;
        nextDelay = backoffDelayMs(ctx.attempts, status === 429 || status === 503 ? hint : undefined, retry, random);
        if (!withinRetryBudget(ctx.waitedMs, nextDelay, retry)) return false;
        ctx.waitedMs += nextDelay;
        log.warn(
          {
            method: spec.method,
            path: `${versionPrefix(spec.api)}${spec.path}`,
            status,
            code: error.code,
            delayMs: nextDelay,
          },
          'pipedrive retry',
        );
        return true;
      },
      retryDelay: () => nextDelay,
    };
  }

  function failureOf(spec: CallSpec, ctx: CallContext, error: AxiosError): Failure {
    const response = error.response;
    const contentType = response ? headerReader(response.headers)('content-type') : undefined;
    const headers = response ? readRateHeaders(headerReader(response.headers), Date.now()) : {};
    const failure = classifyFailure({
      method: spec.method,
      path: `${versionPrefix(spec.api)}${spec.path}`,
      status: response?.status,
      networkCode: response ? undefined : (error.code ?? undefined),
      body: response ? parseBody(response.data, contentType) : undefined,
      contentType,
      retryAfterMs: serverHintMs(headers),
      attempts: ctx.attempts,
      maybeApplied: ctx.maybeApplied,
    });
    return { kind: failure.kind, error: redactSecret(failure.error, token) };
  }

  return {
    async call(spec) {
      const ctx: CallContext = { attempts: 0, waitedMs: 0, maybeApplied: false };
      const isForm = spec.body instanceof FormData;
      try {
        const response = await instance.request<string>({
          method: spec.method,
          url: `${root}${versionPrefix(spec.api)}${spec.path}`,
          params: Object.fromEntries(Object.entries(spec.query ?? {}).filter(([, v]) => v !== undefined)),
          data: spec.body === undefined || isForm ? spec.body : JSON.stringify(spec.body),
          headers: contentTypeHeader(spec.body),
          transformRequest: [(data: unknown) => data],
          adapter: governedAdapter(spec, ctx),
          'axios-retry': retryConfig(spec, ctx),
        });
        const contentType = headerReader(response.headers)('content-type');
        return { ok: true, status: response.status, body: parseBody(response.data, contentType) };
      } catch (error) {
        if (!isAxiosError(error)) throw error;
        const failure = failureOf(spec, ctx, error);
        // A delete whose earlier attempt may have gone through finds the record gone: that is success.
        if (
          spec.method === 'DELETE' &&
          ctx.maybeApplied &&
          (error.response?.status === 404 || error.response?.status === 410)
        ) {
          return { ok: true, status: 200, body: { success: true, data: null } };
        }
        return { ok: false, failure };
      }
    },
  };
}
