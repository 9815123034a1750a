/** The OpenAI stub for tests: a local server replaying recorded replies (see src/llm/stub-server.ts). */
import { fileURLToPath } from 'node:url';
import { type LlmFixture, loadLlmFixtures, type OpenAiStub, startOpenAiStub } from '../../src/llm/stub-server.js';

export type { LlmFixture, OpenAiStub, RecordedRequest } from '../../src/llm/stub-server.js';

export const LLM_FIXTURES_DIR = fileURLToPath(new URL('../fixtures/mapping/llm', import.meta.url));

/** Starts a stub answering from inline fixtures, or from a fixture set folder under test/fixtures/mapping/llm. */
export function startStub(fixtures: readonly LlmFixture[] | string): Promise<OpenAiStub> {
  const list = typeof fixtures === 'string' ? loadLlmFixtures(`${LLM_FIXTURES_DIR}/${fixtures}`) : fixtures;
  return startOpenAiStub(list);
}
