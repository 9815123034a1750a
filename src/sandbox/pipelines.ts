/**
 * A new Pipedrive company's default pipeline and stages. Read-only in the sandbox: deals need a
 * valid `pipeline_id`/`stage_id`, and clients may list them.
 */

export interface PipelineRecord {
  id: number;
  name: string;
  order_nr: number;
  is_deleted: boolean;
  is_deal_probability_enabled: boolean;
}

export interface StageRecord {
  id: number;
  order_nr: number;
  name: string;
  is_deleted: boolean;
  deal_probability: number;
  pipeline_id: number;
  is_deal_rot_enabled: boolean;
  days_to_rotten: number | null;
}

export const DEFAULT_PIPELINE_ID = 1;

export const PIPELINES: readonly PipelineRecord[] = [
  { id: 1, name: 'Pipeline', order_nr: 1, is_deleted: false, is_deal_probability_enabled: false },
];

export const STAGES: readonly StageRecord[] = [
  'Qualified',
  'Contact Made',
  'Demo Scheduled',
  'Proposal Made',
  'Negotiations Started',
].map((name, index) => ({
  id: index + 1,
  order_nr: index + 1,
  name,
  is_deleted: false,
  deal_probability: 100,
  pipeline_id: DEFAULT_PIPELINE_ID,
  is_deal_rot_enabled: false,
  days_to_rotten: null,
}));

export function firstStageOf(pipelineId: number): StageRecord | undefined {
  return STAGES.find((stage) => stage.pipeline_id === pipelineId);
}
