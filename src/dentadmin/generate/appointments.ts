/**
 * Appointments: past visits and a few future ones per patient, plus blocked slots without a patient
 * that repeat (one row per series, its rule in Herhaling as `FREQ=WEEKLY;BYDAY=MO;COUNT=N`).
 */

import type { DefectCode } from '../defects.js';
import { formatTimestamp, weekday } from './calendar.js';
import { type AppliedDefect, emptyRow, keyIndex } from './defect-log.js';
import { impossibleTimestamp } from './text-damage.js';
import { providerFor } from './treatments.js';
import type { GenContext, PatientFacts } from './types.js';
import { UNKNOWN_PROVIDER_CODES } from './users.js';

const A = keyIndex('appointments', [
  'appointment_id',
  'patient_id',
  'start',
  'duration_min',
  'provider',
  'chair',
  'type',
  'status',
  'series_id',
  'recurrence',
  'reason',
  'sms_sent',
  'created_by',
  'created_at',
] as const);

const APPOINTMENT_COUNT_WEIGHTS = [8, 14, 18, 20, 16, 10, 6, 4, 2, 2];
const DURATIONS_MIN = [15, 20, 20, 30, 30, 30, 40, 45, 60, 90];

/** Moves a weekend day back to Friday (past) or on to Monday (future). */
function workday(day: number, forward: boolean): number {
  const wd = weekday(day);
  if (wd < 5) return day;
  return forward ? day + (7 - wd) : day - (wd - 4);
}

function slotMinute(ctx: GenContext): number {
  return ctx.rng.range(8 * 4, 17 * 4 + 2) * 15;
}

function booker(ctx: GenContext): string {
  return ctx.users.staff.length > 0 ? ctx.rng.pick(ctx.users.staff) : ctx.rng.pick(ctx.users.dentists);
}

/** Blocked slots without a patient, as weekly series; written before the patients' appointments. */
export function emitSeries(ctx: GenContext, patients: number): void {
  const { rng, labels } = ctx;
  const count = Math.min(200, 2 + Math.floor(patients / 5000));
  for (let n = 0; n < count; n++) {
    const row = emptyRow('appointments');
    const start = ctx.exportDay + 2 + rng.range(0, 60);
    const monday = start + ((7 - weekday(start)) % 7);
    const createdDay = ctx.exportDay - rng.range(1, 60);
    row[A.appointment_id] = `A${ctx.ids.appointment++}`;
    row[A.start] = formatTimestamp(monday, rng.pick([12 * 60, 12 * 60 + 30, 8 * 60, 17 * 60]));
    row[A.duration_min] = String(rng.pick([30, 60, 60, 90]));
    row[A.provider] = rng.pick(ctx.users.dentists);
    row[A.chair] = String(rng.range(1, 3));
    row[A.type] = labels.blockType;
    row[A.status] = labels.appointmentStatus.planned;
    row[A.series_id] = `R${ctx.ids.series++}`;
    row[A.recurrence] = `FREQ=WEEKLY;BYDAY=MO;COUNT=${rng.pick([10, 20, 40, 52])}`;
    row[A.reason] = rng.pick(labels.blockReasons);
    row[A.sms_sent] = labels.no;
    row[A.created_by] = row[A.provider] ?? '';
    row[A.created_at] = formatTimestamp(createdDay, slotMinute(ctx));
    ctx.sinks.appointments.writeRow(row);
  }
}

export function emitAppointments(ctx: GenContext, facts: PatientFacts): void {
  const { rng, labels } = ctx;
  const past = rng.count(APPOINTMENT_COUNT_WEIGHTS);
  for (let n = 0; n < past; n++) {
    const day = workday(rng.range(facts.firstDay, facts.lastDay), false);
    const s = rng.float();
    const status =
      s < 0.8
        ? labels.appointmentStatus.present
        : s < 0.92
          ? labels.appointmentStatus.cancelled
          : labels.appointmentStatus.noShow;
    emitOne(ctx, facts, day, status, day - rng.range(1, 60));
  }
  if (facts.current && rng.chance(0.35)) {
    const day = workday(ctx.exportDay + rng.range(1, 180), true);
    const status = rng.chance(0.6) ? labels.appointmentStatus.planned : labels.appointmentStatus.confirmed;
    emitOne(ctx, facts, day, status, ctx.exportDay - rng.range(1, 90));
  }
}

function emitOne(ctx: GenContext, facts: PatientFacts, day: number, status: string, createdDay: number): void {
  const { rng, labels } = ctx;
  const id = `A${ctx.ids.appointment++}`;
  const typeIndex = rng.int(labels.appointmentTypes.length);
  const row = emptyRow('appointments');
  row[A.appointment_id] = id;
  row[A.patient_id] = String(facts.id);
  row[A.start] = formatTimestamp(day, slotMinute(ctx));
  row[A.duration_min] = String(rng.pick(DURATIONS_MIN));
  row[A.provider] = providerFor(ctx, facts, day, typeIndex === 3);
  row[A.chair] = String(rng.range(1, 3));
  row[A.type] = labels.appointmentTypes[typeIndex] ?? '';
  row[A.status] = status;
  row[A.reason] = rng.pick(labels.reasons);
  row[A.sms_sent] = facts.smsConsent && rng.chance(0.8) ? labels.yes : labels.no;
  row[A.created_by] = booker(ctx);
  row[A.created_at] = formatTimestamp(Math.min(createdDay, day), slotMinute(ctx));

  const kinds = ctx.defects.draw('appointments');
  const applied = kinds.length > 0 ? damageAppointment(ctx, row, kinds, day) : [];
  const line = ctx.sinks.appointments.writeRow(row);
  if (applied.length > 0) ctx.defects.log('appointments', id, line, applied);
}

function damageAppointment(ctx: GenContext, row: string[], kinds: readonly DefectCode[], day: number): AppliedDefect[] {
  const r = ctx.drng;
  for (const kind of kinds) {
    switch (kind) {
      case 'date_invalid':
        row[A.start] = impossibleTimestamp(day, r);
        return [{ code: kind, key: 'start' }];
      case 'duration_invalid':
        row[A.duration_min] = r.pick(['0', '-15', '-30', '1,5', '20,5', 'een uur', '?']);
        return [{ code: kind, key: 'duration_min' }];
      case 'orphan_reference':
        row[A.patient_id] = String(r.range(1, 999));
        return [{ code: kind, key: 'patient_id' }];
      case 'provider_unknown':
        row[A.provider] = r.pick(UNKNOWN_PROVIDER_CODES);
        return [{ code: kind, key: 'provider' }];
      default:
        break;
    }
  }
  return [];
}
