import { GetObjectCommand } from '@aws-sdk/client-s3';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkPreviewKey, JobLog, RunSettings, RunStore, uploadSketchSource } from '@framefarm/run-store';
import { resolveFfmpeg } from '@framefarm/media';
import { bundleSketch, createFrameRenderer, frameChecksum, loadSketch } from '@framefarm/sketch';
import { LocalServices, startLocalServices } from '@framefarm/run-store/testing';
import { renderChunk } from '../src/render-chunk';
import { frameSettingsOf } from '../src/run-sketch';
import { buildRenderBundle } from './render-bundle';

const events: Array<{ event: string; fields?: Record<string, unknown> }> = [];
const log: JobLog = (event, fields) => events.push({ event, fields });

// Bounds a hang, not a duration: this bundles or starts programs, which a loaded CI machine once took past jest's default 5 s for.
jest.setTimeout(60_000);

describe('rendering a chunk', () => {
  let services: LocalServices;
  let store: RunStore;
  let options: { sketchThreadScript: string };
  let removeBundle = (): void => undefined;
  beforeAll(async () => {
    services = await startLocalServices();
    store = RunStore.fromEnv(services.env);
    const bundle = await buildRenderBundle();
    options = { sketchThreadScript: bundle.script };
    removeBundle = bundle.remove;
  });
  afterAll(async () => {
    removeBundle();
    await services.stop();
  });

  it('renders, uploads and records a chunk of a user sketch, then skips it on a retry', async () => {
    const source = await bundleSketch(join(__dirname, '../../../libs/sketch/test/fixtures/user-sketch.ts'));
    const sketch = await uploadSketchSource(store.objects, source);
    const settings: RunSettings = { runId: 'chunky', sketch, seed: 's', width: 64, height: 36, fps: 12, totalFrames: 25, framesPerRenderJob: 12 };
    await store.recordPlan(settings, { startedAt: new Date() });
    const chunk = { index: 1, start: 12, end: 24 };

    const first = await renderChunk(store, { settings, chunk, jobId: 'job:1', attempt: 1 }, log, options);
    expect(first.status).toBe('SUCCEEDED');
    const renderer = createFrameRenderer(loadSketch({ source }), frameSettingsOf(settings));
    const expected = Array.from({ length: 12 }, (_, i) => frameChecksum(renderer.rgba(12 + i)));
    expect(first.manifest.frameChecksums).toEqual(expected);
    expect(await store.readChunkManifest('chunky', 1)).toEqual(first.manifest);
    expect(await store.objects.size('runs/chunky/chunks/00001.ts')).toBe(first.manifest.segment.bytes);
    expect(await store.records.getChunk('chunky', 1)).toMatchObject({ status: 'SUCCEEDED', framesDone: 12, attempt: 1, jobId: 'job:1', start: 12, end: 24 });
    expect((await store.records.getRun('chunky'))?.status).toBe('RENDERING');
    expect(events.filter((e) => e.event === 'chunk-progress').map((e) => e.fields?.framesDone)).toEqual([10]);
    // The first frame's preview, at least, is there for the dashboard: a small JPEG beside the chunk.
    const preview = await store.objects.s3.send(new GetObjectCommand({ Bucket: store.objects.bucket, Key: chunkPreviewKey('chunky', 1) }));
    expect(preview.ContentType).toBe('image/jpeg');
    expect(Buffer.from(await preview.Body!.transformToByteArray()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    const retry = await renderChunk(store, { settings, chunk, jobId: 'job:1', attempt: 2 }, log, options);
    expect(retry.status).toBe('SKIPPED');
    expect(retry.manifest).toEqual(first.manifest);
    expect(await store.records.getChunk('chunky', 1)).toMatchObject({ status: 'SKIPPED', attempt: 2 });

    // Other settings under the same run id do not count as done.
    const reseeded = await renderChunk(store, { settings: { ...settings, seed: 'other' }, chunk, jobId: 'job:1', attempt: 3 }, log, options);
    expect(reseeded.status).toBe('SUCCEEDED');
    expect(reseeded.manifest.frameChecksums).not.toEqual(expected);
  });

  it('records a chunk FAILED with the ffmpeg failure and writes no manifest when encoding fails', async () => {
    const settings: RunSettings = { runId: 'broken-ffmpeg', sketch: 'truchet', seed: 's', width: 64, height: 36, fps: 12, totalFrames: 4, framesPerRenderJob: 4 };
    const previous = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = '/bin/false';
    try {
      await expect(renderChunk(store, { settings, chunk: { index: 0, start: 0, end: 4 }, jobId: 'j', attempt: 1 }, log, options)).rejects.toMatchObject({ name: 'FfmpegError' });
    } finally {
      if (previous === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = previous;
    }
    expect(await store.records.getChunk('broken-ffmpeg', 0)).toMatchObject({ status: 'FAILED', error: expect.stringContaining('exit 1') });
    // No segment and no manifest: nothing that could pass for a rendered chunk. The preview of the
    // last frame drawn stays, so the dashboard shows what the chunk looked like when it failed.
    expect(await store.objects.listKeys('runs/broken-ffmpeg/')).toEqual([chunkPreviewKey('broken-ffmpeg', 0)]);
  });

  it('fails the chunk and writes no manifest when the segment lacks a frame that was written', async () => {
    // A real ffmpeg behind a wrapper that drops frame 2 on its way to x264.
    const dir = mkdtempSync(join(tmpdir(), 'dropping-ffmpeg-'));
    const wrapper = join(dir, 'ffmpeg');
    writeFileSync(
      wrapper,
      `#!${process.execPath}\n` +
        `const args = process.argv.slice(2).flatMap((a) => a === '-c:v' ? ['-vf', 'select=not(eq(n\\\\,2))', a] : [a]);\n` +
        `const r = require('node:child_process').spawnSync(${JSON.stringify(resolveFfmpeg())}, args, { stdio: 'inherit' });\n` +
        'process.exit(r.status ?? 1);\n',
    );
    chmodSync(wrapper, 0o755);
    const settings: RunSettings = { runId: 'dropped-frame', sketch: 'truchet', seed: 's', width: 64, height: 36, fps: 12, totalFrames: 6, framesPerRenderJob: 6 };
    const previous = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = wrapper;
    try {
      await expect(renderChunk(store, { settings, chunk: { index: 0, start: 0, end: 6 }, jobId: 'j', attempt: 1 }, log, options)).rejects.toThrow(/5 frames instead of 6; frame 5 missing|frame 2 missing/);
    } finally {
      if (previous === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = previous;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await store.records.getChunk('dropped-frame', 0)).toMatchObject({ status: 'FAILED', error: expect.stringContaining('5 frames instead of 6') });
    expect((await store.objects.listKeys('runs/dropped-frame/')).filter((key) => key.endsWith('.json'))).toEqual([]);
  });

  it('rejects an unknown sketch before writing anything', async () => {
    const settings: RunSettings = { runId: 'nope', sketch: 'no-such-sketch', seed: 's', width: 64, height: 36, fps: 12, totalFrames: 4, framesPerRenderJob: 4 };
    await expect(renderChunk(store, { settings, chunk: { index: 0, start: 0, end: 4 }, jobId: 'j', attempt: 1 }, log, options)).rejects.toThrow(/unknown sketch "no-such-sketch"/);
    expect(await store.records.getChunk('nope', 0)).toBeUndefined();
    expect(await store.objects.listKeys('runs/nope/')).toEqual([]);
  });
});
