import { BatchClient } from '@aws-sdk/client-batch';
import { submitJob } from '@framefarm/batch-client';
import { JobLog, RunStore, StageSpan, untraced } from '@framefarm/run-store';
import { encodeJobSpec, renderJobSpec } from './child-jobs';
import { assertSketchUploaded } from './sketch-check';
import type { PlanJobConfig } from './plan-env';

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
export interface PlanHooks {
  /** More environment for the children, e.g. the trace context. */
  childEnvironment?: () => Record<string, string>;
  span?: StageSpan;
}

export async function planRun(store: RunStore, batch: BatchClient, config: PlanJobConfig, log: JobLog, hooks: PlanHooks = {}): Promise<PlanOutcome> {
  const span = hooks.span ?? untraced;
  const startedAt = new Date();
  const { settings, targets } = config;
  const { runId } = settings;
  await assertSketchUploaded(store.objects, settings.sketch);
  const { manifest, record, created } = await span('plan.record', { totalFrames: settings.totalFrames }, () =>
    store.recordPlan(settings, { startedAt, ...(config.planJobId ? { planJobId: config.planJobId } : {}) }),
  );
  const chunks = manifest.chunks.length;
  log(created ? 'run-planned' : 'run-found', { chunks, totalFrames: settings.totalFrames, framesPerRenderJob: settings.framesPerRenderJob, sketch: settings.sketch, width: settings.width, height: settings.height, fps: settings.fps });

  if (record.renderJobId && record.encodeJobId) {
    log('plan-already-submitted', { renderJobId: record.renderJobId, encodeJobId: record.encodeJobId });
    return { runId, renderJobId: record.renderJobId, encodeJobId: record.encodeJobId, chunks, submitted: false };
  }

  const { renderJobId, encodeJobId } = await span('plan.submit', { chunks }, async () => {
    // Asked inside the span, so the children continue the trace under it.
    const extra = hooks.childEnvironment?.() ?? {};
    let renderId = record.renderJobId;
    if (!renderId) {
      renderId = (await submitJob(batch, renderJobSpec(settings, manifest.chunks, targets, extra))).jobId;
      await store.records.updateRun(runId, { renderJobId: renderId });
      log('render-submitted', { renderJobId: renderId, arraySize: chunks });
    }
    const encodeId = (await submitJob(batch, encodeJobSpec(settings, renderId, targets, extra))).jobId;
    return { renderJobId: renderId, encodeJobId: encodeId };
  });
  const finishedAt = new Date();
  await store.records.updateRun(runId, {
    encodeJobId,
    timings: { ...record.timings, plan: { startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime() } },
  });
  log('encode-submitted', { encodeJobId, dependsOn: renderJobId });
  return { runId, renderJobId, encodeJobId, chunks, submitted: true };
}
