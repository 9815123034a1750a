/** The sandbox's records and fields without what changes on every write: compared "field for field". */
import type { Sandbox } from '../../src/sandbox/index.js';

export function comparable(snapshot: ReturnType<Sandbox['snapshot']>) {
  const strip = <T extends object>(records: T[]) =>
    records.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'update_time')));
  return {
    persons: strip(snapshot.persons),
    organizations: strip(snapshot.organizations),
    deals: strip(snapshot.deals),
    activities: strip(snapshot.activities),
    notes: strip(snapshot.notes),
    files: strip(snapshot.files),
    fields: snapshot.fields,
  };
}
