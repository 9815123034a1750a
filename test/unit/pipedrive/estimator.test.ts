import { describe, expect, it } from 'vitest';
import { estimateMigration, type RecordCounts } from '../../../src/pipedrive/estimator.js';

// The worked example of the Pipedrive reference §1.8.
const PRACTICE: RecordCounts = {
  persons: 5_000,
  organizations: 20,
  deals: 5_000,
  activities: 30_000,
  notes: 10_000,
  files: 2_000,
  customFields: 0,
};

describe('estimateMigration', () => {
  it('reproduces the worked example: 320,100 tokens to migrate and 192,060 to roll back', () => {
    const estimate = estimateMigration({ counts: PRACTICE, plan: 'lite', seats: 1, reservePct: 0 });
    expect(estimate.tokens.migrate).toBe(320_100);
    expect(estimate.tokens.rollback).toBe(192_060);
    expect(estimate.perObject.notes).toMatchObject({ createCost: 10, deleteCost: 6, migrateTokens: 100_000 });
    expect(estimate.perObject.persons).toMatchObject({ createCost: 5, deleteCost: 3 });
  });

  it('takes 11 days on Lite with one seat and 2 days on Growth with three seats, without reserve or reads', () => {
    const base = { counts: PRACTICE, reservePct: 0, readsForVerification: false } as const;
    expect(estimateMigration({ ...base, plan: 'lite', seats: 1 }).days.migrate).toBe(11);
    const growth = estimateMigration({ ...base, plan: 'growth', seats: 3 });
    expect(growth.dailyUsable).toBe(180_000);
    expect(growth.days).toEqual({ migrate: 2, rollback: 2 });
  });

  it('keeps 20% of the budget for the practice by default', () => {
    const estimate = estimateMigration({ counts: PRACTICE, plan: 'lite', seats: 1, readsForVerification: false });
    expect(estimate.dailyBudget).toBe(30_000);
    expect(estimate.dailyUsable).toBe(24_000);
    expect(estimate.days.migrate).toBe(14);
  });

  it('counts top-ups and the plan multiplier in the budget', () => {
    const estimate = estimateMigration({ counts: PRACTICE, plan: 'premium', seats: 2, topUpTokens: 50_000 });
    expect(estimate.dailyBudget).toBe(30_000 * 5 * 2 + 50_000);
  });

  it('prices verification as batched reads: 10 tokens per 100 v2 records, list pages for notes and files', () => {
    const estimate = estimateMigration({ counts: PRACTICE, plan: 'growth', seats: 1 });
    expect(estimate.perObject.persons.verifyTokens).toBe(50 * 10);
    expect(estimate.perObject.activities.verifyTokens).toBe(300 * 10);
    expect(estimate.perObject.notes.verifyTokens).toBe(20 * 20);
    expect(estimate.perObject.files.verifyTokens).toBe(20 * 20);
    expect(estimate.tokens.verify).toBe(500 + 10 + 500 + 3_000 + 400 + 400);
  });

  it('prices custom fields at 5 to create and 3 to delete, and checks them against the plan cap', () => {
    const counts = { ...PRACTICE, customFields: 40 };
    const lite = estimateMigration({ counts, plan: 'lite', seats: 1 });
    expect(lite.perObject.customFields).toMatchObject({ migrateTokens: 200, rollbackTokens: 120 });
    expect(lite.fitsCustomFieldCap).toBe(false);
    expect(estimateMigration({ counts, plan: 'growth', seats: 1 }).fitsCustomFieldCap).toBe(true);
  });

  it('reports the requests and the time they take at the burst limit', () => {
    const estimate = estimateMigration({ counts: PRACTICE, plan: 'growth', seats: 1, readsForVerification: false });
    expect(estimate.requests.migrate).toBe(52_020);
    expect(estimate.burstSeconds.migrate).toBe(Math.ceil((52_020 / 40) * 2));
  });

  it('needs no days for nothing', () => {
    const none = Object.fromEntries(Object.keys(PRACTICE).map((k) => [k, 0])) as unknown as RecordCounts;
    expect(estimateMigration({ counts: none, plan: 'lite', seats: 1 }).days).toEqual({ migrate: 0, rollback: 0 });
  });
});
