-- A custom field Ferry is about to create, written before the POST: a field whose answer was lost, or whose
-- worker died before registering it, is still known as Ferry's when it is found later, so rollback deletes it.
CREATE TABLE field_intents (
  project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  object     text NOT NULL,
  label      text NOT NULL,
  run_id     bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, object, label)
);
