/**
 * Sends at most one value per interval, and only the latest: the first offer goes out at once; offers arriving
 * within the interval replace each other and the last one is sent when the interval is over. One send is in
 * flight at a time. Progress edits use it so a run reporting every row still edits Slack once every 3 s.
 */

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Coalescer<T> {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending: { value: T } | null = null;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly send: (value: T) => Promise<void>,
    private readonly intervalMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Resolves when this value was sent (if it went out at once), otherwise right away. */
  offer(value: T): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.pending = { value };
    if (this.inFlight !== null || this.timer !== null) return Promise.resolve();
    return this.sendOrSchedule();
  }

  /** Drops what was not sent yet and waits for the send in flight. */
  async close(): Promise<void> {
    this.closed = true;
    this.pending = null;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private sendOrSchedule(): Promise<void> {
    const wait = this.lastSentAt + this.intervalMs - this.clock.now();
    if (wait > 0) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        void this.sendOrSchedule();
      }, wait);
      return Promise.resolve();
    }
    const next = this.pending;
    if (next === null || this.closed) return Promise.resolve();
    this.pending = null;
    this.lastSentAt = this.clock.now();
    const sending = this.send(next.value)
      .catch(() => {})
      .finally(() => {
        this.inFlight = null;
        if (this.pending !== null && !this.closed) void this.sendOrSchedule();
      });
    this.inFlight = sending;
    return sending;
  }
}
