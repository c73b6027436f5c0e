import { jobSpec } from './specs';

/**
 * The environment contract between the steps. The job definitions carry the resource names
 * (bucket, table, where plan submits); plan passes the run's settings to its children as
 * container overrides.
 */
export const ENV = {
  bucket: 'FRAMEFARM_BUCKET',
  table: 'FRAMEFARM_TABLE',
  renderJobQueue: 'RENDER_JOB_QUEUE',
  renderJobDefinition: 'RENDER_JOB_DEFINITION',
  encodeJobQueue: 'ENCODE_JOB_QUEUE',
  encodeJobDefinition: 'ENCODE_JOB_DEFINITION',
  runId: 'RUN_ID',
  sketch: 'SKETCH',
  seed: 'SEED',
  width: 'WIDTH',
  height: 'HEIGHT',
  fps: 'FPS',
  totalFrames: 'TOTAL_FRAMES',
  framesPerRenderJob: 'FRAMES_PER_RENDER_JOB',
  frameTimeoutSeconds: 'FRAME_TIMEOUT_SECONDS',
} as const;

export interface StackResources {
  bucket: string;
  table: string;
  prefix?: string;
}

/** The environment every job definition of the stack carries, locally and on AWS. */
export function jobDefinitionEnvironment(resources: StackResources): Record<string, string> {
  const render = jobSpec('render', resources.prefix);
  const encode = jobSpec('encode', resources.prefix);
  return {
    [ENV.bucket]: resources.bucket,
    [ENV.table]: resources.table,
    [ENV.renderJobQueue]: render.jobQueueName,
    [ENV.renderJobDefinition]: render.jobDefinitionName,
    [ENV.encodeJobQueue]: encode.jobQueueName,
    [ENV.encodeJobDefinition]: encode.jobDefinitionName,
  };
}

/** Names of the local stack's resources (the AWS stack generates its own bucket name). */
export const LOCAL_RESOURCES: Required<StackResources> = {
  bucket: 'framefarm-local',
  table: 'framefarm-runs',
  prefix: 'framefarm',
};
export const LOCAL_COMPUTE_ENVIRONMENT = 'framefarm-local';
