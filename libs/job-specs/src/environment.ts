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

/**
 * glibc's allocator asks for transparent huge pages for its heap, which a kernel whose setting is
 * `madvise` then gives it (with `always` it gets them anyway, with `never` nothing changes): what
 * a job allocates is faulted in 2 MB at a time instead of 4 KB. In a 240-frame run the jobs took
 * 18,000 fewer page faults, and runs used less CPU in 6 of 6 interleaved pairs
 * (tools/bench/findings.ts); in a virtual machine a fault costs several times what it costs on
 * bare metal. glibc 2.35 and later read it (the images' Debian has 2.36), others ignore it; the
 * static ffmpeg keeps its own allocator's settings.
 */
export const JOB_GLIBC_TUNABLES = 'glibc.malloc.hugetlb=1';

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
    GLIBC_TUNABLES: JOB_GLIBC_TUNABLES,
  };
}

/** Names of the local stack's resources (the AWS stack generates its own bucket name). */
export const LOCAL_RESOURCES: Required<StackResources> = {
  bucket: 'framefarm-local',
  table: 'framefarm-runs',
  prefix: 'framefarm',
};
export const LOCAL_COMPUTE_ENVIRONMENT = 'framefarm-local';
