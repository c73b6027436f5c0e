import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchClient, DescribeJobsCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { waitForJobs } from '@framefarm/batch-client';
import { BATCH_REASONS, LOCAL_RESOURCES } from '@framefarm/job-specs';
import { jobNodeExecutable, localEndpointEnvironment, LocalStack } from '@framefarm/local-aws';
import { probeVideo } from '@framefarm/media';
import { chunkSegmentKey, RunStore } from '@framefarm/run-store';
import { createFrameRenderer, frameChecksum, loadSketch } from '@framefarm/sketch';
import { App } from './bundles';
import { BundledStack, startBundledStack } from './bundled-stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pids of processes whose environment carries this Batch job id and whose command line names `bundle`. */
function processesOf(jobId: string, bundle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (environ.includes(`AWS_BATCH_JOB_ID=${jobId}`) && cmdline[0] === jobNodeExecutable() && cmdline.includes(bundle)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/**
 * A render process killed with SIGKILL from outside in the middle of its chunk (what the OOM
 * killer or a lost container does): Batch reports exit code 137, the shared retry rules retry the
 * chunk, and the run still ends with every frame, identical to what a fault-free render gives.
 */
describe('a render process killed mid-chunk', () => {
  let dir: string;
  let stack: LocalStack;
  let outputs: Record<string, string>;
  let batch: BatchClient;
  let bundled: BundledStack | undefined;
  let bundles: Record<App, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'framefarm-kill-e2e-'));
    ({ stack, outputs, batch, bundles } = (bundled = await startBundledStack(dir)));
  }, 300_000);
  afterAll(async () => {
    await bundled?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is retried and the run completes with every frame, frame-identical', async () => {
    const { jobId: planJobId } = await batch.send(
      new SubmitJobCommand({
        jobName: 'kill-test-plan',
        jobQueue: outputs.CfnOutputPlanJobQueue,
        jobDefinition: outputs.CfnOutputPlanJobDefinition,
        containerOverrides: { environment: [{ name: 'TOTAL_FRAMES', value: '90' }, { name: 'FRAMES_PER_RENDER_JOB', value: '30' }] },
      }),
    );
    expect((await waitForJobs(batch, [planJobId!], { pollIntervalMs: 250 })).succeeded).toBe(true);
    const store = RunStore.fromEnv({ ...localEndpointEnvironment(stack.endpoint, stack.region, stack.credentials), FRAMEFARM_BUCKET: LOCAL_RESOURCES.bucket, FRAMEFARM_TABLE: LOCAL_RESOURCES.table });
    const runId = `run-${planJobId}`;
    const planned = (await store.records.getRun(runId))!;
    const victim = `${planned.renderJobId}:1`;

    // Chunk 1's render process is stepped: it runs a moment, is stopped (SIGSTOP) while the test
    // looks at its chunk, and is killed while stopped once it has rendered frames but has not stored
    // its segment. The segment is stored before the manifest, so the next attempt has to render the
    // chunk again: the kill lands mid-chunk on a fast machine as on a loaded one.
    let found: number[] = [];
    for (let i = 0; i < 2400 && found.length === 0; i++) {
      found = processesOf(victim, bundles.render);
      if (found.length === 0) await sleep(50);
    }
    expect(found).toHaveLength(1);
    const [pid] = found;
    let killed = false;
    for (let i = 0; i < 6000 && !killed; i++) {
      process.kill(pid, 'SIGSTOP');
      const chunk = await store.records.getChunk(runId, 1);
      if ((await store.objects.size(chunkSegmentKey(runId, 1))) !== undefined) {
        process.kill(pid, 'SIGCONT');
        throw new Error(`chunk 1 stored its segment while the test let it run for 20 ms (last seen: ${JSON.stringify(chunk)}); it cannot be killed mid-chunk`);
      }
      if (chunk?.status === 'RENDERING' && chunk.framesDone > 0) {
        process.kill(pid, 'SIGKILL');
        killed = true;
      } else {
        process.kill(pid, 'SIGCONT');
        await sleep(20);
      }
    }
    expect(killed).toBe(true);

    const finished = await waitForJobs(batch, [planned.renderJobId!, planned.encodeJobId!], { pollIntervalMs: 250 });
    const [child] = (await batch.send(new DescribeJobsCommand({ jobs: [victim] }))).jobs ?? [];
    const logOf = (stream?: string) => (stream ? stack.logStore.read('/aws/batch/job', stream).map((e) => e.message) : []);
    // on failure, say what each attempt of the killed chunk did
    expect({ failed: finished.failed.map((j) => j.jobName), attempts: child.attempts?.map((a) => ({ ...a.container, reason: a.statusReason, log: a.container?.exitCode === 0 || a.container?.exitCode === 137 ? [] : logOf(a.container?.logStreamName).slice(-5) })) }).toMatchObject({ failed: [] });
    expect(child.status).toBe('SUCCEEDED');
    expect(child.attempts?.map((a) => [a.container?.exitCode, a.statusReason])).toEqual([
      [137, BATCH_REASONS.containerExited],
      [0, BATCH_REASONS.containerExited],
    ]);

    const run = await store.records.getRun(runId);
    expect(run).toMatchObject({ status: 'SUCCEEDED', video: { frames: 90 } });
    const video = join(dir, 'video.mp4');
    await store.objects.downloadFile(run!.video!.key, video);
    expect(await probeVideo(video)).toMatchObject({ frames: 90 });

    // The retried chunk holds exactly the frames a fault-free render gives (encode checked the video against it).
    const manifest = (await store.readChunkManifest(runId, 1))!;
    expect(manifest.attempt).toBe(2);
    const { settings } = planned;
    const renderer = createFrameRenderer(await loadSketch(settings.sketch), { width: settings.width, height: settings.height, fps: settings.fps, totalFrames: settings.totalFrames, seed: settings.seed });
    const expected = Array.from({ length: manifest.end - manifest.start }, (_, i) => frameChecksum(renderer.rgba(manifest.start + i)));
    expect(manifest.frameChecksums).toEqual(expected);
  }, 300_000);
});
