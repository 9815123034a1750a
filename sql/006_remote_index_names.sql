-- The name of each pre-existing Pipedrive record in the match index. An e-mail address is not a person:
-- families share one (`ouders.janssens@…` on three patients), so an e-mail match only links a patient whose
-- name agrees with the record's (src/migration/link-existing.ts).
ALTER TABLE remote_index ADD COLUMN name_words text NOT NULL DEFAULT '';
