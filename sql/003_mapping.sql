-- Field maps: every version of a project's map from DentAdmin columns to Pipedrive fields.
-- A version is identified by the hash of its content; approved versions never change (see the trigger).

CREATE TABLE field_maps (
  project_id    text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  version       integer NOT NULL CHECK (version > 0),
  hash          text NOT NULL CHECK (hash ~ '^sha256:[0-9a-f]{64}$'),
  status        text NOT NULL CHECK (status IN ('proposed', 'approved', 'superseded')),
  -- The content only ({ "objects": [...] }); version, status and approval live in the columns.
  document      jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  -- What made this version, and for an edit the command as typed.
  cause         text NOT NULL CHECK (cause IN ('propose', 'edit', 'undo', 'import')),
  command       text,
  -- The version whose content an `undo` of this version brings back; null when there is nothing to undo.
  undo_to       integer,
  approved_by   text,
  approved_at   timestamptz,
  superseded_at timestamptz,
  PRIMARY KEY (project_id, version),
  CHECK (status <> 'approved' OR (approved_by IS NOT NULL AND approved_at IS NOT NULL)),
  CHECK ((status = 'superseded') = (superseded_at IS NOT NULL))
);

-- At most one current (not superseded) version per project.
CREATE UNIQUE INDEX field_maps_current ON field_maps (project_id) WHERE status <> 'superseded';
CREATE INDEX field_maps_approved ON field_maps (approved_at) WHERE approved_at IS NOT NULL;

-- A version's content never changes, and status only moves forward:
-- proposed → approved → superseded, or proposed → superseded. (Deleting the project still deletes its maps.)
CREATE FUNCTION field_maps_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.document IS DISTINCT FROM OLD.document OR NEW.hash IS DISTINCT FROM OLD.hash
     OR NEW.version IS DISTINCT FROM OLD.version OR NEW.project_id IS DISTINCT FROM OLD.project_id THEN
    RAISE EXCEPTION 'field map % v% is immutable', OLD.project_id, OLD.version;
  END IF;
  IF OLD.status = 'superseded' AND NEW.status <> 'superseded'
     OR OLD.status = 'approved' AND NEW.status = 'proposed' THEN
    RAISE EXCEPTION 'field map % v%: status cannot go from % to %', OLD.project_id, OLD.version, OLD.status, NEW.status;
  END IF;
  IF OLD.approved_at IS NOT NULL AND (NEW.approved_at IS DISTINCT FROM OLD.approved_at
     OR NEW.approved_by IS DISTINCT FROM OLD.approved_by) THEN
    RAISE EXCEPTION 'field map % v%: the approval cannot change', OLD.project_id, OLD.version;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER field_maps_guard BEFORE UPDATE ON field_maps
  FOR EACH ROW EXECUTE FUNCTION field_maps_guard();
