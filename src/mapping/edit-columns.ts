/** Finds the column an edit names: exact header first, then case- and accent-insensitive; one file, or say which. */
import type { MapContent, ObjectMap, TargetObject } from './document.js';
import type { ColumnRef } from './edit-language.js';
import { normaliseHeader } from './headers.js';
import { bareColumn, type ColumnProfile, type SourceFile } from './sources.js';

export interface LocatedColumn {
  object: ObjectMap;
  file: SourceFile | undefined;
  column: ColumnProfile;
}

export type ColumnLookup = { ok: true; located: LocatedColumn } | { ok: false; message: string };

/** The columns of one source: the file's profiles, or (no file in this snapshot) the headers the map names. */
function columnsOf(object: ObjectMap, file: SourceFile | undefined): ColumnProfile[] {
  if (file) return file.columns;
  const headers = [...new Set(object.rules.flatMap((r) => r.from))];
  return headers.map((h) => bareColumn(h));
}

function matches(columns: readonly ColumnProfile[], header: string): ColumnProfile | undefined {
  const exact = columns.find((c) => c.header === header);
  if (exact) return exact;
  const lower = columns.filter((c) => c.header.toLowerCase() === header.toLowerCase());
  if (lower.length === 1) return lower[0];
  const loose = columns.filter((c) => normaliseHeader(c.header) === normaliseHeader(header));
  return loose.length === 1 ? loose[0] : undefined;
}

/** Keeps the candidates that pass `keep`, unless none does. */
function narrow(found: LocatedColumn[], keep: (f: LocatedColumn) => boolean): LocatedColumn[] {
  const kept = found.filter(keep);
  return kept.length > 0 ? kept : found;
}

const isMapped = (f: LocatedColumn): boolean =>
  f.object.rules.some((r) => r.to !== null && r.from.includes(f.column.header));

/**
 * Resolves `ref` in the map. When the header is in several files, the target's object (`hint`, for `map` and
 * `new`) or else the file where the column is mapped at all (`ignore`, `transform`: `GSM` is mapped in
 * patients, left behind in users) picks one; otherwise the person is asked to name the file.
 */
export function resolveColumn(
  content: MapContent,
  files: readonly SourceFile[],
  ref: ColumnRef,
  hint?: TargetObject,
): ColumnLookup {
  const objects = content.objects.filter((o) => ref.source === null || o.source === ref.source);
  if (ref.source !== null && objects.length === 0) {
    const sources = content.objects.map((o) => o.source).join(', ');
    return { ok: false, message: `The map has no file "${ref.source}". Files: ${sources}.` };
  }
  const found: LocatedColumn[] = [];
  for (const object of objects) {
    const file = files.find((f) => f.entity === object.source);
    const column = matches(columnsOf(object, file), ref.header);
    if (column) found.push({ object, file, column });
  }
  const byHint = hint === undefined ? found : narrow(found, (f) => f.object.target === hint);
  const narrowed = narrow(byHint, isMapped);
  if (narrowed.length === 1) return { ok: true, located: narrowed[0]! };
  if (found.length === 0) {
    const where =
      objects.find((o) => hint !== undefined && o.target === hint) ??
      objects.find((o) => o.source === 'patients') ??
      objects[0];
    const list = where
      ? columnsOf(
          where,
          files.find((f) => f.entity === where.source),
        ).map((c) => c.header)
      : [];
    return {
      ok: false,
      message: `I don't know the column "${ref.header}". Columns in ${where?.source ?? 'the map'}: ${list.join(', ')}.`,
    };
  }
  const sources = narrowed.map((f) => f.object.source);
  return {
    ok: false,
    message: `"${ref.header}" is in several files (${sources.join(', ')}). Say which, e.g. ${sources[0]}.${ref.header}.`,
  };
}
