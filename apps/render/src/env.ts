import { readBatchJobEnv } from '@framefarm/batch-client';
import { ChunkRange, chunkRange, InvalidPlanError } from '@framefarm/job-specs';
import { InvalidEnvironmentError, readRunSettings, RunSettings } from '@framefarm/run-store';

export interface RenderJobConfig {
  settings: RunSettings;
  chunk: ChunkRange;
  jobId: string;
  attempt: number;
}

/**
 * The run's settings (from plan's overrides) and this job's chunk. Without
 * AWS_BATCH_JOB_ARRAY_INDEX (a plain job: the run has one chunk) the chunk is 0.
 */
export function readRenderEnv(env: Record<string, string | undefined>): RenderJobConfig {
  const settings = readRunSettings(env);
  // Run by hand there is no job id; the other AWS_BATCH_* values are still checked.
  const job = readBatchJobEnv({ ...env, AWS_BATCH_JOB_ID: env.AWS_BATCH_JOB_ID || 'local' });
  const index = job.arrayIndex ?? 0;
  try {
    return { settings, chunk: chunkRange(index, settings.totalFrames, settings.framesPerRenderJob), jobId: job.jobId, attempt: job.attempt };
  } catch (error) {
    if (error instanceof InvalidPlanError) {
      throw new InvalidEnvironmentError([`AWS_BATCH_JOB_ARRAY_INDEX: ${error.message} (TOTAL_FRAMES ${settings.totalFrames}, FRAMES_PER_RENDER_JOB ${settings.framesPerRenderJob})`]);
    }
    throw error;
  }
}
