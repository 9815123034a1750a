-- What a delta run changed in records Ferry had written before: the values the PATCH replaced, and the row Ferry
-- kept for the record before the run. Rolling back that run alone (`ferry rollback --run R`) puts both back.
CREATE TABLE record_updates (
  run_id            bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  project_id        text NOT NULL,
  object            text NOT NULL,
  source_key        text NOT NULL,
  pipedrive_id      bigint NOT NULL,
  -- The patched fields as Pipedrive had them before the run (custom fields one by one).
  before_image      jsonb NOT NULL,
  previous_payload  jsonb,
  previous_hash     text,
  previous_snapshot bigint,
  -- Pipedrive's update_time right after the PATCH; null while the PATCH's outcome is not known (the intent).
  pd_update_time    text,
  undone_at         timestamptz,
  PRIMARY KEY (run_id, project_id, object, source_key)
);
