/**
 * Sandbox-only admin routes under `/_sandbox/`, for demos and for rehearsals driven from another
 * process. They need the API token but bypass rate limits, faults and the token ledger, and are not
 * part of Pipedrive's API:
 *
 *   GET  /_sandbox/state                      ledger and record counts
 *   POST /_sandbox/edit/{entity}/{id}         an edit "by a person in the web app" (changelog: app)
 *   POST /_sandbox/account-state              { "state": "ok" | "unpaid" | "blocked" }
 *   POST /_sandbox/reset-budget               give back the whole daily budget
 *   POST /_sandbox/faults                     { "failRate"?, "dropRate"?, "latencyMs"? }
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { AccountState } from '../core.js';
import { ApiError, isApiError } from '../errors.js';
import type { FaultSettings } from '../faults.js';
import { type Answer, errorAnswer, jsonAnswer, unauthorized } from '../http/answer.js';
import { parseBody, readBody } from '../http/body.js';
import type { AdminHandler } from '../http/server.js';
import type { EntityType } from '../records.js';
import { parseIdParam } from '../validation.js';

export interface SandboxControls {
  readonly token: string;
  editAsUser(entity: EntityType, id: number, patch: Record<string, unknown>): object;
  setAccountState(state: AccountState): void;
  resetBudget(): void;
  setFaults(faults: FaultSettings): void;
  summary(): Record<string, unknown>;
}

const ENTITY_NAMES: Readonly<Record<string, EntityType>> = {
  person: 'person',
  persons: 'person',
  organization: 'organization',
  organizations: 'organization',
  deal: 'deal',
  deals: 'deal',
  activity: 'activity',
  activities: 'activity',
};

const accountStateBody = z.object({ state: z.enum(['ok', 'unpaid', 'blocked']) });
const faultsBody = z.object({
  failRate: z.number().min(0).max(1).optional(),
  dropRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().min(0).optional(),
});

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw new ApiError(400, `Invalid body: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}

function ok(data: unknown): Answer {
  return jsonAnswer(200, { success: true, data }, 'ok');
}

async function dispatch(
  controls: SandboxControls,
  req: IncomingMessage,
  path: string,
  method: string,
): Promise<Answer> {
  if (method === 'GET' && path === '/_sandbox/state') return ok(controls.summary());
  if (method !== 'POST') throw new ApiError(404, `Unknown sandbox admin route ${method} ${path}`);
  const body = parseBody(await readBody(req, 1024 * 1024), String(req.headers['content-type'] ?? 'application/json'));
  const edit = /^\/_sandbox\/edit\/([a-z]+)\/([^/]+)$/.exec(path);
  if (edit) {
    const entity = ENTITY_NAMES[edit[1] ?? ''];
    if (!entity) throw new ApiError(404, `Unknown entity ${edit[1]}`);
    return ok(controls.editAsUser(entity, parseIdParam(edit[2]), (body ?? {}) as Record<string, unknown>));
  }
  switch (path) {
    case '/_sandbox/account-state':
      controls.setAccountState(parse(accountStateBody, body).state as AccountState);
      return ok(controls.summary());
    case '/_sandbox/reset-budget':
      controls.resetBudget();
      return ok(controls.summary());
    case '/_sandbox/faults': {
      const faults = parse(faultsBody, body);
      controls.setFaults(Object.fromEntries(Object.entries(faults).filter(([, value]) => value !== undefined)));
      return ok(controls.summary());
    }
    default:
      throw new ApiError(404, `Unknown sandbox admin route ${method} ${path}`);
  }
}

export function createAdminHandler(controls: SandboxControls): AdminHandler {
  return async (req, url, method) => {
    if (!url.pathname.startsWith('/_sandbox/')) return undefined;
    const token = req.headers['x-api-token'] ?? url.searchParams.get('api_token');
    if (token !== controls.token) return unauthorized();
    try {
      return await dispatch(controls, req, url.pathname, method);
    } catch (error) {
      if (isApiError(error)) return errorAnswer(error, 'error');
      throw error;
    }
  };
}
