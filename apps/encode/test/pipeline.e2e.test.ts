import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeVideo } from '@framefarm/media';
import { runSettingsEnvironment, RunSettings, RunStore, uploadSketchSource } from '@framefarm/run-store';
import { bundleSketch, createFrameRenderer, frameSha256, loadSketch } from '@framefarm/sketch';
import { LocalServices, startLocalServices } from '@framefarm/run-store/testing';
import { App, prepareBundles, ROOT } from './bundles';
import { runJob as runBundle } from './run-job';

const settings: RunSettings = { runId: 'e2e', sketch: 'flow-field', seed: 'e2e-seed', width: 320, height: 180, fps: 24, totalFrames: 48, framesPerRenderJob: 12 };

const renderEnv = (run: RunSettings, index: number, attempt = 1): Record<string, string> => ({
  ...runSettingsEnvironment(run),
  AWS_BATCH_JOB_ID: `render-${run.runId}:${index}`,
  AWS_BATCH_JOB_ARRAY_INDEX: String(index),
  AWS_BATCH_JOB_ARRAY_SIZE: String(Math.ceil(run.totalFrames / run.framesPerRenderJob)),
  AWS_BATCH_JOB_ATTEMPT: String(attempt),
});

describe('render ×4 and encode as separate processes', () => {
  let services: LocalServices;
  let store: RunStore;
  let dir: string;
  let bundles: Record<App, string>;
  const runJob = (app: App, env: Record<string, string>) => runBundle(bundles[app], env);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'framefarm-e2e-'));
    bundles = prepareBundles(dir);
    services = await startLocalServices();
    // No trace receiver here; the pipeline test through the local stack checks the spans.
    services.env.OTEL_TRACES_EXPORTER = 'none';
    store = RunStore.fromEnv(services.env);
  }, 300_000);
  afterAll(async () => {
    await services?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('produces a 48-frame yuv420p MP4 whose frames are exactly a single-process render', async () => {
    await store.recordPlan(settings, { startedAt: new Date(), planJobId: 'plan-e2e' });
    const renders = await Promise.all([0, 1, 2, 3].map((index) => runJob('render', { ...services.env, ...renderEnv(settings, index) })));
    for (const run of renders) expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: expect.any(String) });
    expect(renders.map((r) => r.events.map((e) => e.event))).toEqual(Array(4).fill(['chunk-started', 'chunk-progress', 'chunk-rendered']));
    expect(renders[2].events[0]).toMatchObject({ step: 'render', runId: 'e2e', jobId: 'render-e2e:2', arrayIndex: 2, attempt: 1, start: 24, end: 36 });

    const encode = await runJob('encode', { ...services.env, ...runSettingsEnvironment(settings), AWS_BATCH_JOB_ID: 'encode-e2e' });
    expect({ exitCode: encode.exitCode, stderr: encode.stderr }).toEqual({ exitCode: 0, stderr: expect.any(String) });
    expect(encode.events.map((e) => e.event)).toEqual(['encode-started', 'run-succeeded']);

    const video = join(dir, 'video.mp4');
    await store.objects.downloadFile('runs/e2e/video.mp4', video);
    expect(await probeVideo(video)).toMatchObject({ codec: 'h264', frames: 48, pixFmt: 'yuv420p', frameRate: '24/1', width: 320, height: 180 });
    expect(await store.objects.size('runs/e2e/poster.png')).toBeGreaterThan(1000);

    const manifests = await store.listChunkManifests('e2e');
    const renderer = createFrameRenderer(loadSketch('flow-field'), { width: 320, height: 180, fps: 24, totalFrames: 48, seed: 'e2e-seed' });
    const single = Array.from({ length: 48 }, (_, frame) => frameSha256(renderer.rgba(frame)));
    expect(manifests.flatMap((m) => m.frameSha256)).toEqual(single);

    const run = await store.records.getRun('e2e');
    expect(run).toMatchObject({ status: 'SUCCEEDED', encodeJobId: 'encode-e2e', posterKey: 'runs/e2e/poster.png', video: { key: 'runs/e2e/video.mp4', frames: 48 } });
    expect(Object.keys(run!.timings).sort()).toEqual(['encode', 'render']);
    const chunks = await store.records.listChunks('e2e');
    expect(chunks.map((c) => [c.index, c.status, c.framesDone, c.jobId])).toEqual([0, 1, 2, 3].map((i) => [i, 'SUCCEEDED', 12, `render-e2e:${i}`]));

    // A retried render job finds its chunk done and renders nothing.
    const before = await store.readChunkManifest('e2e', 2);
    const retry = await runJob('render', { ...services.env, ...renderEnv(settings, 2, 2) });
    expect(retry.exitCode).toBe(0);
    expect(retry.events.map((e) => e.event)).toEqual(['chunk-skipped']);
    expect(await store.readChunkManifest('e2e', 2)).toEqual(before);
    expect((await store.records.getRun('e2e'))?.status).toBe('SUCCEEDED');
  }, 120_000);

  it('fails the run naming the missing chunks, and finishes it once they are rendered', async () => {
    // A user's sketch from S3 that requires @napi-rs/canvas at run time, as the CLI uploads it.
    const source = await bundleSketch(join(ROOT, 'libs/sketch/test/fixtures/path-sketch.ts'));
    const sketch = await uploadSketchSource(store.objects, source);
    const partial: RunSettings = { ...settings, runId: 'e2e-partial', sketch, width: 64, height: 36, totalFrames: 30, framesPerRenderJob: 10 };
    await store.recordPlan(partial, { startedAt: new Date() });
    expect((await runJob('render', { ...services.env, ...renderEnv(partial, 1) })).exitCode).toBe(0);
    const renderer = createFrameRenderer(loadSketch({ source }), { width: 64, height: 36, fps: 24, totalFrames: 30, seed: settings.seed });
    expect((await store.readChunkManifest('e2e-partial', 1))?.frameSha256).toEqual(Array.from({ length: 10 }, (_, i) => frameSha256(renderer.rgba(10 + i))));
    const encode = await runJob('encode', { ...services.env, ...runSettingsEnvironment(partial) });
    expect(encode.exitCode).toBe(1);
    const failure = encode.events[encode.events.length - 1];
    expect(failure).toMatchObject({ event: 'job-failed', errorName: 'ChunkCoverageError', runId: 'e2e-partial' });
    expect(failure.error).toContain('missing chunk 0, 2 (frames 0–9, 20–29): re-run those render jobs');
    expect(await store.records.getRun('e2e-partial')).toMatchObject({ status: 'FAILED', error: expect.stringContaining('missing chunk 0, 2') });
    expect(await store.objects.size('runs/e2e-partial/video.mp4')).toBeUndefined();

    // Re-running the missing render jobs and then encode completes the run.
    for (const index of [0, 2]) expect((await runJob('render', { ...services.env, ...renderEnv(partial, index) })).exitCode).toBe(0);
    expect((await runJob('encode', { ...services.env, ...runSettingsEnvironment(partial) })).exitCode).toBe(0);
    const recovered = await store.records.getRun('e2e-partial');
    expect(recovered).toMatchObject({ status: 'SUCCEEDED', video: { frames: 30 } });
    expect(recovered).not.toHaveProperty('error');
  }, 60_000);

  it('ends a render job with bad input with exit code 2, one JSON line and nothing written', async () => {
    const bad = await runJob('render', { ...services.env, ...runSettingsEnvironment({ ...settings, runId: 'e2e-bad' }), WIDTH: '321' });
    expect(bad.exitCode).toBe(2);
    expect(bad.events).toEqual([expect.objectContaining({ event: 'job-failed', errorName: 'InvalidEnvironmentError', error: expect.stringContaining('WIDTH must be even') })]);
    expect(await store.objects.listKeys('runs/e2e-bad/')).toEqual([]);
    expect(await store.records.listChunks('e2e-bad')).toEqual([]);
  }, 60_000);
});
