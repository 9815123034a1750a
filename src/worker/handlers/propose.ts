/**
 * 'ferry-propose': the map review. The newest version is shown again when there is one (a fresh proposal would
 * throw away people's edits); otherwise rules, remembered maps and the LLM (unless `offline`) propose one, stored
 * as a new version. Either way people see it with its validation notes and the controls to approve or edit it.
 */

import { mappingModelFrom } from '../../llm/openai-model.js';
import type { MapDocument } from '../../mapping/document.js';
import { proposeMap } from '../../mapping/propose.js';
import { renderDocument, renderReport } from '../../mapping/render.js';
import { validateMap } from '../../mapping/validate.js';
import { CatalogueCache, loadMapContext } from '../../migration/map-context.js';
import type { NotifyTarget } from '../../migration/notifier.js';
import { appendAuditTx } from '../../store/audit.js';
import { latestMap, rememberedMaps, saveProposal } from '../../store/maps.js';
import type { JobHandler } from '../deps.js';

const MAX_NOTES = 12;

export const handlePropose: JobHandler<'ferry-propose'> = async (deps, data, jobId) => {
  const target: NotifyTarget = data.thread ? { project: data.project, thread: data.thread } : { project: data.project };
  const offline = data.offline === true;
  const context = await loadMapContext(deps.pool, deps.secretBox, data.project, {
    log: deps.log,
    offline,
    cache: new CatalogueCache(),
  });
  const notes: string[] = [];
  let document: MapDocument;
  const latest = await latestMap(deps.pool, data.project);
  if (latest !== null) {
    document = latest.document;
  } else {
    if (context.files.length === 0) {
      await deps.notifier.result(target, {
        kind: 'map',
        status: 'refused',
        lines: ['There is no checked export yet: upload the DentAdmin CSV files to the channel first.'],
      });
      return;
    }
    const { content, report } = await proposeMap({
      files: context.files,
      catalogue: context.catalogue,
      remembered: await rememberedMaps(deps.pool, context.sourceSystem, { excludeProject: data.project }),
      model: mappingModelFrom(deps.config, offline),
      log: (line) => deps.log.info({ project: data.project, jobId }, line),
    });
    const saved = await saveProposal(deps.pool, {
      project: data.project,
      content,
      createdBy: data.actor,
      audit: appendAuditTx,
    });
    document = saved.document;
    notes.push(...renderReport(report).split('\n'));
  }
  const validation = validateMap(document, context);
  for (const issue of validation.issues) notes.push(`${issue.severity === 'error' ? '❌' : '⚠️'} ${issue.message}`);
  const shown =
    notes.length > MAX_NOTES ? [...notes.slice(0, MAX_NOTES), `…and ${notes.length - MAX_NOTES} more.`] : notes;
  if (deps.notifier.mapReview) {
    await deps.notifier.mapReview(target, { document, notes: shown });
  } else {
    await deps.notifier.result(target, {
      kind: 'map',
      status: document.status,
      lines: [...renderDocument(document).split('\n'), ...shown],
    });
  }
};
