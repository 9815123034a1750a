/**
 * The difference between two versions of a map as a short list of changed rules, for the approver:
 * `~ patients.GSM: person.phones (phone) → left behind`. Only what a rule does counts (columns, targets,
 * transform, new field); who proposed it and how sure they were does not.
 */
import { canonicalJson } from '../domain/canonical-json.js';
import { type MapContent, type MapRule, type ObjectMap, targetsOf } from './document.js';

export interface MapChange {
  kind: 'added' | 'removed' | 'changed';
  source: string;
  columns: string[];
  before: string | null;
  after: string | null;
}

/** `person.phones (phone mobile)`, `left behind`, `person.custom:Taal (new varchar field)`. */
export function describeRule(rule: MapRule): string {
  const targets = targetsOf(rule);
  if (targets.length === 0) return 'left behind';
  const parts: string[] = [];
  if (rule.transform) {
    const args = rule.transform.args;
    const label = args && typeof args.label === 'string' ? ` ${args.label}` : '';
    const value = rule.transform.name === 'constant' && args ? ` ${JSON.stringify(args.value)}` : '';
    parts.push(`${rule.transform.name}${label}${value}`);
  }
  if (rule.custom) parts.push(`new ${rule.custom.type} field`);
  return `${targets.join(' + ')}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

const essence = (rule: MapRule): string =>
  canonicalJson({ from: rule.from, to: rule.to, transform: rule.transform ?? null, custom: rule.custom ?? null });

function objectLine(o: ObjectMap | undefined): string {
  if (!o) return 'not in the map';
  const match = o.match ? `, match ${o.match.by.join('/')} → ${o.match.policy}` : '';
  const fold = o.fold ? `, one record per ${o.fold.by.join('+')}` : '';
  return `${o.target ?? 'not migrated'}${match}${fold}`;
}

function diffObject(source: string, a: ObjectMap | undefined, b: ObjectMap | undefined): MapChange[] {
  const changes: MapChange[] = [];
  if (objectLine(a) !== objectLine(b)) {
    const kind = !a ? 'added' : !b ? 'removed' : 'changed';
    changes.push({ kind, source, columns: [], before: a ? objectLine(a) : null, after: b ? objectLine(b) : null });
  }
  const left = [...(a?.rules ?? [])];
  const right = [...(b?.rules ?? [])];
  // Identical rules cancel out, one for one.
  for (let i = left.length - 1; i >= 0; i--) {
    const j = right.findIndex((r) => essence(r) === essence(left[i]!));
    if (j >= 0) {
      left.splice(i, 1);
      right.splice(j, 1);
    }
  }
  for (const rule of left) {
    const j = right.findIndex((r) => r.from.join('\u0000') === rule.from.join('\u0000'));
    if (j >= 0) {
      const [other] = right.splice(j, 1);
      changes.push({
        kind: 'changed',
        source,
        columns: rule.from,
        before: describeRule(rule),
        after: describeRule(other!),
      });
    } else {
      changes.push({ kind: 'removed', source, columns: rule.from, before: describeRule(rule), after: null });
    }
  }
  for (const rule of right)
    changes.push({ kind: 'added', source, columns: rule.from, before: null, after: describeRule(rule) });
  return changes;
}

export function diffMaps(before: MapContent, after: MapContent): MapChange[] {
  const sources = [...new Set([...before.objects.map((o) => o.source), ...after.objects.map((o) => o.source)])];
  return sources.flatMap((source) =>
    diffObject(
      source,
      before.objects.find((o) => o.source === source),
      after.objects.find((o) => o.source === source),
    ),
  );
}

const SIGN: Record<MapChange['kind'], string> = { added: '+', removed: '-', changed: '~' };

/** One line per change; `no rule changed` when there is nothing to show. */
export function formatDiff(changes: readonly MapChange[]): string {
  if (changes.length === 0) return 'no rule changed';
  return changes
    .map((c) => {
      const what = c.columns.length === 0 ? c.source : `${c.source}.${c.columns.join(' + ')}`;
      const body =
        c.kind === 'changed' ? `${c.before} → ${c.after}` : c.kind === 'added' ? `→ ${c.after}` : `(was ${c.before})`;
      return `${SIGN[c.kind]} ${what}${c.kind === 'changed' ? ':' : ''} ${body}`;
    })
    .join('\n');
}
