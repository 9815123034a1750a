/**
 * Recognising Ferry's own record among what Pipedrive holds, after a create whose answer was lost.
 * Persons, organizations and deals carry the "Ferry source id" custom field; activities, notes and files
 * have no custom fields, so they are recognised by the values Ferry sent under the same parent.
 */
import { basename } from 'node:path';
import type { LoadObject } from './build-record.js';
import type { RemoteRecord } from './gateway.js';

export interface Attempt {
  object: LoadObject;
  sourceKey: string;
  body: Record<string, unknown>;
  sourceIdKey: string | undefined;
}

function sameTime(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return a === b;
  return a.slice(0, 5) === b.slice(0, 5); // '09:30' vs '09:30:00'
}

function primaryPerson(body: Record<string, unknown>): number | undefined {
  const participants = body.participants as { person_id: number }[] | undefined;
  return participants?.[0]?.person_id;
}

export function isOwnRecord(attempt: Attempt, remote: RemoteRecord): boolean {
  const { body } = attempt;
  if (attempt.sourceIdKey !== undefined) {
    const custom = remote.custom_fields as Record<string, unknown> | undefined;
    return custom?.[attempt.sourceIdKey] === attempt.sourceKey;
  }
  switch (attempt.object) {
    case 'activity':
      return (
        remote.subject === body.subject &&
        remote.due_date === body.due_date &&
        sameTime(remote.due_time ?? null, body.due_time ?? null) &&
        (primaryPerson(body) === undefined || remote.person_id === primaryPerson(body))
      );
    case 'note':
      return (
        remote.content === body.content &&
        (body.person_id === undefined || remote.person_id === body.person_id) &&
        (body.deal_id === undefined || remote.deal_id === body.deal_id)
      );
    case 'file':
      return remote.name === basename(String(body.file)) && remote.person_id === body.person_id;
    default:
      return false;
  }
}
