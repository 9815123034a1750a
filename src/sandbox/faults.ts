/**
 * Fault injection, so that clients can rehearse the failures a real migration meets.
 *
 * - `failRate`: that share of requests is answered 429, 500 or 503 (equally likely) before anything
 *   else happens. Our assumption: such failed requests cost no tokens (nothing was processed).
 * - `dropRate`: that share of successful writes (POST/PUT/PATCH/DELETE) is committed and then the
 *   socket is destroyed without an answer: the case that makes naive clients create duplicates.
 *   The write's tokens are spent, as they would be on Pipedrive.
 * - `latencyMs`: delay added before every answer.
 *
 * Decisions come from a seeded PRNG, so a run can be replayed with the same seed.
 */
import { type Random, seededRandom } from './random.js';

export interface FaultSettings {
  failRate?: number;
  dropRate?: number;
  latencyMs?: number;
}

export type InjectedFailure = 429 | 500 | 503;

const FAILURE_STATUSES: readonly InjectedFailure[] = [429, 500, 503];

function checkRate(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`${name} must be between 0 and 1`);
  return value;
}

export class FaultInjector {
  private readonly random: Random;
  private failRate = 0;
  private dropRate = 0;
  latencyMs = 0;

  constructor(seed: number, settings: FaultSettings = {}) {
    this.random = seededRandom(seed);
    this.set(settings);
  }

  /** Changes the given settings; the others keep their values. */
  set(settings: FaultSettings): void {
    if (settings.failRate !== undefined) this.failRate = checkRate('failRate', settings.failRate);
    if (settings.dropRate !== undefined) this.dropRate = checkRate('dropRate', settings.dropRate);
    if (settings.latencyMs !== undefined) {
      if (!Number.isFinite(settings.latencyMs) || settings.latencyMs < 0) throw new RangeError('latencyMs must be ≥ 0');
      this.latencyMs = settings.latencyMs;
    }
  }

  settings(): Required<FaultSettings> {
    return { failRate: this.failRate, dropRate: this.dropRate, latencyMs: this.latencyMs };
  }

  /** The status to fail this request with, or undefined to let it through. */
  rollFailure(): InjectedFailure | undefined {
    if (this.failRate === 0 || this.random() >= this.failRate) return undefined;
    return FAILURE_STATUSES[Math.floor(this.random() * FAILURE_STATUSES.length)] ?? 500;
  }

  /** Whether to drop the connection after committing this write. */
  rollDrop(): boolean {
    return this.dropRate > 0 && this.random() < this.dropRate;
  }
}
