import { readBatchJobEnv } from '@framefarm/batch-client';
import { readRunSettings, RunSettings } from '@framefarm/run-store';

export interface EncodeJobConfig {
  settings: RunSettings;
  jobId: string;
  attempt: number;
}

export function readEncodeEnv(env: Record<string, string | undefined>): EncodeJobConfig {
  const settings = readRunSettings(env);
  const job = readBatchJobEnv({ ...env, AWS_BATCH_JOB_ID: env.AWS_BATCH_JOB_ID || 'local' });
  return { settings, jobId: job.jobId, attempt: job.attempt };
}
