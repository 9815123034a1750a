import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSources, evaluateFixture, loadFixtures, RULES_F1_TARGET } from '../../../bench/eval-mapping.js';

const work = join(tmpdir(), `ferry-eval-unit-${process.pid}`);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the rule proposer on the labelled fixtures', async () => {
  for (const fixture of await loadFixtures()) {
    it(`reaches F1 ≥ ${RULES_F1_TARGET} without a model on the ${fixture.name} export`, async () => {
      const files = await buildSources(fixture, join(work, fixture.name), 60);
      const { rules } = await evaluateFixture(fixture, files, { llm: false });
      expect(rules.f1, JSON.stringify(rules.misses)).toBeGreaterThanOrEqual(RULES_F1_TARGET);
      expect(rules.precision).toBe(1);
    });
  }
});
