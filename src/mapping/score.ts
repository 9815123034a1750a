/**
 * Scores a proposed map against labelled ground truth (field-mapping reference §5.5): per column, the set of
 * targets it feeds (or SKIP). Pair precision/recall/F1 count (column, target) pairs, SKIP excluded; column
 * accuracy counts columns whose whole target set is right, SKIP included. Custom targets compare by object and
 * label (case and accents ignored); a ground-truth label `*` accepts any new field on that object.
 */
import { type MapContent, targetsOf } from './document.js';
import { normaliseLabel } from './targets.js';

export const SKIP = 'SKIP';

/** entity → header → target, list of targets, or SKIP. */
export type GroundTruth = Record<string, Record<string, string | string[]>>;

export interface ColumnMiss {
  source: string;
  header: string;
  expected: string[];
  predicted: string[];
}

export interface Score {
  columns: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
  misses: ColumnMiss[];
}

function normaliseTarget(target: string): string {
  const at = target.indexOf('.custom:');
  if (at < 0) return target;
  const label = target.slice(at + '.custom:'.length).trim();
  return `${target.slice(0, at)}.custom:${label === '*' ? '*' : normaliseLabel(label)}`;
}

/** Header → targets the map sends it to (empty: left behind), per source. */
export function predictedTargets(content: MapContent): Map<string, Map<string, string[]>> {
  const result = new Map<string, Map<string, string[]>>();
  for (const object of content.objects) {
    const columns = new Map<string, string[]>();
    for (const rule of object.rules) {
      for (const header of rule.from) {
        columns.set(header, [...(columns.get(header) ?? []), ...targetsOf(rule).map(normaliseTarget)]);
      }
    }
    result.set(object.source, columns);
  }
  return result;
}

const sameTarget = (expected: string, predicted: string): boolean =>
  expected === predicted || (expected.endsWith('.custom:*') && predicted.startsWith(expected.slice(0, -1)));

const round = (n: number): number => Math.round(n * 1000) / 1000;

export function scoreMap(content: MapContent, truth: GroundTruth): Score {
  const predicted = predictedTargets(content);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  let columns = 0;
  const misses: ColumnMiss[] = [];
  for (const [source, headers] of Object.entries(truth)) {
    for (const [header, raw] of Object.entries(headers)) {
      columns++;
      const expected = (Array.isArray(raw) ? raw : [raw]).filter((t) => t !== SKIP).map(normaliseTarget);
      const got = [...new Set(predicted.get(source)?.get(header) ?? [])];
      const hits = got.filter((p) => expected.some((e) => sameTarget(e, p))).length;
      tp += hits;
      fp += got.length - hits;
      fn += expected.filter((e) => !got.some((p) => sameTarget(e, p))).length;
      const exact = hits === got.length && hits >= expected.length;
      if (exact) correct++;
      else
        misses.push({
          source,
          header,
          expected: expected.length ? expected : [SKIP],
          predicted: got.length ? got : [SKIP],
        });
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    columns,
    accuracy: round(columns === 0 ? 1 : correct / columns),
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    tp,
    fp,
    fn,
    misses,
  };
}
