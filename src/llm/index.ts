/** Language models behind the field-map proposer: the OpenAI(-compatible) implementation and the local stub. */
export type { LlmInput, LlmMessage, LlmRawReply, MappingModel } from '../mapping/llm-prompt.js';
export {
  DEFAULT_LLM_TIMEOUT_MS,
  mappingModelFrom,
  OpenAiMappingModel,
  type OpenAiModelOptions,
} from './openai-model.js';
export {
  type LlmFixture,
  loadLlmFixtures,
  messagesHash,
  type OpenAiStub,
  pickFixture,
  type RecordedRequest,
  startOpenAiStub,
} from './stub-server.js';
