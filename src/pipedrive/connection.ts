/**
 * Where a company's API lives and which budget it shares. Pipedrive asks integrations to call the
 * company's own domain ("helps us determine which data center your request should go to"): one
 * `GET /v1/users/me` on the generic host gives `company_domain`. `PIPEDRIVE_BASE_URL` (the sandbox)
 * overrides it.
 */
import { AppError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { createPipedriveClient } from './client.js';
import type { Exchange } from './http.js';
import type { CurrentUser } from './wire-types-v1.js';

export const PIPEDRIVE_GENERIC_ROOT = 'https://api.pipedrive.com';

export interface Connection {
  /** Root URL for the client: `https://{company_domain}.pipedrive.com` or the override. */
  baseUrl: string;
  /** Names the shared rate budget: `company:{company_id}`, or `url:{baseUrl}` for an override. */
  companyKey: string;
  user: CurrentUser;
  /** Tokens the `/users/me` call cost, to book with `governor.charge` once the governor exists. */
  tokensSpent: number;
}

export interface ConnectOptions {
  token: string;
  /** `PIPEDRIVE_BASE_URL` from the config, when set. */
  baseUrlOverride?: string | undefined;
  log?: Logger;
  timeoutMs?: number;
  onExchange?: (exchange: Exchange) => void;
}

const USERS_ME_COST = 2;

/** Checks the token and finds the company's base URL; throws the client's stop errors on 401/402/403. */
export async function resolveConnection(options: ConnectOptions): Promise<Connection> {
  const override = options.baseUrlOverride?.replace(/\/+$/, '');
  const root = override ?? PIPEDRIVE_GENERIC_ROOT;
  const client = createPipedriveClient({
    baseUrl: root,
    token: options.token,
    ...(options.log ? { log: options.log } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onExchange ? { onExchange: options.onExchange } : {}),
  });
  const user = await client.users.me();
  if (override !== undefined)
    return { baseUrl: override, companyKey: `url:${override}`, user, tokensSpent: USERS_ME_COST };
  // The domain becomes part of a URL that carries the token: accept a plain subdomain only.
  if (typeof user.company_domain !== 'string' || !/^[a-z0-9][a-z0-9-]*$/i.test(user.company_domain)) {
    throw new AppError('pipedrive_unavailable', 'Pipedrive did not say which company domain this token belongs to.', {
      details: { companyId: user.company_id },
    });
  }
  return {
    baseUrl: `https://${user.company_domain}.pipedrive.com`,
    companyKey: `company:${user.company_id}`,
    user,
    tokensSpent: USERS_ME_COST,
  };
}
