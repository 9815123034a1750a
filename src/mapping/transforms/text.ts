/** Text transforms: trimming, fixed values, joining columns, value tables, yes/no, rich text → plain text. */
import { detectRichText, htmlToText, rtfToText } from '../../domain/text.js';
import type { JsonValue } from '../document.js';
import { fail, isBlank, ok, stringArg, stringListArg, type TransformDef, type TransformResult, warn } from './types.js';

const ANY = { min: 1, max: 1 };

export const trim: TransformDef = {
  name: 'trim',
  summary: 'the cell as text, surrounding spaces removed',
  inputs: ANY,
  outputs: 1,
  produces: ['text'],
  apply: ([value]) => ok(isBlank(value) ? null : value.trim()),
};

export const constant: TransformDef = {
  name: 'constant',
  summary: 'a fixed value (args.value), the same for every record',
  inputs: { min: 0, max: 0 },
  outputs: 1,
  produces: ['enum'],
  checkArgs: (args) => (args.value === undefined ? 'constant needs args.value' : null),
  apply: (_values, args) => ok(args.value ?? null),
};

export const concat: TransformDef = {
  name: 'concat',
  summary: 'the non-empty cells joined with args.separator (default a space)',
  inputs: { min: 1, max: 12 },
  outputs: 1,
  produces: ['text'],
  apply: (values, args) => {
    const parts = values.filter((v): v is string => !isBlank(v)).map((v) => v.trim());
    return ok(parts.length === 0 ? null : parts.join(stringArg(args, 'separator') ?? ' '));
  },
};

/** Lines `Label: value` for the non-empty cells; args.labels names each column (the proposer uses headers). */
export const labelledLines: TransformDef = {
  name: 'labelled_lines',
  summary: 'one line "label: value" per non-empty cell (args.labels, one per column)',
  inputs: { min: 1, max: 20 },
  outputs: 1,
  produces: ['text'],
  checkArgs: (args) => (stringListArg(args, 'labels') ? null : 'labelled_lines needs args.labels, a list of words'),
  apply: (values, args) => {
    const labels = stringListArg(args, 'labels') ?? [];
    const lines: string[] = [];
    values.forEach((value, i) => {
      if (!isBlank(value)) lines.push(`${labels[i] ?? `#${i + 1}`}: ${value.trim()}`);
    });
    return ok(lines.length === 0 ? null : lines.join('\n'));
  },
};

/** RTF and HTML bodies become plain text (D18); plain text passes unchanged. The conversion is a warning. */
export const richTextToPlain: TransformDef = {
  name: 'rich_text_to_plain',
  summary: 'RTF or HTML to plain text; plain text unchanged',
  inputs: ANY,
  outputs: 1,
  produces: ['text'],
  apply: ([value]) => {
    if (isBlank(value)) return ok(null);
    const kind = detectRichText(value);
    if (kind === null) return ok(value.trim());
    const text = kind === 'rtf' ? rtfToText(value) : htmlToText(value);
    return ok(text.trim() === '' ? null : text.trim(), [
      warn('note_rich_text', `The text was ${kind.toUpperCase()} and is migrated as plain text.`),
    ]);
  },
};

function valueTable(args: Record<string, JsonValue>): Record<string, JsonValue> | null {
  const table = args.values;
  if (table === null || typeof table !== 'object' || Array.isArray(table)) return null;
  return table;
}

/** Case-insensitive lookup in args.values; args.default for anything else, else a `value_unmapped` defect. */
export const mapValues: TransformDef = {
  name: 'map_values',
  summary: 'looks the cell up in args.values (e.g. Geattesteerd → won); args.default for other values',
  inputs: ANY,
  outputs: 1,
  produces: ['enum'],
  checkArgs: (args) => (valueTable(args) ? null : 'map_values needs args.values, an object of value → result'),
  apply: ([value], args) => {
    if (isBlank(value)) return args.default === undefined ? ok(null) : ok(args.default);
    const table = valueTable(args) ?? {};
    const key = value.trim().toLowerCase();
    for (const [from, to] of Object.entries(table)) if (from.toLowerCase() === key) return ok(to);
    if (args.default !== undefined) return ok(args.default);
    return fail('value_unmapped', 'error', 'The value is not in the rule’s list of known values; add it with an edit.');
  },
};

const YES = new Set(['j', 'ja', 'o', 'oui', 'y', 'yes', '1', 'true', 'waar', 'vrai', 'x']);
const NO = new Set(['n', 'nee', 'neen', 'non', 'no', '0', 'false', 'onwaar', 'faux']);

/** J/N (nl), O/N (fr), Y/N (en) and their long forms to true/false; anything else is a defect, not `false`. */
export function parseYesNo(value: string): boolean | null {
  const key = value.trim().toLowerCase();
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}

export const yesNo: TransformDef = {
  name: 'yes_no',
  summary: 'J/N, O/N, Y/N, Ja/Nee, Oui/Non, 1/0 to true/false',
  inputs: ANY,
  outputs: 1,
  produces: ['boolean'],
  apply: ([value]): TransformResult => {
    if (isBlank(value)) return ok(null);
    const parsed = parseYesNo(value);
    return parsed === null ? fail('boolean_invalid', 'error', 'Expected a yes/no value (J/N, O/N, Y/N).') : ok(parsed);
  },
};

export const TEXT_TRANSFORMS: readonly TransformDef[] = [
  trim,
  constant,
  concat,
  labelledLines,
  richTextToPlain,
  mapValues,
  yesNo,
];
