-- Pipedrive rate governor: state shared by every worker process that talks to the same Pipedrive company,
-- so that together they stay inside its burst window and its daily token budget (see src/pipedrive/governor.ts).
-- Times the governor reasons about are epoch milliseconds from the database clock (clock_timestamp()),
-- so that processes on different machines agree; they are stored as double precision because the pure
-- policy in src/pipedrive/governor-policy.ts works on plain numbers.

-- One row per company (in Ferry, one API token per company, so also per token for the burst window).
CREATE TABLE pipedrive_rate_buckets (
  company_key     text PRIMARY KEY,
  -- Requests granted within the last window (plus margin), ascending; at most one window's worth.
  recent          double precision[] NOT NULL DEFAULT '{}',
  recent_search   double precision[] NOT NULL DEFAULT '{}',
  -- Nobody sends before this (a 429, or a window filled by someone else); 0 = not blocked.
  blocked_until   double precision NOT NULL DEFAULT 0,
  -- A burst limit Pipedrive reported (x-ratelimit-limit) below the plan's; null = the plan's.
  server_limit    integer CHECK (server_limit > 0),
  -- Pipedrive refused for its daily budget at this time; 0 = it has budget. One probe per interval until back.
  exhausted_since double precision NOT NULL DEFAULT 0,
  next_probe_at   double precision NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Tokens spent per company and budget day (the day boundary is configurable: Pipedrive's is undocumented).
CREATE TABLE pipedrive_token_ledger (
  company_key text NOT NULL,
  day         date NOT NULL,
  spent       bigint NOT NULL DEFAULT 0 CHECK (spent >= 0),
  requests    integer NOT NULL DEFAULT 0,
  -- 429s received: the governor's aim is to keep this at zero.
  refused     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (company_key, day)
);
