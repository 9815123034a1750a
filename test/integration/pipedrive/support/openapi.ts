/**
 * Contract checks: every exchange the client records is validated against Pipedrive's own OpenAPI files
 * (/work/shared/pipedrive, copied from Pipedrive's published specs): the operation must exist, query
 * parameters and the request body must match it strictly, and the answer must match the declared
 * response. Known spec bugs are allowed in one list, SPEC_BUGS, each with its reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Exchange } from '../../../../src/pipedrive/http.js';
import { type ApiVersion, matchOperation } from '../../../../src/pipedrive/token-costs.js';
import { checkSchema, type Schema, type Violation } from './schema-check.js';

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

type Specs = Record<ApiVersion, { paths: Record<string, Record<string, Operation>> }>;

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// Pipedrive's published specs are kept in test/fixtures/pipedrive (copied from ../shared/pipedrive), so a fresh
// clone tests offline; PIPEDRIVE_SPEC_DIR points at newer copies.
const SPEC_DIRS = [
  process.env.PIPEDRIVE_SPEC_DIR,
  join(ROOT, 'test/fixtures/pipedrive'),
  join(ROOT, '../shared/pipedrive'),
];

let cached: Specs | undefined;

/** The directory holding openapi-v1.yml and openapi-v2.yml, or undefined when none is present. */
export function specDirectory(): string | undefined {
  return SPEC_DIRS.find((dir): dir is string => dir !== undefined && existsSync(join(dir, 'openapi-v2.yml')));
}

export function loadSpecs(): Specs {
  if (cached) return cached;
  const dir = specDirectory();
  if (!dir) throw new Error('Pipedrive OpenAPI files not found; set PIPEDRIVE_SPEC_DIR');
  const read = (file: string) => parse(readFileSync(join(dir, file), 'utf8'), { maxAliasCount: -1 });
  cached = { v1: read('openapi-v1.yml'), v2: read('openapi-v2.yml') };
  return cached;
}

export interface ContractViolation extends Violation {
  operation: string;
  side: 'request' | 'query' | 'response';
}

/**
 * A spec bug we accept, and why. It matches a violation by operation (`METHOD /v2/path/{template}`), side,
 * location and rule.
 */
export interface SpecBug {
  operation: RegExp;
  side: ContractViolation['side'];
  at: RegExp;
  rule: Violation['rule'];
  reason: string;
}

const ERROR_ENVELOPE: Schema = {
  type: 'object',
  required: ['success', 'error'],
  properties: { success: { type: 'boolean', enum: [false] }, error: { type: 'string' } },
};

function responseSchema(operation: Operation, status: number): Schema | undefined {
  const response =
    operation.responses[String(status)] ?? (status >= 200 && status < 300 ? operation.responses['200'] : undefined);
  return response?.content?.['application/json']?.schema;
}

function queryViolations(operation: Operation, exchange: Exchange): Violation[] {
  const out: Violation[] = [];
  const parameters = (operation.parameters ?? []).filter((p) => p.in === 'query');
  for (const [name, value] of Object.entries(exchange.query)) {
    const parameter = parameters.find((p) => p.name === name);
    if (!parameter) out.push({ at: `?${name}`, rule: 'unknown-property', message: 'query parameter not in the spec' });
    else if (parameter.schema)
      out.push(...checkSchema(parameter.schema, value, { strict: true, fromText: true }, `?${name}`));
  }
  for (const parameter of parameters) {
    if (parameter.required && !(parameter.name in exchange.query)) {
      out.push({ at: `?${parameter.name}`, rule: 'required', message: 'required query parameter missing' });
    }
  }
  return out;
}

/** Every way one exchange departs from the spec (before SPEC_BUGS are applied). */
export function exchangeViolations(exchange: Exchange): ContractViolation[] {
  const match = matchOperation(exchange.method, exchange.path, exchange.api);
  const name = `${exchange.method} /${exchange.api}${match?.operation.path ?? exchange.path}`;
  const operation = match && loadSpecs()[exchange.api].paths[match.operation.path]?.[exchange.method.toLowerCase()];
  if (!operation)
    return [
      { operation: name, side: 'request', at: '', rule: 'unknown-property', message: 'no such operation in the spec' },
    ];
  const tag =
    (side: ContractViolation['side']) =>
    (v: Violation): ContractViolation => ({ ...v, operation: name, side });
  const out: ContractViolation[] = queryViolations(operation, exchange).map(tag('query'));
  if (exchange.requestBody !== undefined) {
    const type = exchange.requestContentType ?? 'application/json';
    const schema = operation.requestBody?.content[type]?.schema;
    if (!schema) out.push(tag('request')({ at: '', rule: 'type', message: `the spec takes no ${type} body` }));
    else
      out.push(
        ...checkSchema(schema, exchange.requestBody, { strict: true, fromText: type.startsWith('multipart/') }).map(
          tag('request'),
        ),
      );
  }
  // A Cloudflare page (403 HTML) is not an answer of the API: nothing in the spec describes it.
  const json = exchange.responseContentType?.includes('json') ?? false;
  if (exchange.status !== undefined && (json || exchange.status < 300)) {
    const schema = exchange.status < 300 ? responseSchema(operation, exchange.status) : ERROR_ENVELOPE;
    if (schema) out.push(...checkSchema(schema, exchange.responseBody, { strict: false }).map(tag('response')));
    else out.push(tag('response')({ at: '', rule: 'type', message: `the spec declares no ${exchange.status} answer` }));
  }
  return out;
}

/** Violations that are not explained by a known spec bug. */
export function unexplained(violations: readonly ContractViolation[], bugs: readonly SpecBug[]): ContractViolation[] {
  return violations.filter(
    (v) =>
      !bugs.some(
        (bug) => bug.side === v.side && bug.rule === v.rule && bug.operation.test(v.operation) && bug.at.test(v.at),
      ),
  );
}

/** Records a client's exchanges; `violations()` lists those not explained by the given spec bugs. */
export function exchangeRecorder(bugs: readonly SpecBug[]) {
  const exchanges: Exchange[] = [];
  return {
    exchanges,
    onExchange: (exchange: Exchange) => {
      exchanges.push(exchange);
    },
    violations: (): string[] =>
      unexplained(exchanges.flatMap(exchangeViolations), bugs).map(
        (v) => `${v.side} ${v.operation} ${v.at}: ${v.message}`,
      ),
  };
}
