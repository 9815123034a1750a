import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src/sandbox/faults.js';

describe('FaultInjector', () => {
  it('replays the same decisions with the same seed', () => {
    const roll = (seed: number) => {
      const faults = new FaultInjector(seed, { failRate: 0.3, dropRate: 0.3 });
      return Array.from({ length: 50 }, () => [faults.rollFailure(), faults.rollDrop()]);
    };
    expect(roll(42)).toEqual(roll(42));
    expect(roll(42)).not.toEqual(roll(43));
  });

  it('fails about failRate of the requests, with 429, 500 or 503', () => {
    const faults = new FaultInjector(1, { failRate: 0.5 });
    const results = Array.from({ length: 2_000 }, () => faults.rollFailure());
    const failed = results.filter((status) => status !== undefined);
    expect(failed.length).toBeGreaterThan(900);
    expect(failed.length).toBeLessThan(1_100);
    expect(new Set(failed)).toEqual(new Set([429, 500, 503]));
  });

  it('never fails or drops at rate 0 and always at rate 1', () => {
    const never = new FaultInjector(1);
    expect(never.rollFailure()).toBeUndefined();
    expect(never.rollDrop()).toBe(false);
    const always = new FaultInjector(1, { failRate: 1, dropRate: 1 });
    expect(always.rollFailure()).toBeDefined();
    expect(always.rollDrop()).toBe(true);
  });

  it('refuses rates outside 0..1', () => {
    expect(() => new FaultInjector(1, { failRate: 1.5 })).toThrow(RangeError);
  });
});
