/** The synthetic DentAdmin export generator: `generateExport` and what it reports. */

export { DEFECT_WEIGHTS, type InjectedDefect } from './defect-log.js';
export { FUND_ALIASES, FUNDS, UNKNOWN_FUND_VALUES } from './funds.js';
export { generateExport } from './generate-export.js';
export { GENERATOR_RIZIV_CODES } from './riziv-table.js';
export {
  DEFAULT_DEFECT_RATE,
  DEFAULT_DOCUMENT_SIZE_LIMIT_BYTES,
  DEFAULT_EXPORT_DATE,
  type GenerateOptions,
  type GenerateSummary,
  MAX_PATIENTS_FOR_LARGE_FILES,
} from './types.js';
export { UNKNOWN_PROVIDER_CODES } from './users.js';
