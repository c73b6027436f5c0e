import { collectRunData } from './collect-run-data';
import { ARRAY_ID, ENCODE_ID, PLAN_ID, T0, fixtureRun } from '../test/fixture-run';

describe('collectRunData', () => {
  it('orders the jobs plan, render children by index, encode', () => {
    const data = collectRunData(fixtureRun());
    expect(data.jobs.map((job) => job.jobId)).toEqual([PLAN_ID, `${ARRAY_ID}:0`, `${ARRAY_ID}:1`, `${ARRAY_ID}:2`, `${ARRAY_ID}:3`, ENCODE_ID]);
    expect(data.renderArrayJobId).toBe(ARRAY_ID);
  });

  it('splits each job into queued and running time, attempt by attempt', () => {
    const retried = collectRunData(fixtureRun()).jobs[2];
    expect(retried.attempts).toEqual([
      { number: 1, startedAt: T0 + 5500, stoppedAt: T0 + 9000, outcome: 'failed', exitCode: 1, reason: 'Essential container in task exited' },
      { number: 2, startedAt: T0 + 12000, stoppedAt: T0 + 24000, outcome: 'succeeded', exitCode: 0 },
    ]);
    expect(retried.runningMs).toBe(15500);
    expect(retried.queuedMs).toBe(20000 - 15500);
  });

  it('computes frames and speed per chunk from the successful attempt', () => {
    const renders = collectRunData(fixtureRun()).jobs.filter((job) => job.step === 'render');
    expect(renders.map((job) => job.frames)).toEqual([
      { start: 0, end: 30 },
      { start: 30, end: 60 },
      { start: 60, end: 90 },
      { start: 90, end: 100 },
    ]);
    expect(renders.map((job) => job.framesPerSecond)).toEqual([3, 2.5, 3.75, 2.5]);
  });

  it('finds the critical path plan → slowest chunk → encode', () => {
    const { criticalPath, totals } = collectRunData(fixtureRun());
    expect(criticalPath.steps).toEqual([
      { jobId: PLAN_ID, waitMs: 2000, runningMs: 2000 },
      { jobId: `${ARRAY_ID}:1`, waitMs: 4500, runningMs: 15500 },
      { jobId: ENCODE_ID, waitMs: 1000, runningMs: 6000 },
    ]);
    expect(criticalPath.totalMs).toBe(totals.wallMs);
  });

  it('adds up the totals', () => {
    const { totals } = collectRunData(fixtureRun());
    expect(totals).toMatchObject({ jobs: 6, renderJobs: 4, attempts: 7, failedAttempts: 1, wallMs: 31000, frames: 100, spans: 18 });
    expect(totals.framesPerSecond).toBeCloseTo(100 / 31);
  });

  it('gives each job its spans with their depth, errors kept', () => {
    const data = collectRunData(fixtureRun());
    const plan = data.jobs[0];
    expect(plan.spans.map((span) => [span.name, span.depth])).toEqual([
      ['plan', 0],
      ['plan.submit', 1],
      ['Batch.SubmitJob', 2],
    ]);
    expect(data.jobs[5].spans.find((span) => span.name === 'encode.verify')?.error).toBe('Error: frame 41 checksum differs');
    expect(data.unattributedSpans).toBe(0);
  });

  it('shows a job still running up to the report time', () => {
    const input = fixtureRun();
    const encode = input.jobs.encode!;
    input.jobs.encode = { ...encode, status: 'RUNNING', stoppedAt: undefined, attempts: [] };
    input.run.status = undefined;
    const data = collectRunData(input);
    const job = data.jobs[5];
    expect(job.finished).toBe(false);
    expect(job.attempts).toEqual([{ number: 1, startedAt: T0 + 25000, outcome: 'running' }]);
    expect(job.endedAt).toBe(input.now);
    expect(data.status).toBe('RUNNING');
    expect(data.totals.framesPerSecond).toBeUndefined();
  });

  it('chains the children of a SEQUENTIAL render array', () => {
    const input = fixtureRun();
    input.jobs.renderArray = { ...input.jobs.renderArray!, dependsOn: [{ type: 'SEQUENTIAL' }] };
    const data = collectRunData(input);
    expect(data.jobs[1].predecessors).toEqual([PLAN_ID]);
    expect(data.jobs[3].predecessors).toEqual([PLAN_ID, `${ARRAY_ID}:1`]);
    expect(data.jobs[5].predecessors).toEqual([PLAN_ID, ...[0, 1, 2, 3].map((i) => `${ARRAY_ID}:${i}`)]);
  });

  it('leaves frames out when the settings do not cover a chunk, instead of failing the report', () => {
    const input = fixtureRun();
    input.run.totalFrames = 50;
    const renders = collectRunData(input).jobs.filter((job) => job.step === 'render');
    expect(renders.map((job) => job.frames?.end)).toEqual([30, 50, undefined, undefined]);
  });
});
