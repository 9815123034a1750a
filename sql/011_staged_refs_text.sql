-- staged_rows.refs becomes text holding the same JSON object, as cells did in 010 and for the same reason:
-- Ferry writes that JSON itself (JSON.stringify), and only a few checks read it (duplicates, orphans, linking
-- existing persons). COPY of the refs of a million patients, measured alternately: 0.52–0.59 s into text
-- against 0.76–0.82 s into json. Readers cast: `refs::json->>'insz'`.
-- json has no binary cast to text, so this rewrites the staged rows already there (once, in this migration).
ALTER TABLE staged_rows ALTER COLUMN refs TYPE text;
