/**
 * The mapping model behind the `openai` SDK: Chat Completions with a strict JSON schema, the one API that
 * OpenAI, Azure (v1), vLLM, LM Studio and Ollama all accept (field-mapping reference §1.5). `OPENAI_BASE_URL`
 * points it at any of those. The SDK's `.parse()` is not used on purpose: it throws on the first invalid
 * item and loses the batch; Ferry checks the reply item by item itself (src/mapping/llm-reply.ts).
 */
import OpenAI from 'openai';
import type { Config } from '../config.js';
import { AppError } from '../domain/errors.js';
import type { LlmInput, LlmRawReply, MappingModel } from '../mapping/llm-prompt.js';

export const DEFAULT_LLM_TIMEOUT_MS = 60_000;

export interface OpenAiModelOptions {
  apiKey: string;
  /** Any OpenAI-compatible server (`http://localhost:11434/v1` for Ollama); the SDK's default when absent. */
  baseUrl?: string | undefined;
  model: string;
  timeoutMs?: number;
  /** Injected in tests: no socket at all. */
  fetch?: typeof fetch;
}

export class OpenAiMappingModel implements MappingModel {
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiModelOptions) {
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl ?? null,
      // One retry: a second failure falls back to rules, which is cheaper than waiting.
      maxRetries: 1,
      timeout: options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async proposeColumns(input: LlmInput): Promise<LlmRawReply> {
    try {
      const completion = await this.client.chat.completions.create({
        model: this.options.model,
        temperature: 0,
        messages: input.messages,
        response_format: {
          type: 'json_schema',
          json_schema: { name: input.schemaName, schema: input.schema, strict: true },
        },
      });
      const choice = completion.choices[0];
      return {
        content: choice?.message.content ?? null,
        refusal: choice?.message.refusal ?? null,
        finishReason: choice?.finish_reason ?? null,
      };
    } catch (error) {
      // The SDK's errors carry request details; keep only the class and message, never headers or the body.
      const name = error instanceof Error ? error.constructor.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      throw new AppError('llm_failed', `The language model did not answer (${name}: ${message}).`, { cause: error });
    }
  }
}

/**
 * The model the configuration asks for, or null (rules only) without a key or with `--offline`.
 * Deciding before constructing matters: the SDK's constructor throws without a key.
 */
export function mappingModelFrom(config: Pick<Config, 'openai'>, offline: boolean): MappingModel | null {
  if (offline || config.openai.apiKey === undefined) return null;
  return new OpenAiMappingModel({
    apiKey: config.openai.apiKey,
    baseUrl: config.openai.baseUrl,
    model: config.openai.model,
  });
}
