/**
 * A deterministic, streaming synthetic DentAdmin export (domain reference §7): one CSV per entity, a list of
 * the injected defects (injected.jsonl) and, optionally, the document files. Patients are generated one at a
 * time with all their related rows, so memory stays flat whatever the patient count.
 */

import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../entities.js';
import { emitAppointments, emitSeries } from './appointments.js';
import { formatDay, parseIsoDay } from './calendar.js';
import { emitCarePlan } from './care-plans.js';
import { CsvSink } from './csv-sink.js';
import { DefectLog, emptyRow, keyIndex } from './defect-log.js';
import { DocumentWriter } from './document-writer.js';
import { DOCUMENT_FOLDERS, emitDocuments } from './documents.js';
import { FUNDS } from './funds.js';
import { InszRegistry } from './identity.js';
import { labelsFor } from './labels.js';
import { emitNotes } from './notes.js';
import { emitPatient, newPatientState } from './patients.js';
import { Rng } from './prng.js';
import { chooseWork, emitTreatment } from './treatments.js';
import {
  DEFAULT_DEFECT_RATE,
  DEFAULT_DOCUMENT_SIZE_LIMIT_BYTES,
  DEFAULT_EXPORT_DATE,
  type GenContext,
  type GenerateOptions,
  type GenerateSummary,
  MAX_PATIENTS_FOR_LARGE_FILES,
  type PatientFacts,
} from './types.js';
import { buildUsers, damageUser, userRow } from './users.js';

const TREATMENT_COUNT_WEIGHTS = [20, 25, 22, 15, 10, 5, 3];
const OLDEST_BIRTH_YEARS = 100;

function checkOptions(options: GenerateOptions): void {
  if (!Number.isInteger(options.patients) || options.patients < 0)
    throw new Error('patients must be a whole number ≥ 0');
  const rate = options.defectRate ?? DEFAULT_DEFECT_RATE;
  if (!(rate >= 0 && rate <= 1)) throw new Error('defectRate must be between 0 and 1');
  const limit = options.documentSizeLimitBytes ?? DEFAULT_DOCUMENT_SIZE_LIMIT_BYTES;
  if (!Number.isInteger(limit) || limit < 1024) throw new Error('documentSizeLimitBytes must be a whole number ≥ 1024');
}

function openSinks(outDir: string, options: GenerateOptions): Record<EntityName, CsvSink> {
  const sinks = {} as Record<EntityName, CsvSink>;
  for (const name of ENTITY_NAMES) {
    const spec = ENTITIES[name];
    const header = spec.columns.map((c) => c[options.lang]);
    sinks[name] = new CsvSink(join(outDir, spec.file[options.lang]), options.encoding, header);
  }
  return sinks;
}

const I = keyIndex('insurers', [
  'fund_code',
  'name_nl',
  'name_fr',
  'union',
  'active',
  'valid_from',
  'valid_to',
] as const);

function writeInsurers(ctx: GenContext): void {
  for (const fund of FUNDS) {
    const row = emptyRow('insurers');
    row[I.fund_code] = fund.code;
    row[I.name_nl] = fund.nl;
    row[I.name_fr] = fund.fr;
    row[I.union] = fund.union;
    row[I.active] = fund.active ? ctx.labels.yes : ctx.labels.no;
    row[I.valid_from] = fund.validFrom ? formatDay(parseIsoDay(fund.validFrom)) : '';
    row[I.valid_to] = fund.validTo ? formatDay(parseIsoDay(fund.validTo)) : '';
    ctx.sinks.insurers.writeRow(row);
  }
}

function writeUsers(ctx: GenContext, users: ReturnType<typeof buildUsers>['users']): void {
  for (const user of users) {
    const row = userRow(user, ctx.labels, ctx.lang, ctx.exportDay, ctx.rng);
    const kinds = ctx.defects.draw('users');
    const applied = kinds.length > 0 ? damageUser(row, user.staff, kinds, ctx.drng) : [];
    const line = ctx.sinks.users.writeRow(row);
    if (applied.length > 0) ctx.defects.log('users', user.code, line, applied);
  }
}

/** All rows that hang off one patient, written right after the patient. */
function emitRelated(ctx: GenContext, facts: PatientFacts): void {
  const { rng } = ctx;
  if (facts.firstDay <= facts.lastDay) {
    const treatments = rng.count(TREATMENT_COUNT_WEIGHTS);
    for (let n = 0; n < treatments; n++) {
      const day = rng.range(facts.firstDay, facts.lastDay);
      const work = chooseWork(rng, facts, day);
      if (work) emitTreatment(ctx, facts, day, work);
    }
    const plans = rng.chance(0.27) ? (rng.chance(0.12) ? 2 : 1) : 0;
    for (let n = 0; n < plans; n++) emitCarePlan(ctx, facts, rng.range(facts.firstDay, facts.lastDay));
  }
  emitAppointments(ctx, facts);
  emitNotes(ctx, facts);
  emitDocuments(ctx, facts);
}

function backpressure(ctx: GenContext, log: DefectLog): Promise<unknown> | null {
  const waits: Promise<void>[] = [];
  for (const name of ENTITY_NAMES) {
    const wait = ctx.sinks[name].ready();
    if (wait) waits.push(wait);
  }
  const docs = ctx.docs.ready();
  if (docs) waits.push(docs);
  const defects = log.ready();
  if (defects) waits.push(defects);
  return waits.length > 0 ? Promise.all(waits) : null;
}

/** Generates the export into `options.outDir` and returns what was written. */
export async function generateExport(options: GenerateOptions): Promise<GenerateSummary> {
  checkOptions(options);
  const outDir = resolve(options.outDir);
  const seed = String(options.seed);
  const exportDate = options.exportDate ?? DEFAULT_EXPORT_DATE;
  const exportDay = parseIsoDay(exportDate);
  const defectRate = options.defectRate ?? DEFAULT_DEFECT_RATE;
  const documentSizeLimitBytes = options.documentSizeLimitBytes ?? DEFAULT_DOCUMENT_SIZE_LIMIT_BYTES;
  const writeDocuments = options.documents ?? true;
  await mkdir(outDir, { recursive: true });
  const documentsDir = writeDocuments ? join(outDir, 'documents') : null;
  if (documentsDir) await mkdir(documentsDir, { recursive: true });

  const rng = new Rng(`data:${seed}`);
  const drng = new Rng(`defects:${seed}`);
  const labels = labelsFor(options.lang);
  const injectedFile = join(outDir, 'injected.jsonl');
  const defects = new DefectLog(injectedFile, defectRate, drng, options.lang);
  const { pool, users } = buildUsers(rng, labels);
  const ctx: GenContext = {
    rng,
    drng,
    lang: options.lang,
    labels,
    exportDay,
    sinks: openSinks(outDir, options),
    defects,
    users: pool,
    ids: { treatment: 50001, plan: 700, appointment: 9001, note: 1, document: 1, series: 1 },
    docs: new DocumentWriter(documentsDir),
    insz: new InszRegistry(exportDay - Math.ceil(OLDEST_BIRTH_YEARS * 365.25), exportDay),
    writeLargeFiles: options.largeDocuments ?? options.patients <= MAX_PATIENTS_FOR_LARGE_FILES,
    documentSizeLimitBytes,
    documentSeed: new Rng(`documents:${seed}`).next(),
  };

  await ctx.docs.prepare(DOCUMENT_FOLDERS);
  writeInsurers(ctx);
  writeUsers(ctx, users);
  emitSeries(ctx, options.patients);
  const state = newPatientState();
  for (let i = 0; i < options.patients; i++) {
    const facts = emitPatient(ctx, state, i);
    emitRelated(ctx, facts);
    const wait = backpressure(ctx, defects);
    if (wait) await wait;
  }

  for (const name of ENTITY_NAMES) await ctx.sinks[name].close();
  await defects.close();
  await ctx.docs.close();

  const files = {} as Record<EntityName, string>;
  const rows = {} as Record<EntityName, number>;
  for (const name of ENTITY_NAMES) {
    files[name] = ctx.sinks[name].path;
    rows[name] = ctx.sinks[name].rows;
  }
  return {
    outDir,
    seed,
    lang: options.lang,
    encoding: options.encoding,
    exportDate,
    defectRate,
    patients: options.patients,
    files,
    rows,
    injectedFile,
    injected: Object.fromEntries(Object.entries(defects.counts).sort(([a], [b]) => a.localeCompare(b))),
    injectedTotal: defects.total,
    documentsDir,
    documentFilesWritten: ctx.docs.written,
    documentSizeLimitBytes,
  };
}
