import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchClient, DescribeJobsCommand } from '@aws-sdk/client-batch';
import { jobDefinitionEnvironment, LOCAL_RESOURCES } from '@framefarm/job-specs';
import { LOCAL_CREDENTIALS, localEndpointEnvironment, LocalStack, provisionLocalStack, startLocalStack } from '@framefarm/local-aws';
import { JobLog, RunStore } from '@framefarm/run-store';
import { planRun, readPlanEnv } from '../src';

const events: string[] = [];
const log: JobLog = (event) => events.push(event);

describe('planning a run against the local Batch API', () => {
  let stack: LocalStack;
  let stateDir: string;
  let env: Record<string, string>;
  let batch: BatchClient;
  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'framefarm-plan-'));
    // No image table: submitted jobs cannot start, which leaves them to inspect.
    stack = await startLocalStack({ stateDir, port: 0, quiet: true, imageTable: {} });
    await provisionLocalStack(stack.endpoint);
    env = { ...localEndpointEnvironment(stack.endpoint), ...jobDefinitionEnvironment(LOCAL_RESOURCES) };
    batch = new BatchClient({ endpoint: stack.endpoint, region: stack.region, credentials: LOCAL_CREDENTIALS });
  });
  afterAll(async () => {
    batch.destroy();
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('submits the render array and an encode job that waits for all of it, once per run id', async () => {
    const config = readPlanEnv({ ...env, RUN_ID: 'plan-test', TOTAL_FRAMES: '10', FRAMES_PER_RENDER_JOB: '4', SKETCH: 'truchet', WIDTH: '320', HEIGHT: '180' });
    const store = RunStore.fromEnv(env);
    const outcome = await planRun(store, batch, config, log);
    expect(outcome).toMatchObject({ runId: 'plan-test', chunks: 3, submitted: true });

    const { jobs = [] } = await batch.send(new DescribeJobsCommand({ jobs: [outcome.renderJobId, outcome.encodeJobId] }));
    const render = jobs.find((j) => j.jobId === outcome.renderJobId)!;
    const encode = jobs.find((j) => j.jobId === outcome.encodeJobId)!;
    expect(render.arrayProperties?.size).toBe(3);
    expect(render.jobName).toBe('framefarm-render-plan-test');
    expect(encode.dependsOn).toEqual([{ jobId: outcome.renderJobId }]);
    // The array parent carries no container; its children do, with the overrides.
    const { jobs: [child] = [] } = await batch.send(new DescribeJobsCommand({ jobs: [`${outcome.renderJobId}:2`] }));
    for (const job of [child, encode]) {
      const overrides = Object.fromEntries((job.container?.environment ?? []).map((e) => [e.name, e.value]));
      expect(overrides).toMatchObject({ RUN_ID: 'plan-test', SKETCH: 'truchet', WIDTH: '320', HEIGHT: '180', FPS: '30', TOTAL_FRAMES: '10', FRAMES_PER_RENDER_JOB: '4', SEED: 'framefarm' });
    }

    const run = await store.records.getRun('plan-test');
    expect(run).toMatchObject({ status: 'PLANNED', chunkCount: 3, renderJobId: outcome.renderJobId, encodeJobId: outcome.encodeJobId });
    expect(run?.timings.plan?.durationMs).toBeGreaterThanOrEqual(0);
    expect((await store.readRunManifest('plan-test'))?.chunks).toEqual([{ index: 0, start: 0, end: 4 }, { index: 1, start: 4, end: 8 }, { index: 2, start: 8, end: 10 }]);

    const again = await planRun(store, batch, config, log);
    expect(again).toEqual({ ...outcome, submitted: false });
    expect(events).toEqual(['run-planned', 'render-submitted', 'encode-submitted', 'run-found', 'plan-already-submitted']);
  });

  it('refuses a user sketch that was never uploaded, before writing or submitting anything', async () => {
    const sketch = `s3://${LOCAL_RESOURCES.bucket}/sketches/${'b'.repeat(64)}.cjs`;
    const config = readPlanEnv({ ...env, RUN_ID: 'no-sketch', TOTAL_FRAMES: '4', FRAMES_PER_RENDER_JOB: '2', SKETCH: sketch });
    const store = RunStore.fromEnv(env);
    await expect(planRun(store, batch, config, log)).rejects.toMatchObject({ name: 'InvalidSketchRefError', message: expect.stringContaining('upload the sketch first') });
    expect(await store.readRunManifest('no-sketch')).toBeUndefined();
    expect(await store.records.getRun('no-sketch')).toBeUndefined();
  });

  it('submits a plain render job when the run is one chunk', async () => {
    const config = readPlanEnv({ ...env, RUN_ID: 'one-chunk', TOTAL_FRAMES: '4', FRAMES_PER_RENDER_JOB: '30' });
    const outcome = await planRun(RunStore.fromEnv(env), batch, config, log);
    const { jobs = [] } = await batch.send(new DescribeJobsCommand({ jobs: [outcome.renderJobId] }));
    expect(jobs[0].arrayProperties?.size).toBeUndefined();
  });
});
