/**
 * What Ferry asks a model about the columns the rules left open, and nothing more: the file name, headers,
 * value kinds, fill rates, distinct counts and shape-masked samples — never a patient's value — plus the
 * Pipedrive fields the columns may go to. The reply's schema lists those fields as an enum, so a strict
 * server cannot invent one; `checkLlmReply` (llm-reply.ts) checks again for servers that are not strict.
 */
import { z } from 'zod';
import { CUSTOM_FIELD_TYPES, type ObjectMap, type TargetObject, targetsOf } from './document.js';
import { maskHeader, maskValue } from './mask.js';
import type { ColumnProfile, SourceFile } from './sources.js';
import { CUSTOM_FIELD_OBJECTS, type TargetCatalogue, type TargetField } from './targets.js';
import { TRANSFORMS } from './transforms/index.js';

export const NEW_CUSTOM_FIELD = 'new custom field';
export const LEAVE_BEHIND = 'leave behind';
export const LLM_SCHEMA_NAME = 'field_map';
const MAX_SAMPLES = 3;

export interface LlmMessage {
  role: 'system' | 'user';
  content: string;
}

/** One request to a model: Chat Completions messages and the strict JSON schema of the reply. */
export interface LlmInput {
  messages: LlmMessage[];
  schemaName: string;
  schema: Record<string, unknown>;
}

/** The model's answer before any checking: the message text (JSON, hopefully) and why it stopped. */
export interface LlmRawReply {
  content: string | null;
  refusal?: string | null;
  finishReason?: string | null;
}

/** The port a model implements (src/llm/openai-model.ts; a stub in tests). */
export interface MappingModel {
  proposeColumns(input: LlmInput): Promise<LlmRawReply>;
}

/** The fields an open column of this file may go to: the object's writable fields, standard and custom. */
export function candidateFields(catalogue: TargetCatalogue, object: TargetObject): TargetField[] {
  return catalogue.fieldsOf(object).filter((f) => !f.pseudo || object === 'user');
}

/** Transforms the model may name for one column (single input, single output). */
export const LLM_TRANSFORMS: readonly string[] = [...TRANSFORMS.values()]
  .filter((t) => t.inputs.min <= 1 && t.inputs.max >= 1 && t.outputs === 1 && t.name !== 'map_values')
  .map((t) => t.name);

export function replySchema(columns: readonly string[], targets: readonly string[]) {
  const item = z.object({
    column: z.enum([...new Set(columns)] as [string, ...string[]]),
    target: z.enum([NEW_CUSTOM_FIELD, LEAVE_BEHIND, ...new Set(targets)] as [string, ...string[]]),
    new_field: z.object({ label: z.string(), type: z.enum(CUSTOM_FIELD_TYPES) }).nullable(),
    transform: z.enum(LLM_TRANSFORMS as [string, ...string[]]).nullable(),
    confidence: z.number().min(0).max(1),
    rationale: z.string(),
  });
  return z.object({ mappings: z.array(item) });
}

const SYSTEM_PROMPT = [
  'You map columns of a Belgian dental practice export (DentAdmin, Dutch or French headers) to Pipedrive CRM fields.',
  'You see only headers and value shapes: letters are masked as a/A and digits as 9; you never see real values.',
  'For each open column choose exactly one target from the allowed list, or "new custom field" (give a short label',
  'in the practice language and a field type), or "leave behind" when the column has no place in a CRM.',
  'Never invent a field key. Prefer an existing field over a new custom field. Free text that may hold health data',
  '(remarks, anamnesis) is left behind unless a notes field is allowed. Record keys and technical columns (ids,',
  'checksums, update times) are left behind. Pick a transform when the values need converting (dates are',
  'day-first, phones Belgian, amounts with a decimal comma), else null. Give a confidence and a one-line rationale.',
].join(' ');

function describeField(f: TargetField): string {
  const extra = f.options ? ` [${f.options.join('|')}]` : '';
  return `${f.object}.${f.key} (${f.type}${f.required ? ', required' : ''}${extra})`;
}

function describeColumn(c: ColumnProfile) {
  return {
    header: maskHeader(c.header),
    kind: c.kind,
    ...(c.kindShare === undefined ? {} : { kind_share: Math.round(c.kindShare * 100) / 100 }),
    fill_rate: Math.round(c.fillRate * 100) / 100,
    distinct_count: c.distinctCount,
    samples: c.samples.slice(0, MAX_SAMPLES).map(maskValue),
  };
}

/** The request for one file's open columns. Decided columns are named (header → target) as context only. */
export function buildLlmInput(
  file: SourceFile,
  object: ObjectMap,
  open: readonly ColumnProfile[],
  catalogue: TargetCatalogue,
): LlmInput {
  const target = object.target ?? 'person';
  const fields = candidateFields(catalogue, target);
  const targets = fields.map((f) => `${f.object}.${f.key}`);
  const decided = object.rules
    .filter((r) => r.from.length > 0)
    .map((r) => ({ columns: r.from.map(maskHeader), target: targetsOf(r).join(' + ') || LEAVE_BEHIND }));
  const payload = {
    file: maskHeader(file.fileName),
    entity: file.entity,
    pipedrive_object: target,
    new_custom_field_allowed: CUSTOM_FIELD_OBJECTS.includes(target),
    allowed_targets: fields.map(describeField),
    decided_columns: decided,
    open_columns: open.map(describeColumn),
  };
  const columns = open.map((c) => maskHeader(c.header));
  return {
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: JSON.stringify(payload) },
    ],
    schemaName: LLM_SCHEMA_NAME,
    schema: z.toJSONSchema(replySchema(columns, targets), { target: 'draft-7' }) as Record<string, unknown>,
  };
}
