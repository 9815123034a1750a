import { describe, expect, it } from 'vitest';
import { type Clock, Coalescer } from '../../../src/bot/coalescer.js';

/** A clock the test moves by hand; timers fire when it passes their time. */
function manualClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++ids;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = async (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.fn();
    await new Promise((r) => setImmediate(r));
  };
  return { clock, advance, pending: () => timers.length };
}

describe('Coalescer', () => {
  it('sends the first value at once and only the latest of a burst after the interval', async () => {
    const { clock, advance } = manualClock();
    const sent: number[] = [];
    const c = new Coalescer<number>(async (v) => void sent.push(v), 3000, clock);
    await c.offer(1);
    for (let i = 2; i <= 50; i++) await c.offer(i);
    expect(sent).toEqual([1]);
    await advance(2999);
    expect(sent).toEqual([1]);
    await advance(1);
    expect(sent).toEqual([1, 50]);
    await advance(10_000);
    expect(sent).toEqual([1, 50]);
  });

  it('never sends more than one value per interval over a long run', async () => {
    const { clock, advance } = manualClock();
    const at: number[] = [];
    const c = new Coalescer<number>(async () => void at.push(clock.now()), 3000, clock);
    for (let t = 0; t < 60_000; t += 100) {
      await c.offer(t);
      await advance(100);
    }
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(3000);
    expect(at.length).toBeGreaterThanOrEqual(19);
  });

  it('keeps one send in flight; a slow send delays the next, which carries the newest value', async () => {
    const { clock, advance } = manualClock();
    const sent: number[] = [];
    let release: () => void = () => {};
    const c = new Coalescer<number>(
      (v) =>
        new Promise<void>((resolve) => {
          sent.push(v);
          release = resolve;
        }),
      1000,
      clock,
    );
    void c.offer(1);
    await c.offer(2);
    await advance(5000);
    expect(sent).toEqual([1]);
    await c.offer(3);
    release();
    await advance(0);
    await advance(1000);
    expect(sent).toEqual([1, 3]);
  });

  it('survives a failing send and drops pending values when closed', async () => {
    const { clock, advance, pending } = manualClock();
    const sent: number[] = [];
    const c = new Coalescer<number>(
      async (v) => {
        sent.push(v);
        if (v === 1) throw new Error('ratelimited');
      },
      1000,
      clock,
    );
    await c.offer(1);
    await c.offer(2);
    await c.close();
    expect(pending()).toBe(0);
    await advance(5000);
    await c.offer(3);
    expect(sent).toEqual([1]);
  });
});
