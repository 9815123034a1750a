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
