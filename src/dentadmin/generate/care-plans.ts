/** Care plans (behandelplannen) with 1–3 lines; performed lines point at the treatment they became. */

import type { DefectCode } from '../defects.js';
import { formatDay } from './calendar.js';
import { type AppliedDefect, emptyRow, keyIndex } from './defect-log.js';
import { DATED_CODES } from './riziv-table.js';
import { badAmount, formatCents, impossibleDate } from './text-damage.js';
import {
  ageAt,
  baseCents,
  chooseWork,
  describe,
  emitTreatment,
  misformatCode,
  pickTooth,
  providerFor,
  stillValid,
  typoCode,
  type Work,
} from './treatments.js';
import type { GenContext, PatientFacts } from './types.js';
import { UNKNOWN_PROVIDER_CODES } from './users.js';

const C = keyIndex('care_plans', [
  'plan_id',
  'patient_id',
  'created_at',
  'provider',
  'title',
  'status',
  'valid_until',
  'total_fee',
  'patient_share',
  'agreed_on',
] as const);

const L = keyIndex('care_plan_lines', [
  'plan_id',
  'line_number',
  'phase',
  'riziv_code',
  'description',
  'tooth',
  'surfaces',
  'amount',
  'status',
  'treatment_id',
] as const);

type PlanStatus = 'draft' | 'proposed' | 'accepted' | 'refused' | 'done';
type LineStatus = 'planned' | 'done' | 'cancelled';

function planStatus(ctx: GenContext, day: number): PlanStatus {
  const recent = day > ctx.exportDay - 120;
  return recent
    ? ctx.rng.pick<PlanStatus>(['draft', 'proposed', 'proposed', 'accepted'])
    : ctx.rng.pick<PlanStatus>(['accepted', 'refused', 'done', 'done', 'proposed']);
}

function lineStatus(ctx: GenContext, plan: PlanStatus): LineStatus {
  if (plan === 'done') return 'done';
  if (plan === 'refused') return 'cancelled';
  if (plan === 'accepted') return ctx.rng.chance(0.5) ? 'done' : 'planned';
  return 'planned';
}

/** The day a performed line was treated: a little after the plan when the work is still clean then. */
function performedDay(ctx: GenContext, facts: PatientFacts, planDay: number, work: Work): number {
  const later = planDay + ctx.rng.range(0, 45);
  return later <= facts.lastDay && stillValid(work, facts, later) ? later : planDay;
}

export function emitCarePlan(ctx: GenContext, facts: PatientFacts, planDay: number): void {
  const { rng, labels } = ctx;
  const planId = `P${ctx.ids.plan++}`;
  const status = planStatus(ctx, planDay);
  const lineRows: string[][] = [];
  let total = 0;
  let share = 0;
  const count = rng.range(1, 3);
  for (let n = 1; n <= count; n++) {
    const work = chooseWork(rng, facts, planDay);
    if (!work) continue;
    const amount = baseCents(work);
    total += amount;
    share += work.code ? (facts.vt ? 0 : work.code.copayCents) : amount;
    const ls = lineStatus(ctx, status);
    const row = emptyRow('care_plan_lines');
    row[L.plan_id] = planId;
    row[L.line_number] = String(lineRows.length + 1);
    row[L.phase] = String(Math.min(n, rng.range(1, 2)));
    row[L.riziv_code] = work.code ? work.code.code : '';
    row[L.description] = describe(work, ctx);
    row[L.tooth] = pickTooth(rng, work.code ? work.code.tooth : work.item.tooth, ageAt(facts, planDay));
    row[L.amount] = formatCents(amount);
    row[L.status] = labels.lineStatus[ls];
    if (ls === 'done')
      row[L.treatment_id] = String(emitTreatment(ctx, facts, performedDay(ctx, facts, planDay, work), work));
    lineRows.push(row);
  }
  if (lineRows.length === 0) return;

  const row = emptyRow('care_plans');
  row[C.plan_id] = planId;
  row[C.patient_id] = String(facts.id);
  row[C.created_at] = formatDay(planDay);
  row[C.provider] = providerFor(ctx, facts, planDay, false);
  row[C.title] = rng.pick(labels.planTitles);
  row[C.status] = labels.planStatus[status];
  row[C.valid_until] = status === 'done' ? '' : formatDay(planDay + rng.range(90, 180));
  row[C.total_fee] = formatCents(total);
  row[C.patient_share] = formatCents(share);
  row[C.agreed_on] =
    status === 'accepted' || status === 'done' ? formatDay(Math.min(planDay + rng.range(0, 14), facts.lastDay)) : '';
  writePlan(ctx, row, planId);
  for (const line of lineRows) writeLine(ctx, line);
}

function writePlan(ctx: GenContext, row: string[], planId: string): void {
  const kinds = ctx.defects.draw('care_plans');
  const applied = kinds.length > 0 ? damagePlan(ctx, row, kinds) : [];
  const line = ctx.sinks.care_plans.writeRow(row);
  if (applied.length > 0) ctx.defects.log('care_plans', planId, line, applied);
}

function writeLine(ctx: GenContext, row: string[]): void {
  const kinds = ctx.defects.draw('care_plan_lines');
  const applied = kinds.length > 0 ? damageLine(ctx, row, kinds) : [];
  // The record key as the file has it (an orphan line names the plan it wrongly points at).
  const record = `${row[L.plan_id]}:${row[L.line_number]}`;
  const line = ctx.sinks.care_plan_lines.writeRow(row);
  if (applied.length > 0) ctx.defects.log('care_plan_lines', record, line, applied);
}

function damagePlan(ctx: GenContext, row: string[], kinds: readonly DefectCode[]): AppliedDefect[] {
  const r = ctx.drng;
  for (const kind of kinds) {
    switch (kind) {
      case 'date_invalid':
        row[C.created_at] = impossibleDate(ctx.exportDay - r.range(30, 3000), r);
        return [{ code: kind, key: 'created_at' }];
      case 'amount_invalid':
        row[C.total_fee] = badAmount(r);
        return [{ code: kind, key: 'total_fee' }];
      case 'amount_negative':
        row[C.patient_share] = formatCents(-r.range(1, 500) * 100);
        return [{ code: kind, key: 'patient_share' }];
      case 'orphan_reference':
        row[C.patient_id] = String(r.range(1, 999));
        return [{ code: kind, key: 'patient_id' }];
      case 'provider_unknown':
        row[C.provider] = r.pick(UNKNOWN_PROVIDER_CODES);
        return [{ code: kind, key: 'provider' }];
      default:
        break;
    }
  }
  return [];
}

function damageLine(ctx: GenContext, row: string[], kinds: readonly DefectCode[]): AppliedDefect[] {
  const r = ctx.drng;
  const code = row[L.riziv_code] || r.pick(DATED_CODES).code;
  for (const kind of kinds) {
    switch (kind) {
      case 'riziv_format':
        row[L.riziv_code] = misformatCode(code, r);
        return [{ code: kind, key: 'riziv_code' }];
      case 'riziv_checkdigit':
        // A plan line has no service date, so an unknown code is not also `riziv_not_valid_on_date` here.
        row[L.riziv_code] = typoCode(code, r);
        return [{ code: kind, key: 'riziv_code' }];
      case 'amount_invalid':
        row[L.amount] = badAmount(r);
        return [{ code: kind, key: 'amount' }];
      case 'amount_negative':
        row[L.amount] = formatCents(-r.range(1, 500) * 100);
        return [{ code: kind, key: 'amount' }];
      case 'orphan_reference':
        row[L.plan_id] = `P${r.range(1, 699)}`;
        return [{ code: kind, key: 'plan_id' }];
      default:
        break;
    }
  }
  return [];
}
