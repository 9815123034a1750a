/**
 * The transform registry: every conversion a map rule may name, and the one entry point the engine calls.
 * All transforms are pure: same cells, args and context in, same result out.
 */
import type { JsonValue, TransformRef } from '../document.js';
import type { ValueKind } from '../kinds.js';
import { NUMBER_TRANSFORMS } from './numbers.js';
import { PEOPLE_TRANSFORMS } from './people.js';
import { REF_TRANSFORMS, refKind } from './refs.js';
import { TEXT_TRANSFORMS } from './text.js';
import { rruleOccurrences, TIME_TRANSFORMS } from './time.js';
import type { TransformContext, TransformDef, TransformResult } from './types.js';

export type {
  TransformContext,
  TransformDef,
  TransformDefect,
  TransformDefectCode,
  TransformResult,
} from './types.js';

const ALL: readonly TransformDef[] = [
  ...TEXT_TRANSFORMS,
  ...NUMBER_TRANSFORMS,
  ...TIME_TRANSFORMS,
  rruleOccurrences,
  ...PEOPLE_TRANSFORMS,
  ...REF_TRANSFORMS,
];

export const TRANSFORMS: ReadonlyMap<string, TransformDef> = new Map(ALL.map((t) => [t.name, t]));

export const TRANSFORM_NAMES: readonly string[] = ALL.map((t) => t.name);

export function getTransform(name: string): TransformDef | undefined {
  return TRANSFORMS.get(name);
}

/**
 * Converts the cells of one record for one rule. `values` are the cells of the rule's `from` columns, in
 * order (null for a missing cell). An unknown name or wrong number of cells is a programming error of the
 * caller (the map was validated), so it throws instead of reporting a defect on the record.
 */
export function applyTransform(
  name: string,
  args: Record<string, JsonValue> | undefined,
  values: readonly (string | null)[],
  context: TransformContext = {},
): TransformResult {
  const transform = TRANSFORMS.get(name);
  if (!transform) throw new RangeError(`Unknown transform "${name}"`);
  if (values.length < transform.inputs.min || values.length > transform.inputs.max) {
    throw new RangeError(
      `Transform "${name}" reads ${transform.inputs.min}–${transform.inputs.max} cells, got ${values.length}`,
    );
  }
  return transform.apply(values, args ?? {}, context);
}

/** Applies a rule's transform, or `trim` when it names none (the raw cell as text). */
export function applyRule(
  transform: TransformRef | undefined,
  values: readonly (string | null)[],
  context: TransformContext = {},
): TransformResult {
  return applyTransform(transform?.name ?? 'trim', transform?.args, values, context);
}

/** The value kinds a rule's transform produces, one per output; `ref` depends on the entity it points at. */
export function producedKinds(transform: TransformRef | undefined): readonly ValueKind[] {
  if (transform === undefined) return ['text'];
  const def = TRANSFORMS.get(transform.name);
  if (!def) return [];
  if (def.name === 'constant') {
    const value = transform.args?.value;
    return [typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'enum'];
  }
  if (def.name === 'ref') {
    const entity = transform.args?.entity;
    return [refKind(typeof entity === 'string' ? entity : undefined)];
  }
  return def.produces;
}
