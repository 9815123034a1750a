/** Clinical notes: plain (often multi-line, quoted) memo text; RTF and HTML bodies only as listed defects. */

import type { DefectCode } from '../defects.js';
import { formatTimestamp } from './calendar.js';
import { type AppliedDefect, emptyRow, keyIndex } from './defect-log.js';
import { impossibleTimestamp, mojibake } from './text-damage.js';
import { htmlNote, pickAccentedNote, pickNote, pickRaggedText, rtfNote } from './texts.js';
import { pickTooth, providerFor } from './treatments.js';
import type { GenContext, PatientFacts } from './types.js';
import { UNKNOWN_PROVIDER_CODES } from './users.js';

const N = keyIndex('notes', [
  'note_id',
  'patient_id',
  'date',
  'author',
  'type',
  'tooth',
  'text',
  'confidential',
] as const);

const NOTE_COUNT_WEIGHTS = [35, 37, 18, 10];

export function emitNotes(ctx: GenContext, facts: PatientFacts): void {
  const { rng, labels } = ctx;
  const count = rng.count(NOTE_COUNT_WEIGHTS);
  for (let n = 0; n < count; n++) {
    const id = `N${ctx.ids.note++}`;
    const day = rng.range(facts.firstDay, facts.lastDay);
    const typeIndex = rng.int(labels.noteTypes.length);
    const row = emptyRow('notes');
    row[N.note_id] = id;
    row[N.patient_id] = String(facts.id);
    row[N.date] = formatTimestamp(day, rng.range(8 * 60, 18 * 60));
    row[N.author] =
      typeIndex === 3 && ctx.users.staff.length > 0 ? rng.pick(ctx.users.staff) : providerFor(ctx, facts, day, false);
    row[N.type] = labels.noteTypes[typeIndex] ?? '';
    row[N.tooth] = typeIndex === 1 && rng.chance(0.4) ? pickTooth(rng, 'permanent', 30) : '';
    row[N.text] = pickNote(ctx.lang, rng);
    row[N.confidential] = typeIndex === 2 ? labels.yes : labels.no;

    const kinds = ctx.defects.draw('notes');
    const damage = kinds.length > 0 ? damageNote(ctx, row, kinds, day) : { applied: [], rawIndex: -1 };
    const line = ctx.sinks.notes.writeRow(row, damage.rawIndex);
    if (damage.applied.length > 0) ctx.defects.log('notes', id, line, damage.applied);
  }
}

function damageNote(
  ctx: GenContext,
  row: string[],
  kinds: readonly DefectCode[],
  day: number,
): { applied: AppliedDefect[]; rawIndex: number } {
  const r = ctx.drng;
  for (const kind of kinds) {
    switch (kind) {
      case 'note_rich_text':
        row[N.text] = r.chance(0.55) ? rtfNote(ctx.lang, r) : htmlNote(ctx.lang, r);
        return { applied: [{ code: kind, key: 'text' }], rawIndex: -1 };
      case 'ragged_row':
        row[N.text] = pickRaggedText(ctx.lang, r);
        return { applied: [{ code: kind, key: null }], rawIndex: N.text };
      case 'mojibake':
        row[N.text] = mojibake(pickAccentedNote(ctx.lang, r));
        return { applied: [{ code: kind, key: 'text' }], rawIndex: -1 };
      case 'date_invalid':
        row[N.date] = impossibleTimestamp(day, r);
        return { applied: [{ code: kind, key: 'date' }], rawIndex: -1 };
      case 'orphan_reference':
        row[N.patient_id] = String(r.range(1, 999));
        return { applied: [{ code: kind, key: 'patient_id' }], rawIndex: -1 };
      case 'provider_unknown':
        row[N.author] = r.pick(UNKNOWN_PROVIDER_CODES);
        return { applied: [{ code: kind, key: 'author' }], rawIndex: -1 };
      default:
        break;
    }
  }
  return { applied: [], rawIndex: -1 };
}
