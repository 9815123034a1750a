/**
 * The field map's public surface, for the engine, the Slack bot and the CLI. Everything here is pure:
 * no database, no network, no file system (house style 1); I/O lives in src/store/maps.ts and src/llm.
 */
export { defaultTransform } from './choose-transform.js';
export { describeRule, diffMaps, formatDiff, type MapChange } from './diff.js';
export {
  type CustomFieldSpec,
  type CustomFieldType,
  columnsOf,
  contentOf,
  hashMapContent,
  type JsonValue,
  type MapContent,
  type MapDocument,
  type MapRule,
  type MapStatus,
  type MatchSpec,
  type ObjectMap,
  type RuleOrigin,
  type TargetObject,
  type TransformRef,
  targetsOf,
} from './document.js';
export { type ParsedDocument, parseMapDocument } from './document-schema.js';
export { applyEdit, type EditContext, type EditOutcome } from './edit.js';
export { type ColumnRef, EDIT_HELP, type EditCommand, type ParsedEdit, parseEdit } from './edit-language.js';
export type { LlmInput, LlmMessage, LlmRawReply, MappingModel } from './llm-prompt.js';
export { type Proposal, type ProposeOptions, type ProposeReport, proposeMap } from './propose.js';
export { renderContent, renderDocument, renderReport, renderValidation } from './render.js';
export { type GroundTruth, type Score, scoreMap } from './score.js';
export {
  type ColumnProfile,
  fromIngestProfile,
  type SourceFile,
  type SourceLanguage,
  toColumnProfile,
} from './sources.js';
export {
  type LiveFieldLists,
  type PipedriveFieldLike,
  parseTarget,
  TargetCatalogue,
  type TargetField,
} from './targets.js';
export {
  applyRule,
  applyTransform,
  getTransform,
  TRANSFORM_NAMES,
  type TransformContext,
  type TransformDefect,
  type TransformDefectCode,
  type TransformResult,
} from './transforms/index.js';
export {
  type ValidationCode,
  type ValidationContext,
  type ValidationIssue,
  type ValidationResult,
  validateMap,
} from './validate.js';
