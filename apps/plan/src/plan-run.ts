import { BatchClient } from '@aws-sdk/client-batch';
import { submitJob } from '@framefarm/batch-client';
import { JobLog, RunStore } from '@framefarm/run-store';
import { encodeJobSpec, renderJobSpec } from './child-jobs';
import type { PlanJobConfig } from './env';

export interface PlanOutcome {
  runId: string;
  renderJobId: string;
  encodeJobId: string;
  chunks: number;
  /** False when this run id had been planned and submitted before: nothing was submitted again. */
  submitted: boolean;
}

/**
 * Records the run (manifest in S3, PLANNED item in DynamoDB), then submits render and encode.
 * Each job id is stored as soon as it exists, so a retried plan submits only what is missing.
 */
export async function planRun(store: RunStore, batch: BatchClient, config: PlanJobConfig, log: JobLog, extraEnvironment: Record<string, string> = {}): Promise<PlanOutcome> {
  const startedAt = new Date();
  const { settings, targets } = config;
  const { runId } = settings;
  const { manifest, record, created } = await store.recordPlan(settings, { startedAt, ...(config.planJobId ? { planJobId: config.planJobId } : {}) });
  const chunks = manifest.chunks.length;
  log(created ? 'run-planned' : 'run-found', { chunks, totalFrames: settings.totalFrames, framesPerRenderJob: settings.framesPerRenderJob, sketch: settings.sketch, width: settings.width, height: settings.height, fps: settings.fps });

  if (record.renderJobId && record.encodeJobId) {
    log('plan-already-submitted', { renderJobId: record.renderJobId, encodeJobId: record.encodeJobId });
    return { runId, renderJobId: record.renderJobId, encodeJobId: record.encodeJobId, chunks, submitted: false };
  }

  let renderJobId = record.renderJobId;
  if (!renderJobId) {
    renderJobId = (await submitJob(batch, renderJobSpec(settings, manifest.chunks, targets, extraEnvironment))).jobId;
    await store.records.updateRun(runId, { renderJobId });
    log('render-submitted', { renderJobId, arraySize: chunks });
  }
  const encodeJobId = (await submitJob(batch, encodeJobSpec(settings, renderJobId, targets, extraEnvironment))).jobId;
  const finishedAt = new Date();
  await store.records.updateRun(runId, {
    encodeJobId,
    timings: { ...record.timings, plan: { startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime() } },
  });
  log('encode-submitted', { encodeJobId, dependsOn: renderJobId });
  return { runId, renderJobId, encodeJobId, chunks, submitted: true };
}
