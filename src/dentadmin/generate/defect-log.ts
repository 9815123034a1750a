/**
 * Which defects the generator injects per entity, how often, and the machine-readable list
 * (`injected.jsonl`) the validator's recall is measured against.
 */

import type { DefectCode } from '../defects.js';
import { ENTITIES, type EntityName } from '../entities.js';
import { FileWriter } from './file-writer.js';
import type { Lang } from './labels.js';
import type { Rng } from './prng.js';

/** Relative weights of the defect kinds that apply to each entity. Insurers are never damaged. */
export const DEFECT_WEIGHTS: Readonly<Record<EntityName, Partial<Record<DefectCode, number>>>> = {
  patients: {
    insz_checksum: 3,
    insz_format: 3,
    insz_birthdate_mismatch: 2,
    name_missing: 1,
    duplicate_patient: 3,
    fund_alias: 3,
    fund_unknown: 2,
    ct_invalid: 2,
    phone_invalid: 3,
    email_invalid: 3,
    date_invalid: 2,
    date_future: 1,
    provider_unknown: 1,
    mojibake: 2,
    ragged_row: 1,
  },
  insurers: {},
  users: { name_missing: 1, email_invalid: 2, phone_invalid: 2 },
  treatments: {
    date_invalid: 2,
    date_future: 1,
    amount_invalid: 2,
    amount_negative: 2,
    riziv_format: 2,
    riziv_checkdigit: 3,
    riziv_not_valid_on_date: 3,
    orphan_reference: 2,
    provider_unknown: 2,
  },
  care_plans: { date_invalid: 2, amount_invalid: 2, amount_negative: 2, orphan_reference: 2, provider_unknown: 2 },
  care_plan_lines: { riziv_format: 2, riziv_checkdigit: 2, amount_invalid: 2, amount_negative: 2, orphan_reference: 2 },
  appointments: { date_invalid: 2, duration_invalid: 3, orphan_reference: 2, provider_unknown: 2 },
  notes: { note_rich_text: 10, ragged_row: 3, mojibake: 2, date_invalid: 1, orphan_reference: 2, provider_unknown: 1 },
  documents: { document_missing: 4, document_too_large: 2, date_invalid: 1, orphan_reference: 2 },
};

/** One line of injected.jsonl. */
export interface InjectedDefect {
  entity: EntityName;
  record: string;
  line: number;
  column: string | null;
  code: DefectCode;
}

/** A defect as an applier reports it: the column by key, turned into its header when logged. */
export interface AppliedDefect {
  code: DefectCode;
  key: string | null;
}

const FLUSH_CHARS = 64 * 1024;

export class DefectLog {
  private readonly file: FileWriter;
  private buffer = '';
  readonly counts: Partial<Record<DefectCode, number>> = {};
  total = 0;
  private readonly kinds: Record<EntityName, { codes: DefectCode[]; weights: number[] }>;

  constructor(
    readonly path: string,
    private readonly rate: number,
    private readonly rng: Rng,
    private readonly lang: Lang,
  ) {
    this.file = new FileWriter(path);
    const kinds = {} as Record<EntityName, { codes: DefectCode[]; weights: number[] }>;
    for (const [entity, weights] of Object.entries(DEFECT_WEIGHTS) as [EntityName, Record<string, number>][]) {
      const entries = Object.entries(weights) as [DefectCode, number][];
      kinds[entity] = { codes: entries.map(([c]) => c), weights: entries.map(([, w]) => w) };
    }
    this.kinds = kinds;
  }

  /**
   * Decides whether this record gets a defect, and which kinds to try in order: the drawn kind first,
   * then the others, so an applier that does not fit the record (no e-mail to break…) falls through.
   */
  draw(entity: EntityName): DefectCode[] {
    const { codes, weights } = this.kinds[entity];
    if (codes.length === 0 || this.rate <= 0 || !this.rng.chance(this.rate)) return [];
    const first = this.rng.weighted(weights);
    return [...codes.slice(first), ...codes.slice(0, first)];
  }

  /** Logs what an applier did to a record that starts on `line`. */
  log(entity: EntityName, record: string, line: number, applied: readonly AppliedDefect[]): void {
    for (const { code, key } of applied) {
      const column = key === null ? null : headerOf(entity, key, this.lang);
      const entry: InjectedDefect = { entity, record, line, column, code };
      this.buffer += `${JSON.stringify(entry)}\n`;
      this.counts[code] = (this.counts[code] ?? 0) + 1;
      this.total++;
    }
    if (this.buffer.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    this.file.write(this.buffer);
    this.buffer = '';
  }

  ready(): Promise<void> | null {
    return this.file.ready();
  }

  async close(): Promise<void> {
    this.flush();
    await this.file.close();
  }
}

/** The header a column carries in the file for this language. */
export function headerOf(entity: EntityName, key: string, lang: Lang): string {
  const column = ENTITIES[entity].columns.find((c) => c.key === key);
  if (!column) throw new Error(`no column ${key} in ${entity}`);
  return column[lang];
}

/** Column positions by key, checked once at start-up so a typo fails the first test, not a run. */
export function keyIndex<K extends string>(entity: EntityName, keys: readonly K[]): Record<K, number> {
  const columns = ENTITIES[entity].columns;
  const index = {} as Record<K, number>;
  for (const key of keys) {
    const at = columns.findIndex((c) => c.key === key);
    if (at < 0) throw new Error(`no column ${key} in ${entity}`);
    index[key] = at;
  }
  return index;
}

export function emptyRow(entity: EntityName): string[] {
  return new Array<string>(ENTITIES[entity].columns.length).fill('');
}
