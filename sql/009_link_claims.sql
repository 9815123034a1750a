-- Which patient a pre-existing Pipedrive person was linked to. Claimed atomically before the link is written, so
-- two patients matching the same person in chunks that run at the same time cannot both be linked to it. A claim
-- passes to another patient only once its patient's link is rolled back.
CREATE TABLE link_claims (
  project_id   text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  object       text NOT NULL,
  pipedrive_id bigint NOT NULL,
  source_key   text NOT NULL,
  claimed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, object, pipedrive_id)
);
