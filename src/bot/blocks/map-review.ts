/**
 * The map review: a summary (counts by confidence, new custom fields, columns left behind), the readable table
 * paged across messages within Block Kit's limits, and the buttons. The whole map goes along as a CSV file, which
 * is the authoritative artifact; the table is for reading in the thread.
 */
import type { MapChange } from '../../mapping/diff.js';
import { describeRule, formatDiff } from '../../mapping/diff.js';
import type { MapDocument, MapRule, ObjectMap } from '../../mapping/document.js';
import { targetsOf } from '../../mapping/document.js';
import { ACTION, versionValue } from '../ids.js';
import {
  actions,
  type Block,
  blockTextLength,
  button,
  codeSections,
  context,
  escapeMrkdwn,
  fields,
  formatCount,
  header,
  MAX_BLOCKS_PER_MESSAGE,
  MESSAGE_CHAR_BUDGET,
  mention,
  type SlackMessage,
  section,
  textSections,
  truncate,
} from './kit.js';

export const HIGH_CONFIDENCE = 0.9;
export const LOW_CONFIDENCE = 0.6;

export type ConfidenceBand = 'high' | 'medium' | 'low' | 'unrated' | 'left_behind';

export function confidenceBand(rule: MapRule): ConfidenceBand {
  if (targetsOf(rule).length === 0) return 'left_behind';
  if (rule.confidence === undefined) return 'unrated';
  if (rule.confidence >= HIGH_CONFIDENCE) return 'high';
  return rule.confidence >= LOW_CONFIDENCE ? 'medium' : 'low';
}

const MARK: Record<ConfidenceBand, string> = { high: '✓', medium: '~', low: '?', unrated: '·', left_behind: '–' };

export interface MapSummary {
  rules: number;
  bands: Record<ConfidenceBand, number>;
  /** `person "Huisarts" (varchar)`. */
  newFields: string[];
  /** `patients.Beroep`. */
  leftBehind: string[];
}

export function summariseMap(document: MapDocument): MapSummary {
  const bands: Record<ConfidenceBand, number> = { high: 0, medium: 0, low: 0, unrated: 0, left_behind: 0 };
  const newFields = new Set<string>();
  const leftBehind: string[] = [];
  let rules = 0;
  for (const object of document.objects) {
    for (const rule of object.rules) {
      rules++;
      const band = confidenceBand(rule);
      bands[band]++;
      if (band === 'left_behind') leftBehind.push(...rule.from.map((c) => `${object.source}.${c}`));
      if (rule.custom) {
        for (const target of targetsOf(rule)) {
          const label = target.includes('.custom:') ? target.slice(target.indexOf('.custom:') + 8) : target;
          newFields.add(`${target.slice(0, target.indexOf('.'))} "${label}" (${rule.custom.type})`);
        }
      }
    }
  }
  return { rules, bands, newFields: [...newFields], leftBehind };
}

function objectLine(object: ObjectMap): string {
  const match = object.match ? ` · match ${object.match.by.join('/')} → ${object.match.policy}` : '';
  const fold = object.fold ? ` · one record per ${object.fold.by.join(' + ')}` : '';
  return `${object.source} → ${object.target ?? 'not migrated'}${match}${fold}`;
}

function ruleLine(rule: MapRule, width: number): string {
  const columns = rule.from.length > 0 ? rule.from.join(' + ') : '(constant)';
  const band = confidenceBand(rule);
  const percent =
    rule.confidence !== undefined && band !== 'high' && band !== 'left_behind'
      ? `  ${Math.round(rule.confidence * 100)}%`
      : '';
  return `${MARK[band]} ${truncate(columns, 40).padEnd(width)} → ${truncate(describeRule(rule), 120)}${percent}`;
}

/** The table as plain lines, one object heading followed by its rules. */
export function mapTableLines(document: MapDocument): string[] {
  const lines: string[] = [];
  for (const object of document.objects) {
    const width = Math.min(28, Math.max(0, ...object.rules.map((r) => r.from.join(' + ').length)));
    if (lines.length > 0) lines.push('');
    lines.push(objectLine(object), ...object.rules.map((r) => ruleLine(r, width)));
  }
  return lines;
}

const LIST_LIMIT = 25;

function listText(items: readonly string[]): string {
  const shown = items.slice(0, LIST_LIMIT).map((i) => escapeMrkdwn(i));
  const more = items.length > LIST_LIMIT ? ` and ${items.length - LIST_LIMIT} more (see the CSV)` : '';
  return `${shown.join(', ')}${more}`;
}

function summaryMessage(document: MapDocument, notes: readonly string[]): SlackMessage {
  const s = summariseMap(document);
  const b = s.bands;
  const blocks: Block[] = [
    header(`Field map v${document.version} · ${document.status}`),
    fields([
      ['Rules', formatCount(s.rules)],
      ['Sure (≥ 90%)', formatCount(b.high)],
      ['Likely (60–90%)', formatCount(b.medium)],
      ['Check these (< 60%)', formatCount(b.low + b.unrated)],
      ['Columns left behind', formatCount(s.leftBehind.length)],
      ['New custom fields', formatCount(s.newFields.length)],
    ]),
  ];
  if (s.newFields.length > 0) blocks.push(section(`*New custom fields:* ${listText(s.newFields)}`));
  if (s.leftBehind.length > 0) blocks.push(section(`*Left behind:* ${listText(s.leftBehind)}`));
  if (notes.length > 0) blocks.push(...textSections(notes).slice(0, 5));
  blocks.push(context([`\`${document.hash}\``, '✓ sure · ~ likely · ? check · – left behind']));
  return { text: `Field map v${document.version} (${document.status}): ${s.rules} rules to review`, blocks };
}

/** Packs blocks into messages of at most 50 blocks and the text budget, leaving room for a page label. */
export function packPages(blocks: readonly Block[]): Block[][] {
  const pages: Block[][] = [];
  let current: Block[] = [];
  for (const block of blocks) {
    const fits =
      current.length + 2 <= MAX_BLOCKS_PER_MESSAGE && blockTextLength([...current, block]) <= MESSAGE_CHAR_BUDGET - 200;
    if (!fits && current.length > 0) {
      pages.push(current);
      current = [];
    }
    current.push(block);
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

/** The Approve / Request changes message of one version; its buttons carry `<version>:<hash>`. */
export function buildMapActions(document: MapDocument): SlackMessage {
  const value = versionValue(document.version, document.hash);
  return {
    text: `Approve field map v${document.version}?`,
    blocks: [
      section(`*Map v${document.version}:* approve it as shown, or ask for changes.`),
      actions(`map_review_${document.version}`, [
        button({
          actionId: ACTION.mapApprove,
          text: `Approve v${document.version}`,
          value,
          style: 'primary',
          confirm: {
            title: `Approve map v${document.version}?`,
            text: 'Runs will load exactly this version. Any later edit needs a new approval.',
            confirm: 'Approve',
            deny: 'Not yet',
          },
        }),
        button({ actionId: ACTION.mapChanges, text: 'Request changes', value }),
      ]),
      context([
        'Reply in this thread to change it: `map GSM to person.phones` · `ignore Beroep` · `new person field "Huisarts" varchar from Huisarts` · `transform Geslacht map_values M=male` · `undo`',
      ]),
    ],
  };
}

export interface MapReviewMessages {
  summary: SlackMessage;
  /** The table, one message per page. */
  pages: SlackMessage[];
  actions: SlackMessage;
}

export function buildMapReview(document: MapDocument, notes: readonly string[] = []): MapReviewMessages {
  const pages = packPages(codeSections(mapTableLines(document)));
  return {
    summary: summaryMessage(document, notes),
    pages: pages.map((blocks, i) => ({
      text: `Field map v${document.version}, page ${i + 1} of ${pages.length}`,
      blocks: [context([`Map v${document.version} · page ${i + 1} of ${pages.length}`]), ...blocks],
    })),
    actions: buildMapActions(document),
  };
}

/** After an edit: what changed, and the new version's buttons. */
export function buildMapEditReply(input: {
  document: MapDocument;
  changes: readonly MapChange[];
  summary: string;
  editor: string;
  /** The version whose approval this edit voided, if any. */
  voided: number | null;
  /** Validation errors of the new version (approval is refused while there are any). */
  problems: readonly string[];
}): SlackMessage {
  const d = input.document;
  const lines = formatDiff(input.changes).split('\n');
  const head = `*Map v${d.version}* by ${mention(input.editor)}: ${escapeMrkdwn(input.summary)}`;
  const voided =
    input.voided === null
      ? []
      : [section(`⚠️ This voids the approval of v${input.voided}: v${d.version} needs its own.`)];
  const problems =
    input.problems.length > 0
      ? textSections([`*Before approval, fix:*`, ...input.problems.map((p) => `• ${p}`)]).slice(0, 3)
      : [];
  const changed = codeSections(lines).slice(0, 6);
  const { blocks } = buildMapActions(d);
  return {
    text: `Map v${d.version}: ${input.summary}`,
    blocks: [section(head), ...changed, ...voided, ...problems, ...blocks],
  };
}

/** Replaces a version's buttons once it is approved. */
export function buildMapApproved(document: MapDocument, approver: string): SlackMessage {
  return {
    text: `Map v${document.version} approved`,
    blocks: [
      section(
        `✅ *Map v${document.version} approved* by ${mention(approver)}. Operators can now run \`/ferry preflight\`.`,
      ),
      context([`\`${document.hash}\``]),
    ],
  };
}

/** Replaces the buttons of a version that a newer one superseded. */
export function buildMapSuperseded(version: number, by: number): SlackMessage {
  return {
    text: `Map v${version} superseded by v${by}`,
    blocks: [context([`Map v${version} was superseded by v${by}; review and approve v${by} below.`])],
  };
}

/** The whole map as CSV rows (header first): what the approver can filter and sort in a spreadsheet. */
export function mapCsvRows(document: MapDocument): string[][] {
  const rows = [
    [
      'source',
      'columns',
      'object',
      'targets',
      'transform',
      'transform_args',
      'new_field_type',
      'confidence',
      'origin',
      'why',
    ],
  ];
  for (const object of document.objects) {
    for (const rule of object.rules) {
      rows.push([
        object.source,
        rule.from.join(' + '),
        object.target ?? '',
        targetsOf(rule).join(' + '),
        rule.transform?.name ?? '',
        rule.transform?.args ? JSON.stringify(rule.transform.args) : '',
        rule.custom?.type ?? '',
        rule.confidence === undefined ? '' : rule.confidence.toFixed(2),
        rule.origin ?? '',
        rule.why ?? '',
      ]);
    }
  }
  return rows;
}
