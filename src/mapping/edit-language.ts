/**
 * The small command language people use to change a map, in the CLI (`ferry map edit "…"`) and in Slack
 * thread replies. Keywords are case-insensitive; a column may be quoted ("…", '…', `…`, “…”) or bare, and may
 * name its file (`treatments.PatNr`) when several files have that header.
 *
 *   map <column> to <target>
 *   ignore <column> [because <reason>]
 *   new <object> field "<Label>" [<type>] from <column>
 *   transform <column> <name> [key=value …]
 *   undo
 */
import { ENTITY_NAMES } from '../dentadmin/entities.js';
import {
  CUSTOM_FIELD_TYPES,
  type CustomFieldType,
  type JsonValue,
  TARGET_OBJECTS,
  type TargetObject,
} from './document.js';
import { TRANSFORM_NAMES } from './transforms/index.js';

/** A column as a person wrote it; `source` when they named the file (`treatments.PatNr`). */
export interface ColumnRef {
  source: string | null;
  header: string;
}

export type EditCommand =
  | { kind: 'map'; column: ColumnRef; target: string }
  | { kind: 'ignore'; column: ColumnRef; reason: string | null }
  | { kind: 'new'; object: TargetObject; label: string; type: CustomFieldType | null; column: ColumnRef }
  | { kind: 'transform'; column: ColumnRef; name: string; args: Record<string, JsonValue> }
  | { kind: 'undo' };

export type ParsedEdit = { ok: true; command: EditCommand } | { ok: false; message: string };

export const EDIT_HELP =
  'I understand: map <column> to <field> · ignore <column> · new <object> field "<Label>" <type> from <column> · transform <column> <name> · undo.';

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '`': '`', '“': '”', '‘': '’', '«': '»' };

/** Reads a quoted string at the start of `text`; returns it and the rest, or null when it does not start quoted. */
function takeQuoted(text: string): { value: string; rest: string } | null {
  const open = text[0];
  const close = open === undefined ? undefined : QUOTES[open];
  if (close === undefined) return null;
  const end = text.indexOf(close, 1);
  if (end < 0) return null;
  return { value: text.slice(1, end).trim(), rest: text.slice(end + 1).trim() };
}

function unquote(text: string): string {
  const quoted = takeQuoted(text.trim());
  return quoted && quoted.rest === '' ? quoted.value : text.trim();
}

/** `treatments.PatNr` → source + header; a header that merely contains a dot (`Geb. datum`) stays whole. */
export function columnRef(raw: string): ColumnRef {
  const text = unquote(raw);
  const dot = text.indexOf('.');
  if (dot > 0 && (ENTITY_NAMES as readonly string[]).includes(text.slice(0, dot))) {
    return { source: text.slice(0, dot), header: unquote(text.slice(dot + 1)) };
  }
  return { source: null, header: text };
}

function cleanInput(text: string): string {
  return text
    .replace(/^\s*<@[A-Z0-9]+>\s*/i, '') // a Slack mention of the bot in front of the command
    .replace(/[\s.!]+$/, '')
    .trim();
}

const fail = (message: string): ParsedEdit => ({ ok: false, message });

function parseMap(rest: string): ParsedEdit {
  const quoted = takeQuoted(rest);
  let column: string;
  let target: string;
  if (quoted) {
    const m = /^to\s+(.+)$/i.exec(quoted.rest);
    if (!m) return fail('Say where the column goes: map <column> to <field>, e.g. map GSM to person.phones.');
    column = quoted.value;
    target = m[1]!;
  } else {
    const at = rest.toLowerCase().lastIndexOf(' to ');
    if (at <= 0) return fail('Say where the column goes: map <column> to <field>, e.g. map GSM to person.phones.');
    column = rest.slice(0, at);
    target = rest.slice(at + 4);
  }
  const ref = columnRef(quoted ? `"${column}"` : column);
  if (ref.header === '') return fail('Name the column to map: map <column> to <field>.');
  return { ok: true, command: { kind: 'map', column: ref, target: unquote(target) } };
}

function parseIgnore(rest: string): ParsedEdit {
  const m = /^(.*?)(?:\s+(?:because|omdat|car|parce que)\s+(.+))?$/i.exec(rest);
  const ref = columnRef(m?.[1] ?? rest);
  if (ref.header === '') return fail('Name the column to leave behind: ignore <column>.');
  return { ok: true, command: { kind: 'ignore', column: ref, reason: m?.[2]?.trim() ?? null } };
}

function parseNew(rest: string): ParsedEdit {
  const usage =
    'Write: new <object> field "<Label>" <type> from <column>, e.g. new person field "Huisarts" varchar from Huisarts.';
  const head = /^(\S+)\s+field\s+(.+)$/i.exec(rest);
  if (!head) return fail(usage);
  const object = head[1]!.toLowerCase();
  if (!(TARGET_OBJECTS as readonly string[]).includes(object)) {
    return fail(`"${head[1]}" is not a Pipedrive object; use one of ${TARGET_OBJECTS.join(', ')}.`);
  }
  const quoted = takeQuoted(head[2]!);
  const label = quoted ? quoted.value : (head[2]!.split(/\s+/)[0] ?? '');
  const after = quoted ? quoted.rest : head[2]!.slice(label.length).trim();
  const m = /^(?:(\S+)\s+)?from\s+(.+)$/i.exec(after);
  if (label === '' || !m) return fail(usage);
  const type = m[1]?.toLowerCase() ?? null;
  if (type !== null && !(CUSTOM_FIELD_TYPES as readonly string[]).includes(type)) {
    return fail(`"${m[1]}" is not a Pipedrive field type; use one of ${CUSTOM_FIELD_TYPES.join(', ')}.`);
  }
  return {
    ok: true,
    command: {
      kind: 'new',
      object: object as TargetObject,
      label,
      type: type as CustomFieldType | null,
      column: columnRef(m[2]!),
    },
  };
}

function parseArgValue(raw: string): JsonValue {
  const text = unquote(raw);
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

/** `key=value` pairs; for map_values every pair except `default` is a row of the value table. */
function parseArgs(name: string, pairs: readonly string[]): Record<string, JsonValue> | string {
  const args: Record<string, JsonValue> = {};
  const values: Record<string, JsonValue> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return `"${pair}" is not key=value`;
    const key = unquote(pair.slice(0, eq));
    const value = parseArgValue(pair.slice(eq + 1));
    if (name === 'map_values' && key !== 'default') values[key] = value;
    else args[key] = value;
  }
  if (name === 'map_values') args.values = values;
  return args;
}

/** Splits on spaces outside quotes. */
function tokens(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"'`“”‘’]+|"[^"]*"|'[^']*'|`[^`]*`|“[^”]*”|‘[^’]*’)+/g)].map((m) => m[0]);
}

function parseTransform(rest: string): ParsedEdit {
  const parts = tokens(rest);
  const names = [...TRANSFORM_NAMES, 'none'];
  const at = parts.findIndex((p, i) => i > 0 && names.includes(p.toLowerCase()));
  if (at <= 0) return fail(`Write: transform <column> <name>, where <name> is one of ${names.join(', ')}.`);
  const name = parts[at]!.toLowerCase();
  const args = parseArgs(name, parts.slice(at + 1));
  if (typeof args === 'string') return fail(`${args}: write arguments as key=value, e.g. label=mobile.`);
  const ref = columnRef(parts.slice(0, at).join(' '));
  return { ok: true, command: { kind: 'transform', column: ref, name, args } };
}

/** Parses one command; the message of a failure is a sentence to show as is. */
export function parseEdit(input: string): ParsedEdit {
  const text = cleanInput(input);
  const m = /^(\S+)(?:\s+(.*))?$/s.exec(text);
  if (!m) return fail(EDIT_HELP);
  const keyword = m[1]!.toLowerCase();
  const rest = (m[2] ?? '').trim();
  switch (keyword) {
    case 'map':
      return parseMap(rest);
    case 'ignore':
      return parseIgnore(rest);
    case 'new':
      return parseNew(rest);
    case 'transform':
      return parseTransform(rest);
    case 'undo':
      return rest === '' ? { ok: true, command: { kind: 'undo' } } : fail('undo takes no arguments.');
    default:
      return fail(`I don't understand "${m[1]}". ${EDIT_HELP}`);
  }
}
