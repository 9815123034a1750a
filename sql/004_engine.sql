-- The migration engine's state: Pipedrive connections, the audit trail, runs, and the id map of every record.

-- One Pipedrive account per project. The token is stored encrypted (src/security/secret-box.ts).
CREATE TABLE connections (
  project_id      text PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  base_url        text NOT NULL,
  company_id      bigint,
  company_name    text,
  company_domain  text,
  user_id         bigint,
  token_sealed    text NOT NULL,
  token_last4     text NOT NULL,
  plan            text NOT NULL DEFAULT 'growth' CHECK (plan IN ('lite', 'growth', 'premium', 'ultimate')),
  seats           integer NOT NULL DEFAULT 1 CHECK (seats > 0),
  top_up_tokens   integer NOT NULL DEFAULT 0 CHECK (top_up_tokens >= 0),
  reserve_pct     real NOT NULL DEFAULT 20 CHECK (reserve_pct >= 0 AND reserve_pct < 100),
  connected_at    timestamptz NOT NULL DEFAULT now()
);

-- Append-only: each row's hash covers its content and the previous row's hash (per project).
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  project_id  text NOT NULL,
  at          timestamptz NOT NULL,
  actor       text NOT NULL,
  kind        text NOT NULL,
  detail      jsonb NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL UNIQUE
);
CREATE INDEX audit_log_project ON audit_log (project_id, id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- A run: one preflight, sample, full load, delta, reconcile or rollback of a project.
CREATE TABLE runs (
  id               bigserial PRIMARY KEY,
  project_id       text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('preflight', 'sample', 'full', 'delta', 'reconcile', 'rollback')),
  status           text NOT NULL DEFAULT 'planned'
                   CHECK (status IN ('planned', 'running', 'paused', 'done', 'failed', 'rolled_back')),
  map_version      integer,
  map_hash         text,
  snapshot_id      bigint REFERENCES snapshots (id),
  -- The run this one acts on (a rollback's target), when any.
  target_run_id    bigint REFERENCES runs (id),
  options          jsonb NOT NULL DEFAULT '{}',
  phase            text,
  counts           jsonb NOT NULL DEFAULT '{}',
  tokens_spent     integer NOT NULL DEFAULT 0,
  tokens_estimated integer,
  result           jsonb,
  error            text,
  actor            text NOT NULL,
  thread_channel   text,
  thread_ts        text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz
);
CREATE INDEX runs_project ON runs (project_id, id);

-- The id map: every source record Ferry decided about, and what it did in Pipedrive.
-- An 'intent' row is written before each create and completed after it: exactly once across crashes.
CREATE TABLE records (
  project_id         text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  object             text NOT NULL CHECK (object IN ('organization', 'person', 'deal', 'activity', 'note', 'file')),
  -- '<entity>:<record key>', plus '#<n>' for the occurrences of a recurring appointment.
  source_key         text NOT NULL,
  state              text NOT NULL
                     CHECK (state IN ('intent', 'created', 'linked', 'skipped', 'failed', 'deleted', 'conflict')),
  pipedrive_id       bigint,
  origin_run_id      bigint REFERENCES runs (id),
  run_id             bigint REFERENCES runs (id),
  snapshot_id        bigint,
  content_hash       text,
  -- What Ferry sent (the expected values for diff and reconcile). Ids and field keys, values as sent.
  payload            jsonb,
  -- A pre-existing record's fields before Ferry changed them (restored by rollback).
  before_image       jsonb,
  -- Pipedrive's update_time right after Ferry's write: a later one means a person changed the record.
  pd_update_time     text,
  attempt_started_at timestamptz,
  attempts           integer NOT NULL DEFAULT 0,
  reason             text,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, object, source_key)
);
CREATE INDEX records_pipedrive ON records (project_id, object, pipedrive_id);

-- A phase of a load split into chunks; one pg-boss job per chunk.
CREATE TABLE run_chunks (
  run_id   bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  phase    text NOT NULL,
  seq      integer NOT NULL,
  keys     jsonb NOT NULL,
  status   text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
  counts   jsonb NOT NULL DEFAULT '{}',
  done_at  timestamptz,
  PRIMARY KEY (run_id, phase, seq)
);

-- Custom fields by label → Pipedrive's 40-character key, per project (printable with `ferry fields`).
CREATE TABLE field_registry (
  project_id       text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  object           text NOT NULL CHECK (object IN ('organization', 'person', 'deal')),
  label            text NOT NULL,
  field_code       text NOT NULL,
  field_type       text NOT NULL,
  options          jsonb NOT NULL DEFAULT '[]',
  created_by_ferry boolean NOT NULL,
  created_run_id   bigint REFERENCES runs (id),
  deleted_at       timestamptz,
  registered_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, object, label)
);

-- Providers (DentAdmin user codes) → Pipedrive users; resolved by e-mail or set by hand (`ferry owners`).
CREATE TABLE provider_owners (
  project_id    text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  provider_code text NOT NULL,
  email         text,
  user_id       bigint,
  set_by        text,
  PRIMARY KEY (project_id, provider_code)
);

CREATE TABLE project_settings (
  project_id           text PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  fallback_owner_email text,
  fallback_owner_id    bigint
);

-- Where a documents file's documents live on disk (the folder next to the export), for the file uploads.
ALTER TABLE snapshot_files ADD COLUMN documents_dir text;

-- Existing Pipedrive records (before Ferry wrote anything) indexed by match key, per run: link, don't duplicate.
CREATE TABLE remote_index (
  run_id       bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  object       text NOT NULL,
  match_key    text NOT NULL,
  pipedrive_id bigint NOT NULL,
  PRIMARY KEY (run_id, object, match_key, pipedrive_id)
);
