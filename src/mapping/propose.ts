/**
 * Proposes a complete map: remembered maps first, then Ferry's rules, then (with a model) the LLM for what is
 * still open; each fills only what the previous left open. Without a model the rules alone give a complete
 * map: columns nothing recognised are left behind, saying so. An LLM failure never fails the proposal.
 */
import type { MapContent, ObjectMap } from './document.js';
import { detectLanguage } from './headers.js';
import { buildLlmInput, type MappingModel } from './llm-prompt.js';
import { checkLlmReply, type RejectedItem } from './llm-reply.js';
import { closeOpen, type FileProposal, orderRules, proposeFromHistory, proposeFromRules } from './propose-rules.js';
import type { SourceFile, SourceLanguage } from './sources.js';
import type { TargetCatalogue } from './targets.js';

export interface ProposeOptions {
  files: readonly SourceFile[];
  catalogue: TargetCatalogue;
  /** Approved maps of earlier projects for the same source system, newest first. */
  remembered?: readonly MapContent[];
  /** The LLM; absent (no key, or `--offline`) means rules only. */
  model?: MappingModel | null;
  /** Practice language; read from the headers when absent. */
  language?: SourceLanguage;
  /** One line per notable event (LLM failure, rejected items); never a patient's value. */
  log?: (line: string) => void;
}

export interface ProposeReport {
  language: SourceLanguage;
  /** Columns decided by each proposer. */
  decidedBy: { remembered: number; rule: number; llm: number; open: number };
  llm: { used: boolean; calls: number; failures: number; rejected: (RejectedItem & { source: string })[] };
}

export interface Proposal {
  content: MapContent;
  report: ProposeReport;
}

async function askModel(proposal: FileProposal, options: ProposeOptions, report: ProposeReport): Promise<FileProposal> {
  const model = options.model;
  if (!model || proposal.open.length === 0 || proposal.object.target === null) return proposal;
  report.llm.calls++;
  try {
    const input = buildLlmInput(proposal.file, proposal.object, proposal.open, options.catalogue);
    const reply = await model.proposeColumns(input);
    if (reply.content === null) throw new Error(reply.refusal ? 'the model refused' : 'the model sent no content');
    const checked = checkLlmReply(reply.content, proposal.open, proposal.object, options.catalogue, report.language);
    for (const item of checked.rejected) {
      report.llm.rejected.push({ ...item, source: proposal.file.entity });
      options.log?.(`mapping: LLM item for ${proposal.file.entity} dropped: ${item.reason}`);
    }
    const decided = new Set(checked.rules.flatMap((r) => r.from));
    const object: ObjectMap = {
      ...proposal.object,
      rules: orderRules(proposal.file, [...proposal.object.rules, ...checked.rules]),
    };
    return { file: proposal.file, object, open: proposal.open.filter((c) => !decided.has(c.header)) };
  } catch (error) {
    report.llm.failures++;
    const reason = error instanceof Error ? error.message : String(error);
    options.log?.(`mapping: LLM unavailable for ${proposal.file.entity} (${reason}); rules only`);
    return proposal;
  }
}

const count = (object: ObjectMap, origin: string) =>
  new Set(object.rules.filter((r) => r.origin === origin).flatMap((r) => r.from)).size;

export async function proposeMap(options: ProposeOptions): Promise<Proposal> {
  const language = options.language ?? detectLanguage(options.files);
  const report: ProposeReport = {
    language,
    decidedBy: { remembered: 0, rule: 0, llm: 0, open: 0 },
    llm: { used: Boolean(options.model), calls: 0, failures: 0, rejected: [] },
  };
  const objects: ObjectMap[] = [];
  for (const file of options.files) {
    const history = proposeFromHistory(file, options.remembered ?? []);
    const ruled = proposeFromRules(file, language, history);
    const asked = await askModel(ruled, options, report);
    report.decidedBy.open += asked.open.length;
    const closed = closeOpen(asked);
    report.decidedBy.remembered += count(closed, 'remembered');
    report.decidedBy.llm += count(closed, 'llm');
    report.decidedBy.rule += count(asked.object, 'rule');
    objects.push(closed);
  }
  return { content: { objects }, report };
}
