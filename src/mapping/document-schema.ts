/**
 * Reading a map document from outside (`ferry map import FILE`): the shape is checked here, the meaning
 * (targets, transforms, columns) by validateMap. Unknown keys are refused so a typo is not silently dropped.
 */
import { z } from 'zod';
import {
  CUSTOM_FIELD_TYPES,
  type JsonValue,
  MAP_STATUSES,
  MATCH_KINDS,
  type MapContent,
  TARGET_OBJECTS,
} from './document.js';

const Json: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(Json), z.record(z.string(), Json)]),
);

const Rule = z.strictObject({
  from: z.array(z.string().trim()),
  to: z.union([z.string().min(3), z.array(z.string().min(3)).min(1), z.null()]),
  transform: z.strictObject({ name: z.string().min(1), args: z.record(z.string(), Json).optional() }).optional(),
  custom: z.strictObject({ type: z.enum(CUSTOM_FIELD_TYPES), options: z.array(z.string()).optional() }).optional(),
  confidence: z.number().min(0).max(1).optional(),
  origin: z.enum(['remembered', 'rule', 'llm', 'human']).optional(),
  why: z.string().optional(),
});

const ObjectMapSchema = z.strictObject({
  source: z.string().min(1),
  target: z.enum(TARGET_OBJECTS).nullable(),
  match: z.strictObject({ by: z.array(z.enum(MATCH_KINDS)), policy: z.enum(['link', 'skip', 'create']) }).optional(),
  fold: z.strictObject({ by: z.array(z.string()).min(1) }).optional(),
  rules: z.array(Rule),
});

/** A whole document; version, hash and approval are accepted on import but never trusted. */
const DocumentSchema = z.strictObject({
  project: z.string().optional(),
  version: z.number().int().optional(),
  hash: z.string().optional(),
  status: z.enum(MAP_STATUSES).optional(),
  approved_by: z.string().nullable().optional(),
  approved_at: z.string().nullable().optional(),
  objects: z.array(ObjectMapSchema),
});

export type ParsedDocument = { ok: true; content: MapContent } | { ok: false; message: string };

/** Checks the shape of a document read from JSON; returns its content (objects) or one sentence. */
export function parseMapDocument(value: unknown): ParsedDocument {
  const parsed = DocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    return {
      ok: false,
      message: `The map document is not valid${where ? ` at ${where}` : ''}: ${issue?.message ?? 'unknown problem'}.`,
    };
  }
  // zod's output type spells optional keys as `T | undefined`; a JSON round trip gives the exact document shape.
  return { ok: true, content: JSON.parse(JSON.stringify({ objects: parsed.data.objects })) as MapContent };
}
