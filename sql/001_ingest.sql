-- Projects and what ingest stages: snapshots of uploaded exports, their files, every row, profiles, defects.

CREATE TABLE projects (
  id            text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name          text NOT NULL,
  source_system text NOT NULL DEFAULT 'dentadmin',
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- One upload (one `ferry ingest` or one set of files posted in Slack). A later export is a new snapshot.
CREATE TABLE snapshots (
  id          bigserial PRIMARY KEY,
  project_id  text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- 'staged': rows are in staged_rows; 'refused': nothing staged, refusal says why.
  status      text NOT NULL CHECK (status IN ('staged', 'refused')),
  refusal     text,
  summary     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX snapshots_project ON snapshots (project_id, id);

CREATE TABLE snapshot_files (
  id            bigserial PRIMARY KEY,
  snapshot_id   bigint NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  file_name     text NOT NULL,
  entity        text,
  confidence    real NOT NULL DEFAULT 0,
  encoding      text,
  delimiter     text,
  line_ending   text,
  headers       jsonb NOT NULL DEFAULT '[]',
  column_keys   jsonb NOT NULL DEFAULT '[]',
  rows          integer NOT NULL DEFAULT 0,
  size_bytes    bigint NOT NULL DEFAULT 0,
  sha256        text,
  -- A file-level problem (empty, binary, unknown entity); null when the file was staged.
  error         text
);
CREATE INDEX snapshot_files_snapshot ON snapshot_files (snapshot_id);

-- Every data row of every staged file, with its raw cells in file column order.
--
-- One partition per staged file (LIST on file_id). Ingest COPYs a file's rows into a fresh table of its own
-- that has the two indexes but not the foreign key, then attaches it in the same transaction, so the upload
-- stays atomic (src/store/snapshots.ts). Attaching checks the foreign key with one join over the file; on a
-- plain table the same check is a trigger call per row, all queued until the end of the COPY: 4 s of the
-- backend's 11 s for a million rows, during which the upload waited. The indexes are kept row by row during
-- the COPY: building them afterwards costs the backend less (1.4 s instead of 2.1 s a million rows) but
-- makes the upload wait for it, while row by row it is done as the rows arrive, on the core the reader does
-- not use. Queries on the parent by file_id reach just that file's partition. Deleting a file (cascade)
-- empties its partition, which is left in place.
CREATE TABLE staged_rows (
  file_id       bigint NOT NULL REFERENCES snapshot_files (id) ON DELETE CASCADE,
  line          integer NOT NULL,
  snapshot_id   bigint NOT NULL,
  entity        text NOT NULL,
  record_key    text,
  content_hash  text NOT NULL,
  -- A JSON array of the raw cells as read. `json`, not `jsonb`: stored verbatim and never searched inside,
  -- and jsonb's parsing costs about a sixth of the whole COPY of a million rows.
  cells         json NOT NULL,
  -- Normalised keys for checks across rows and files (duplicates, orphans), see src/dentadmin/validate.
  -- `json` too: those checks read the keys of a few candidate rows found while streaming (->>), so parsing
  -- every row into jsonb on the way in (0.4 s of backend time per million rows) buys nothing.
  refs          json,
  PRIMARY KEY (file_id, line)
) PARTITION BY LIST (file_id);
-- Finds a record by key within one file (orphan checks, delta pickup). Each file is a partition of its own,
-- so the key alone is enough: (file_id, record_key) is (snapshot, entity, record key), since a snapshot holds
-- at most one file per entity, in a smaller and faster index.
CREATE INDEX staged_rows_record ON staged_rows (record_key);

CREATE TABLE column_profiles (
  file_id        bigint NOT NULL REFERENCES snapshot_files (id) ON DELETE CASCADE,
  position       integer NOT NULL,
  header         text NOT NULL,
  column_key     text,
  inferred_type  text NOT NULL,
  -- Share of the sampled non-empty values that have inferred_type.
  type_share     real NOT NULL DEFAULT 0,
  pattern        text,
  fill_rate      real NOT NULL,
  distinct_count integer NOT NULL,
  -- True when distinct_count is a HyperLogLog estimate (more than 10,000 distinct values).
  distinct_estimated boolean NOT NULL DEFAULT false,
  -- Shape-masked values only (Aaaaa, 99/99/9999); never a raw value.
  samples        jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (file_id, position)
);

CREATE TABLE defects (
  id          bigserial PRIMARY KEY,
  snapshot_id bigint NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  file_id     bigint REFERENCES snapshot_files (id) ON DELETE CASCADE,
  entity      text,
  record_key  text,
  line        integer,
  column_name text,
  code        text NOT NULL,
  severity    text NOT NULL CHECK (severity IN ('error', 'warning')),
  message     text NOT NULL
);
CREATE INDEX defects_snapshot ON defects (snapshot_id, entity, record_key);
