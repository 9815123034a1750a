/**
 * The ids Slack sends back when someone clicks or submits: one place, so builders and listeners cannot drift.
 * Values carried by buttons are documented next to each id.
 */
export const ACTION = {
  /** Project card: opens the Pipedrive token modal. Value: project id. */
  connectOpen: 'ferry_connect_open',
  /** Project card: posts the map for review (proposing one first when needed). Value: project id. */
  mapReview: 'ferry_map_review',
  /** Map review: approve. Value: `<version>:<hash>` of the version shown. */
  mapApprove: 'ferry_map_approve',
  /** Map review: explains how to ask for changes. Value: `<version>:<hash>`. */
  mapChanges: 'ferry_map_changes',
  /** Rollback confirmation: start it. Value: the target load's run id, or `all` (every load); see rollbackTargetValue. */
  rollbackConfirm: 'ferry_rollback_confirm',
  /** Rollback confirmation: drop it. Value: as rollbackConfirm. */
  rollbackCancel: 'ferry_rollback_cancel',
} as const;

export const VIEW = {
  /** The Pipedrive connection modal; private_metadata `{ "project": "<id>" }` (never the token). */
  connect: 'ferry_connect_modal',
} as const;

/** Block and action ids inside the connection modal, where `view.state.values` carries the input. */
export const CONNECT_INPUT = {
  token: { block: 'token', action: 'value' },
  baseUrl: { block: 'base_url', action: 'value' },
  plan: { block: 'plan', action: 'value' },
} as const;

/** `<version>:<hash>` → parts; null when malformed (a hash itself contains `:`). */
export function parseVersionValue(value: string | undefined): { version: number; hash: string } | null {
  if (value === undefined) return null;
  const at = value.indexOf(':');
  const version = Number(value.slice(0, at));
  const hash = value.slice(at + 1);
  return at > 0 && Number.isInteger(version) && version > 0 && hash !== '' ? { version, hash } : null;
}

export function versionValue(version: number, hash: string): string {
  return `${version}:${hash}`;
}

const ROLLBACK_ALL = 'all';

/** The rollback buttons' value: the target load's run id, or `all` for every load of the project. */
export function rollbackTargetValue(targetRunId: number | null): string {
  return targetRunId === null ? ROLLBACK_ALL : String(targetRunId);
}

/** `12` → 12, `all` → null (every load); anything else → undefined. */
export function parseRollbackTarget(value: string | undefined): number | null | undefined {
  if (value === ROLLBACK_ALL) return null;
  return value !== undefined && /^\d{1,12}$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
}
