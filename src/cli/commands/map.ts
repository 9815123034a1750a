/** `ferry map`: propose, show, diff, edit, approve, export and import a project's field map. */
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Config } from '../../config.js';
import { AppError } from '../../domain/errors.js';
import { mappingModelFrom } from '../../llm/openai-model.js';
import { diffMaps, formatDiff } from '../../mapping/diff.js';
import { parseMapDocument } from '../../mapping/document-schema.js';
import { proposeMap } from '../../mapping/propose.js';
import { renderDocument, renderReport, renderValidation } from '../../mapping/render.js';
import type { SourceFile } from '../../mapping/sources.js';
import { TargetCatalogue } from '../../mapping/targets.js';
import { validateMap } from '../../mapping/validate.js';
import { liveCatalogue } from '../../migration/map-context.js';
import { isPlanName, type PlanName } from '../../pipedrive/plans.js';
import { createSecretBox } from '../../security/secret-box.js';
import { appendAuditTx } from '../../store/audit.js';
import { findConnection } from '../../store/connections.js';
import type { Pool } from '../../store/db.js';
import {
  approveMap,
  editMap,
  getMap,
  latestMap,
  rememberedMaps,
  type StoredMap,
  saveImport,
  saveProposal,
} from '../../store/maps.js';
import { loadProjectSources } from '../../store/profiles.js';
import type { CliIo, Command } from '../command.js';
import { configFrom, parseFlags, requireFlag, runCommand, UsageError, withDatabase } from '../support.js';

const USAGE = `Usage: ferry map <subcommand> --project P [flags]

  propose [--offline] [--json]   propose a new version from the latest ingested export
  show [--version N] [--json]    the current version (or version N)
  diff [--from N] [--to M]       rules changed between two versions (default: the previous and the current)
  edit "<command>"               one edit, as in Slack: map <column> to <field> · ignore <column> ·
                                 new <object> field "<Label>" <type> from <column> · transform <column> <name> · undo
  approve --as EMAIL             approve the current version (refused while it has errors)
  export FILE [--version N]      write the map document as JSON
  import FILE                    read a map document as the next version (it needs approval again)

  --offline                      rules only: no language model, no Pipedrive field list
  --plan P                       Pipedrive plan for the custom field cap (default: the connection's, else lite)

With --json, stdout holds exactly the map document. The LLM is used when OPENAI_API_KEY is set
(OPENAI_BASE_URL for any OpenAI-compatible server, OPENAI_MODEL); it sees headers and masked shapes only.`;

const FLAGS = {
  project: { type: 'string' },
  offline: { type: 'boolean' },
  json: { type: 'boolean' },
  version: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  as: { type: 'string' },
  plan: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];

interface Session {
  io: CliIo;
  config: Config;
  pool: Pool;
  project: string;
  values: Values;
  actor: string;
}

function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

function versionFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a version number, got "${value}"`);
  return n;
}

async function sourcesOf(s: Session): Promise<{ files: SourceFile[]; sourceSystem: string }> {
  const sources = await loadProjectSources(s.pool, s.project);
  return { files: sources?.files ?? [], sourceSystem: sources?.sourceSystem ?? 'dentadmin' };
}

/** The live custom fields when the project is connected to Pipedrive; the standard fields alone otherwise. */
async function catalogueOf(s: Session): Promise<TargetCatalogue> {
  if (s.values.offline || s.config.secretKey === undefined) return new TargetCatalogue();
  const live = await liveCatalogue(s.pool, createSecretBox(s.config.secretKey), s.project);
  if (live.unavailable !== null) {
    s.io.err.write(
      `ferry: Pipedrive's field list is unavailable (${live.unavailable}); using the standard fields only.\n`,
    );
  }
  return live.catalogue;
}

async function planOf(s: Session): Promise<PlanName> {
  const flag = s.values.plan;
  if (flag !== undefined) {
    if (!isPlanName(flag)) throw new UsageError(`--plan must be lite, growth, premium or ultimate, got "${flag}"`);
    return flag;
  }
  return (await findConnection(s.pool, s.project))?.plan ?? 'lite';
}

async function requireLatest(s: Session): Promise<StoredMap> {
  const latest = await latestMap(s.pool, s.project);
  if (!latest)
    throw new AppError(
      'not_found',
      `Project ${s.project} has no map yet. Run: ferry map propose --project ${s.project}`,
    );
  return latest;
}

async function validation(s: Session, map: StoredMap) {
  const { files } = await sourcesOf(s);
  return validateMap(map.document, { files, catalogue: await catalogueOf(s), plan: await planOf(s) });
}

function printDocument(s: Session, map: StoredMap): void {
  if (s.values.json) s.io.out.write(`${JSON.stringify(map.document, null, 2)}\n`);
  else s.io.out.write(`${renderDocument(map.document)}\n`);
}

async function propose(s: Session): Promise<number> {
  const { files, sourceSystem } = await sourcesOf(s);
  if (files.length === 0) {
    throw new AppError(
      'not_found',
      `Project ${s.project} has no ingested export. Run: ferry ingest --project ${s.project} …`,
    );
  }
  const catalogue = await catalogueOf(s);
  const { content, report } = await proposeMap({
    files,
    catalogue,
    remembered: await rememberedMaps(s.pool, sourceSystem, { excludeProject: s.project }),
    model: mappingModelFrom(s.config, s.values.offline === true),
    log: (line) => s.io.err.write(`${line}\n`),
  });
  const result = validateMap(content, { files, catalogue, plan: await planOf(s) });
  const map = await saveProposal(s.pool, { project: s.project, content, createdBy: s.actor, audit: appendAuditTx });
  if (s.values.json) {
    printDocument(s, map);
    s.io.err.write(`${renderReport(report)}\n${renderValidation(result)}\n`);
  } else {
    s.io.out.write(`${renderDocument(map.document)}\n\n${renderReport(report)}\n${renderValidation(result)}\n`);
    s.io.out.write(`Next: ferry map approve --as EMAIL --project ${s.project}\n`);
  }
  return 0;
}

async function show(s: Session): Promise<number> {
  const version = versionFlag(s.values.version, '--version');
  const map = version === undefined ? await requireLatest(s) : await getMap(s.pool, s.project, version);
  if (!map) throw new AppError('not_found', `Project ${s.project} has no map version ${version}.`);
  printDocument(s, map);
  return 0;
}

async function diff(s: Session): Promise<number> {
  const latest = await requireLatest(s);
  const to = versionFlag(s.values.to, '--to') ?? latest.document.version;
  const from = versionFlag(s.values.from, '--from') ?? to - 1;
  const [a, b] = await Promise.all([getMap(s.pool, s.project, from), getMap(s.pool, s.project, to)]);
  if (!b) throw new AppError('not_found', `Project ${s.project} has no map version ${to}.`);
  s.io.out.write(`version ${from} → ${to}\n${formatDiff(diffMaps(a?.document ?? { objects: [] }, b.document))}\n`);
  return 0;
}

async function edit(s: Session, text: string | undefined): Promise<number> {
  if (text === undefined || text.trim() === '')
    throw new UsageError('edit needs a command, e.g. ferry map edit "map GSM to person.phones"');
  const { files } = await sourcesOf(s);
  const context = { files, catalogue: await catalogueOf(s) };
  const result = await editMap(s.pool, { project: s.project, text, actor: s.actor, context, audit: appendAuditTx });
  const { version, hash } = result.map.document;
  s.io.out.write(`${result.summary}\nversion ${version} (${hash}) needs approval.\n`);
  return 0;
}

async function approve(s: Session): Promise<number> {
  const approver = requireFlag(s.values.as, '--as');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(approver))
    throw new UsageError(`--as must be an e-mail address, got "${approver}"`);
  const latest = await requireLatest(s);
  const result = await validation(s, latest);
  if (!result.ok) {
    s.io.err.write(
      `${renderValidation(result)}\nferry: version ${latest.document.version} has errors; fix them with ferry map edit before approving.\n`,
    );
    return 1;
  }
  const { version, hash } = latest.document;
  const map = await approveMap(s.pool, { project: s.project, version, hash, approver, audit: appendAuditTx });
  s.io.out.write(`Approved version ${map.document.version} (${map.document.hash}) as ${approver}.\n`);
  return 0;
}

async function exportMap(s: Session, file: string | undefined): Promise<number> {
  if (file === undefined) throw new UsageError('export needs a FILE');
  const version = versionFlag(s.values.version, '--version');
  const map = version === undefined ? await requireLatest(s) : await getMap(s.pool, s.project, version);
  if (!map) throw new AppError('not_found', `Project ${s.project} has no map version ${version}.`);
  await writeFile(resolve(s.io.cwd, file), `${JSON.stringify(map.document, null, 2)}\n`, 'utf8');
  s.io.out.write(`Wrote version ${map.document.version} to ${file}.\n`);
  return 0;
}

async function importMap(s: Session, file: string | undefined): Promise<number> {
  if (file === undefined) throw new UsageError('import needs a FILE');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(resolve(s.io.cwd, file), 'utf8'));
  } catch (error) {
    throw new AppError('mapping_invalid', `${file} is not a readable JSON file.`, { cause: error });
  }
  const parsed = parseMapDocument(json);
  if (!parsed.ok) throw new AppError('mapping_invalid', parsed.message);
  const map = await saveImport(s.pool, {
    project: s.project,
    content: parsed.content,
    createdBy: s.actor,
    audit: appendAuditTx,
  });
  s.io.out.write(`Imported as version ${map.document.version} (${map.document.hash}); it needs approval.\n`);
  s.io.out.write(`${renderValidation(await validation(s, map))}\n`);
  return 0;
}

const SUBCOMMANDS = ['propose', 'show', 'diff', 'edit', 'approve', 'export', 'import'] as const;

export const mapCommand: Command = {
  name: 'map',
  summary: 'Propose, edit and approve the field map from DentAdmin columns to Pipedrive fields',
  usage: USAGE,
  run(argv: string[], io: CliIo): Promise<number> {
    return runCommand(io, USAGE, async () => {
      const { values, positionals } = parseFlags(argv, FLAGS);
      const [sub, argument, extra] = positionals;
      if (sub === undefined || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
        throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`);
      }
      if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" (quote the edit command)`);
      const project = requireFlag(values.project, '--project');
      const config = configFrom(io);
      return withDatabase(config, async (db) => {
        const s: Session = { io, config, pool: db.pool, project, values, actor: cliActor() };
        switch (sub) {
          case 'propose':
            return propose(s);
          case 'show':
            return show(s);
          case 'diff':
            return diff(s);
          case 'edit':
            return edit(s, argument);
          case 'approve':
            return approve(s);
          case 'export':
            return exportMap(s, argument);
          default:
            return importMap(s, argument);
        }
      });
    });
  },
};
