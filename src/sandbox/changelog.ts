/**
 * Field-level change history of persons, organizations and deals, as
 * `GET /v1/{persons,organizations,deals}/{id}/changelog` returns it [SPEC1]: `field_key`,
 * `old_value`/`new_value` as text, `actor_user_id`, `time`, `change_source` (`api` for API writes,
 * `app` for edits in the web app) and the user agent. Newest first, cursor-paged.
 *
 * Our assumptions: creation writes no entries (only updates do); emails/phones are logged under
 * `email`/`phone` with the primary value, as in the spec's example; a deletion is not logged.
 */
import { customValueText } from './custom-values.js';
import { badRequest } from './errors.js';
import type { ChangelogEntry, ChangeSource, FieldEntity } from './records.js';
import type { Store } from './store.js';
import { toV1DateTime } from './time.js';

/** Who made a change, for the changelog. */
export interface Actor {
  userId: number;
  source: ChangeSource;
  userAgent: string | null;
}

/** The browser a simulated web-app edit claims to come from. */
export const APP_USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36';

const UNTRACKED = new Set(['id', 'add_time', 'update_time', 'custom_fields', 'is_deleted', 'stage_change_time']);
const RENAMED: Readonly<Record<string, string>> = { emails: 'email', phones: 'phone' };

function valueText(value: unknown): string | null {
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const contact = value.find((item) => item?.primary === true) ?? value[0];
    if (typeof contact === 'object' && contact !== null && 'value' in contact) return String(contact.value);
    return value.map(String).join(',');
  }
  return customValueText(value);
}

/** Appends one entry per changed field between `before` and `after`. */
export function recordChanges(
  store: Store,
  entity: FieldEntity,
  before: object,
  after: object,
  actor: Actor,
  time: Date,
): void {
  const old = before as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  const changes: [string, unknown, unknown][] = [];
  for (const key of Object.keys(next)) {
    if (UNTRACKED.has(key)) continue;
    if (JSON.stringify(old[key]) !== JSON.stringify(next[key]))
      changes.push([RENAMED[key] ?? key, old[key], next[key]]);
  }
  const oldCustom = (old.custom_fields ?? {}) as Record<string, unknown>;
  const newCustom = (next.custom_fields ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(oldCustom), ...Object.keys(newCustom)])) {
    if (JSON.stringify(oldCustom[key]) !== JSON.stringify(newCustom[key]))
      changes.push([key, oldCustom[key], newCustom[key]]);
  }
  for (const [fieldKey, oldValue, newValue] of changes) {
    store.changelog.push({
      seq: store.nextId('changelog'),
      entity,
      item_id: next.id as number,
      field_key: fieldKey,
      old_value: valueText(oldValue),
      new_value: valueText(newValue),
      actor_user_id: actor.userId,
      time: toV1DateTime(time),
      change_source: actor.source,
      change_source_user_agent: actor.userAgent,
      is_bulk_update_flag: false,
    });
  }
}

/** The entries of one record, newest first. */
export function changelogOf(store: Store, entity: FieldEntity, itemId: number): ChangelogEntry[] {
  return store.changelog.filter((entry) => entry.entity === entity && entry.item_id === itemId).reverse();
}

/**
 * A page of a record's changelog. The cursor names the first entry of the next page as `id:<n>` in
 * base64, the form of the spec's example (`aWQ6NTQ0`).
 */
export function pageChangelog(
  entries: readonly ChangelogEntry[],
  limit: number,
  cursor: string | null,
): { page: Record<string, unknown>[]; nextCursor: string | null } {
  let rest = entries;
  if (cursor) {
    const match = /^id:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!match) throw badRequest('cursor is not valid');
    const seq = Number(match[1]);
    rest = entries.filter((entry) => entry.seq <= seq);
  }
  const page = rest.slice(0, limit);
  const next = rest[limit];
  return {
    page: page.map(({ seq: _seq, entity: _entity, item_id: _item, ...entry }) => entry),
    nextCursor: next ? Buffer.from(`id:${next.seq}`).toString('base64') : null,
  };
}
