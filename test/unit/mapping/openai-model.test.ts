import { describe, expect, it } from 'vitest';
import { mappingModelFrom, OpenAiMappingModel } from '../../../src/llm/openai-model.js';
import type { LlmInput } from '../../../src/mapping/llm-prompt.js';

const input: LlmInput = {
  messages: [
    { role: 'system', content: 'map' },
    { role: 'user', content: '{"file":"patienten.csv"}' },
  ],
  schemaName: 'field_map',
  schema: { type: 'object', properties: {}, required: [], additionalProperties: false },
};

function fakeFetch(status: number, body: unknown, seen: unknown[] = []): typeof fetch {
  return async (_url, init) => {
    seen.push(JSON.parse(String(init?.body)));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
}

const completion = (content: string) => ({
  id: 'x',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [
    { index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } },
  ],
});

describe('OpenAiMappingModel', () => {
  it('asks Chat Completions for strict JSON at temperature 0 and returns the message content', async () => {
    const seen: unknown[] = [];
    const model = new OpenAiMappingModel({
      apiKey: 'k',
      model: 'gpt-x',
      fetch: fakeFetch(200, completion('{"mappings":[]}'), seen),
    });
    expect(await model.proposeColumns(input)).toEqual({
      content: '{"mappings":[]}',
      refusal: null,
      finishReason: 'stop',
    });
    expect(seen[0]).toEqual({
      model: 'gpt-x',
      temperature: 0,
      messages: input.messages,
      response_format: { type: 'json_schema', json_schema: { name: 'field_map', schema: input.schema, strict: true } },
    });
  });

  it('turns a failure into llm_failed after one retry', async () => {
    const seen: unknown[] = [];
    const model = new OpenAiMappingModel({
      apiKey: 'k',
      model: 'm',
      fetch: fakeFetch(500, { error: { message: 'boom' } }, seen),
    });
    await expect(model.proposeColumns(input)).rejects.toMatchObject({ code: 'llm_failed' });
    expect(seen).toHaveLength(2);
  });
});

describe('mappingModelFrom', () => {
  it('gives no model without a key or offline', () => {
    const openai = { apiKey: undefined, baseUrl: undefined, model: 'm' };
    expect(mappingModelFrom({ openai }, false)).toBeNull();
    expect(mappingModelFrom({ openai: { ...openai, apiKey: 'k' } }, true)).toBeNull();
    expect(mappingModelFrom({ openai: { ...openai, apiKey: 'k' } }, false)).toBeInstanceOf(OpenAiMappingModel);
  });
});
