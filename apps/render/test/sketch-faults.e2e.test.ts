import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runSettingsEnvironment, RunSettings, RunStore, uploadSketchSource } from '@framefarm/run-store';
import { LocalServices, startLocalServices } from '@framefarm/run-store/testing';
import { bundleSketch } from '@framefarm/sketch';
import { buildRenderBundle } from './render-bundle';
import { childProcesses, isRunning, RenderJobExit, startRenderJob } from './render-job';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FIXTURE = join(__dirname, 'fixtures', 'faulty-sketch.ts');

// Bounds a hang, not a duration: this bundles or starts programs, which a loaded CI machine once took past jest's default 5 s for.
jest.setTimeout(60_000);

/**
 * The real render job (the built bundle, on the images' Node) with a sketch that breaks at frame 3
 * in the way its seed says. Every fault fails the chunk with what happened, where, and leaves
 * nothing that looks rendered: no manifest, no segment, no work files.
 */
describe('sketch faults in the render job', () => {
  let dir: string;
  let bundle: string;
  let removeBundle: (() => void) | undefined;
  let services: LocalServices;
  let store: RunStore;
  let sketch: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'framefarm-sketch-faults-'));
    // Bundled by esbuild as the build target does, into a directory of its own: a nested `nx run`
    // inside the workspace's own test run failed now and then on a fresh clone.
    ({ script: bundle, remove: removeBundle } = await buildRenderBundle());
    services = await startLocalServices();
    services.env.OTEL_TRACES_EXPORTER = 'none';
    store = RunStore.fromEnv(services.env);
    sketch = await uploadSketchSource(store.objects, await bundleSketch(FIXTURE));
  }, 300_000);
  afterAll(async () => {
    await services?.stop();
    removeBundle?.();
    await rm(dir, { recursive: true, force: true });
  });

  /** Plans a one-chunk run of the faulty sketch and starts its render job with its own TMPDIR. */
  async function startRun(runId: string, seed: string, frameTimeoutSeconds: number) {
    const settings: RunSettings = { runId, sketch, seed, width: 32, height: 16, fps: 10, totalFrames: 8, framesPerRenderJob: 8, frameTimeoutSeconds };
    await store.recordPlan(settings, { startedAt: new Date() });
    const scratch = join(dir, `tmp-${runId}`);
    mkdirSync(scratch);
    const job = startRenderJob(bundle, { ...services.env, ...runSettingsEnvironment(settings), AWS_BATCH_JOB_ID: `render-${runId}`, TMPDIR: scratch });
    return { ...job, scratch };
  }

  async function expectNothingDone(runId: string, scratch: string, exit: RenderJobExit) {
    expect(await store.readChunkManifest(runId, 0)).toBeUndefined();
    expect((await store.objects.listKeys(`runs/${runId}/`)).filter((key) => !key.endsWith('.jpg'))).toEqual(['runs/' + runId + '/manifest.json']);
    expect(readdirSync(scratch)).toEqual([]);
    expect(exit.events.map((e) => e.event)).not.toContain('chunk-rendered');
  }

  const failure = (exit: RenderJobExit) => exit.events.find((e) => e.event === 'job-failed');

  it('fails the chunk with the frame number when a frame does not finish within the run\'s limit', async () => {
    const { exited, scratch } = await startRun('endless-frame', 'endless', 1);
    const exit = await exited;
    expect({ exitCode: exit.exitCode, failure: failure(exit) }).toMatchObject({
      exitCode: 2,
      failure: { errorName: 'SketchTimeoutError', error: expect.stringMatching(/^frame 3 did not finish within 1 s/) },
    });
    expect(await store.records.getChunk('endless-frame', 0)).toMatchObject({ status: 'FAILED', error: expect.stringContaining('frame 3 did not finish') });
    await expectNothingDone('endless-frame', scratch, exit);
  });

  it('stops at SIGTERM while draw() loops forever: ffmpeg killed, exit 143, nothing written as done', async () => {
    const marker = join(dir, 'looping');
    const { child, exited, scratch } = await startRun('stopped', marker, 3600);
    // The sketch writes the marker as it enters its endless loop in frame 3.
    for (let i = 0; i < 2400 && !existsSync(marker) && child.exitCode === null; i++) await sleep(50);
    expect(existsSync(marker)).toBe(true);
    const encoders = childProcesses(child.pid!).filter((p) => p.command === 'ffmpeg');
    expect(encoders).toHaveLength(1);

    child.kill('SIGTERM');
    const exit = await exited;
    expect({ exitCode: exit.exitCode, signal: exit.signal, failure: failure(exit) }).toMatchObject({
      exitCode: 143,
      signal: null,
      failure: { errorName: 'StoppedBySignalError', exitCode: 143 },
    });
    expect(isRunning(encoders[0].pid)).toBe(false);
    expect(await store.records.getChunk('stopped', 0)).toMatchObject({ status: 'FAILED', error: expect.stringContaining('stopped by SIGTERM') });
    await expectNothingDone('stopped', scratch, exit);
  });

  it('fails the job when the sketch calls process.exit(0)', async () => {
    const { exited, scratch } = await startRun('exits', 'exit', 60);
    const exit = await exited;
    expect({ exitCode: exit.exitCode, failure: failure(exit) }).toMatchObject({
      exitCode: 2,
      failure: { errorName: 'SketchExitError', error: 'the sketch called process.exit(0) while drawing frame 3; a sketch cannot end its job' },
    });
    await expectNothingDone('exits', scratch, exit);
  });

  it("names the user's file and line when the sketch throws", async () => {
    const { exited, scratch } = await startRun('throws', 'throw', 60);
    const exit = await exited;
    // bundleSketch names files relative to the directory it ran in (this test's).
    const location = `${relative(process.cwd(), FIXTURE)}:21:32`;
    expect({ exitCode: exit.exitCode, failure: failure(exit) }).toMatchObject({
      exitCode: 2,
      failure: { errorName: 'SketchRuntimeError', error: `${location}: the sketch threw while drawing frame 3: Error: no frame 3 today` },
    });
    expect(exit.events.find((e) => e.event === 'sketch-failed')).toMatchObject({ location, stack: expect.stringContaining(`draw (${location})`) });
    await expectNothingDone('throws', scratch, exit);
  });
});
