import type { JobStatus } from '@aws-sdk/client-batch';
import { StoredSpan } from '@framefarm/tracing';
import { BatchJob, CollectRunInput } from '../src/run-input';
import { T0 } from './fixture-run';

/** A deterministic stand-in for randomness, so fixtures are the same on every run. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

/**
 * A bigger run for the browser: `chunks` render children on `slots` parallel compute slots; chunk
 * `failingChunk` fails every one of its 3 attempts, so the array fails and encode is cancelled by
 * its dependency without ever starting.
 */
export function syntheticRun(chunks: number, slots: number, failingChunk: number): CollectRunInput {
  const random = lcg(7);
  const at = (ms: number) => T0 + Math.round(ms);
  const planId = '3f2c9a10-5be1-4c1e-9d7a-1b2c3d4e5f60';
  const arrayId = '7d41e0c2-0f3a-4a59-8e61-2b3c4d5e6f70';
  const encodeId = '9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
  const traceId = '691f0a80bbbbbbbbbbbbbbbbbbbbbbbb';
  const spans: StoredSpan[] = [];
  let spanCount = 0;
  const addSpan = (jobId: string, name: string, start: number, end: number, parent?: string, error?: string): string => {
    spanCount += 1;
    const spanId = spanCount.toString(16).padStart(16, '0');
    spans.push({
      traceId,
      spanId,
      ...(parent ? { parentSpanId: parent } : {}),
      name,
      kind: 1,
      startTimeUnixNano: (BigInt(at(start)) * 1_000_000n).toString(),
      endTimeUnixNano: (BigInt(at(end)) * 1_000_000n).toString(),
      attributes: { 'framefarm.run.id': 'run-large', 'aws.batch.job.id': jobId, 'aws.batch.job.attempt': 1 },
      status: error ? { code: 2, message: error } : { code: 0 },
      resource: { 'service.name': jobId === planId ? 'framefarm-plan' : 'framefarm-render' },
    });
    return spanId;
  };
  const planRoot = addSpan(planId, 'plan', 1500, 4800);
  const submit = addSpan(planId, 'plan.submit', 2500, 3600, planRoot);
  addSpan(planId, 'Batch.SubmitJob', 2600, 3500, submit);

  const slotFree = Array.from({ length: slots }, () => 4000);
  const children: BatchJob[] = [];
  for (let index = 0; index < chunks; index += 1) {
    const attempts: NonNullable<BatchJob['attempts']> = [];
    const tries = index === failingChunk ? 3 : 1;
    for (let attempt = 0; attempt < tries; attempt += 1) {
      const slot = slotFree.indexOf(Math.min(...slotFree));
      const start = slotFree[slot] + 300 + random() * 900;
      const end = start + (index === failingChunk ? 2500 + random() * 1500 : 7000 + random() * 6000);
      slotFree[slot] = end;
      attempts.push({ startedAt: at(start), stoppedAt: at(end), container: { exitCode: index === failingChunk ? 137 : 0, ...(index === failingChunk ? { reason: 'OutOfMemoryError: Container killed due to memory usage' } : {}) } });
      const root = addSpan(`${arrayId}:${index}`, 'render', start + 150, end - 100, submit, index === failingChunk ? 'Error: killed' : undefined);
      addSpan(`${arrayId}:${index}`, 'render.frames', start + 250, end - (index === failingChunk ? 100 : 700), root, index === failingChunk ? 'Error: killed' : undefined);
      if (index !== failingChunk) addSpan(`${arrayId}:${index}`, 'S3.PutObject', end - 600, end - 200, root);
    }
    const last = attempts[attempts.length - 1];
    const status: JobStatus = index === failingChunk ? 'FAILED' : 'SUCCEEDED';
    children.push({ jobId: `${arrayId}:${index}`, jobName: 'framefarm-render', status, createdAt: at(3200), startedAt: last.startedAt, stoppedAt: last.stoppedAt, arrayProperties: { index }, attempts, ...(status === 'FAILED' ? { statusReason: 'Essential container in task exited' } : {}) });
  }
  const arrayEnd = Math.max(...children.map((child) => child.stoppedAt as number));
  return {
    run: { runId: 'run-large', status: 'FAILED', sketch: 'flow-field', width: 1280, height: 720, fps: 30, totalFrames: chunks * 45 - 20, framesPerRenderJob: 45 },
    jobs: {
      plan: { jobId: planId, jobName: 'framefarm-plan', status: 'SUCCEEDED', createdAt: at(0), startedAt: at(1200), stoppedAt: at(5000), attempts: [{ startedAt: at(1200), stoppedAt: at(5000), container: { exitCode: 0 } }] },
      renderArray: { jobId: arrayId, jobName: 'framefarm-render', status: 'FAILED', createdAt: at(3200), arrayProperties: { size: chunks } },
      renderChildren: children,
      encode: { jobId: encodeId, jobName: 'framefarm-encode', status: 'FAILED', statusReason: 'Dependent Job failed', createdAt: at(3300), stoppedAt: arrayEnd + 400, dependsOn: [{ jobId: arrayId }], attempts: [] },
    },
    spans,
    now: arrayEnd + 5000,
  };
}
