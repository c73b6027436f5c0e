import { StoredSpan } from '@framefarm/tracing';
import type { JobStatus } from '@aws-sdk/client-batch';
import { BatchJob, CollectRunInput } from '../src/run-input';

export const T0 = 1_763_700_000_000;
const at = (ms: number) => T0 + ms;
const nanos = (ms: number) => (BigInt(at(ms)) * 1_000_000n).toString();

export const PLAN_ID = 'a1b2c3d4-plan';
export const ARRAY_ID = 'e5f6a7b8-render';
export const ENCODE_ID = 'c9d0e1f2-encode';
export const TRACE_ID = '691f0a80aaaaaaaaaaaaaaaaaaaaaaaa';

function child(index: number, attempts: Array<[number, number, number, string?]>, status: JobStatus = 'SUCCEEDED'): BatchJob {
  const last = attempts[attempts.length - 1];
  return {
    jobId: `${ARRAY_ID}:${index}`,
    jobName: 'framefarm-render',
    jobQueue: 'arn:aws:batch:us-east-1:000000000000:job-queue/framefarm-render',
    jobDefinition: 'arn:aws:batch:us-east-1:000000000000:job-definition/framefarm-render:1',
    status,
    createdAt: at(4000),
    startedAt: at(last[0]),
    stoppedAt: at(last[1]),
    arrayProperties: { index },
    attempts: attempts.map(([start, stop, exitCode, reason]) => ({ startedAt: at(start), stoppedAt: at(stop), container: { exitCode, ...(reason ? { reason } : {}) } })),
  };
}

let spanCounter = 0;
function span(jobId: string, name: string, start: number, end: number, parentSpanId: string | undefined, extra: Partial<StoredSpan> = {}, arrayIndex?: number): StoredSpan {
  spanCounter += 1;
  return {
    traceId: TRACE_ID,
    spanId: spanCounter.toString(16).padStart(16, '0'),
    ...(parentSpanId ? { parentSpanId } : {}),
    name,
    kind: 1,
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(end),
    attributes: { 'framefarm.run.id': 'run-fixture', 'aws.batch.job.id': jobId, 'aws.batch.job.attempt': 1, ...(arrayIndex !== undefined ? { 'aws.batch.job.array_index': arrayIndex } : {}) },
    status: { code: 0 },
    resource: { 'service.name': jobId === PLAN_ID ? 'framefarm-plan' : jobId === ENCODE_ID ? 'framefarm-encode' : 'framefarm-render' },
    ...extra,
  };
}

/**
 * A finished run: plan, a render array of 4 (child 1 fails once and is retried, child 3 waits for
 * a compute slot), encode after the whole array. 100 frames, 30 per job.
 */
export function fixtureRun(): CollectRunInput {
  spanCounter = 0;
  const plan: BatchJob = {
    jobId: PLAN_ID,
    jobName: 'framefarm-plan',
    status: 'SUCCEEDED',
    createdAt: at(0),
    startedAt: at(2000),
    stoppedAt: at(6000),
    attempts: [{ startedAt: at(2000), stoppedAt: at(6000), container: { exitCode: 0 } }],
  };
  const renderArray: BatchJob = { jobId: ARRAY_ID, jobName: 'framefarm-render', status: 'SUCCEEDED', createdAt: at(4000), arrayProperties: { size: 4 } };
  const renderChildren = [
    child(0, [[5000, 15000, 0]]),
    child(1, [
      [5500, 9000, 1, 'Essential container in task exited'],
      [12000, 24000, 0],
    ]),
    child(2, [[6000, 14000, 0]]),
    child(3, [[16000, 20000, 0]]),
  ];
  const encode: BatchJob = {
    jobId: ENCODE_ID,
    jobName: 'framefarm-encode',
    status: 'SUCCEEDED',
    createdAt: at(4100),
    startedAt: at(25000),
    stoppedAt: at(31000),
    dependsOn: [{ jobId: ARRAY_ID }],
    attempts: [{ startedAt: at(25000), stoppedAt: at(31000), container: { exitCode: 0 } }],
  };
  const planSpan = span(PLAN_ID, 'plan', 2100, 5900, undefined);
  const submit = span(PLAN_ID, 'plan.submit', 3000, 4200, planSpan.spanId);
  const spans = [planSpan, submit, span(PLAN_ID, 'Batch.SubmitJob', 3100, 3900, submit.spanId, { kind: 3 })];
  for (const detail of renderChildren) {
    const index = detail.arrayProperties?.index as number;
    const last = detail.attempts?.[detail.attempts.length - 1];
    const start = (last?.startedAt as number) - T0;
    const stop = (last?.stoppedAt as number) - T0;
    const job = span(detail.jobId as string, 'render', start + 100, stop - 100, submit.spanId, {}, index);
    spans.push(job, span(detail.jobId as string, 'render.frames', start + 200, stop - 600, job.spanId, {}, index), span(detail.jobId as string, 'S3.PutObject', stop - 500, stop - 200, job.spanId, { kind: 3 }, index));
  }
  const encodeSpan = span(ENCODE_ID, 'encode', 25100, 30900, submit.spanId);
  spans.push(encodeSpan, span(ENCODE_ID, 'encode.join', 25500, 29000, encodeSpan.spanId), span(ENCODE_ID, 'encode.verify', 29000, 30500, encodeSpan.spanId, { status: { code: 2, message: 'Error: frame 41 checksum differs' } }));
  return {
    run: { runId: 'run-fixture', status: 'SUCCEEDED', sketch: 'orbits', width: 640, height: 360, fps: 30, totalFrames: 100, framesPerRenderJob: 30 },
    jobs: { plan, renderArray, renderChildren, encode },
    spans,
    now: at(40_000),
  };
}
