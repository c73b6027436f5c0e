import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchClient, SubmitJobCommand } from '@aws-sdk/client-batch';
import { waitForJobs } from '@framefarm/batch-client';
import { LOCAL_RESOURCES } from '@framefarm/job-specs';
import { listTraceIds, localEndpointEnvironment, LocalStack, readTraceSpans } from '@framefarm/local-aws';
import { probeVideo } from '@framefarm/media';
import { RunStore } from '@framefarm/run-store';
import { BundledStack, startBundledStack } from './bundled-stack';

/**
 * The original quick start against the local stack: SubmitJob(plan) with only TOTAL_FRAMES and
 * FRAMES_PER_RENDER_JOB; plan submits the render array and encode through the local Batch API,
 * which runs the built bundles as processes.
 */
describe('plan → render array → encode through the local Batch engine', () => {
  let dir: string;
  let stack: LocalStack;
  let outputs: Record<string, string>;
  let batch: BatchClient;
  let bundled: BundledStack | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'framefarm-batch-e2e-'));
    ({ stack, outputs, batch } = (bundled = await startBundledStack(dir)));
  }, 300_000);
  afterAll(async () => {
    await bundled?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('renders the default demo into a verified video with one trace for the run', async () => {
    const { jobId: planJobId } = await batch.send(
      new SubmitJobCommand({
        jobName: 'manualSubmit-plan',
        jobQueue: outputs.CfnOutputPlanJobQueue,
        jobDefinition: outputs.CfnOutputPlanJobDefinition,
        containerOverrides: { environment: [{ name: 'TOTAL_FRAMES', value: '24' }, { name: 'FRAMES_PER_RENDER_JOB', value: '8' }] },
      }),
    );
    expect((await waitForJobs(batch, [planJobId!], { pollIntervalMs: 250 })).succeeded).toBe(true);

    const store = RunStore.fromEnv({ ...localEndpointEnvironment(stack.endpoint, stack.region, stack.credentials), FRAMEFARM_BUCKET: LOCAL_RESOURCES.bucket, FRAMEFARM_TABLE: LOCAL_RESOURCES.table });
    const runId = `run-${planJobId}`;
    const planned = await store.records.getRun(runId);
    expect(planned).toMatchObject({ chunkCount: 3, planJobId, settings: { sketch: 'aurora', width: 1280, height: 720, fps: 30, totalFrames: 24 } });
    const finished = await waitForJobs(batch, [planned!.renderJobId!, planned!.encodeJobId!], { pollIntervalMs: 250 });
    expect(finished.failed).toEqual([]);

    const run = await store.records.getRun(runId);
    expect(run).toMatchObject({ status: 'SUCCEEDED', video: { frames: 24 } });
    expect(Object.keys(run!.timings).sort()).toEqual(['encode', 'plan', 'render']);
    const video = join(dir, 'video.mp4');
    await store.objects.downloadFile(run!.video!.key, video);
    expect(await probeVideo(video)).toMatchObject({ frames: 24, width: 1280, height: 720, pixFmt: 'yuv420p', frameRate: '30/1' });

    const spans = listTraceIds(stack.tracesDir).flatMap((traceId) => readTraceSpans(stack.tracesDir, traceId));
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    const services = new Set(spans.map((s) => s.resource['service.name']));
    expect([...services].sort()).toEqual(['framefarm-encode', 'framefarm-plan', 'framefarm-render']);
    const names = spans.map((s) => s.name);
    expect(names.filter((n) => n === 'render.frames')).toHaveLength(3);
    expect(names).toEqual(expect.arrayContaining(['plan.submit', 'encode.join', 'encode.verify', 'Batch.SubmitJob', 'S3.PutObject', 'DynamoDB.UpdateItem']));
  }, 180_000);
});
