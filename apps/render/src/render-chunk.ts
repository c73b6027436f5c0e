import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { toolThreads } from '@framefarm/job-specs';
import { startSegmentEncoder, verifySegment } from '@framefarm/media';
import { ChunkManifest, errorFields, frameTimeoutSecondsOf, JobLog, RunStore, settingsHash, StageSpan, StoppedBySignalError, untraced } from '@framefarm/run-store';
import { frameChecksum, frameToI420, SketchRuntimeError } from '@framefarm/sketch';
import type { RenderJobConfig } from './env';
import { PreviewPublisher } from './preview-publisher';
import { progressSchedule } from './progress';
import { frameSettingsOf, runSketchRef } from './run-sketch';
import { SketchThread, SketchThreadCode } from './sketch-thread';

export type RenderOutcome = { status: 'SKIPPED'; manifest: ChunkManifest } | { status: 'SUCCEEDED'; manifest: ChunkManifest };

/**
 * A chunk counts as done when its manifest (written last) has this run's settings hash and the
 * segment it names is in the bucket with the recorded size.
 */
async function finishedManifest(store: RunStore, config: RenderJobConfig, hash: string): Promise<ChunkManifest | undefined> {
  const { runId } = config.settings;
  const existing = await store.readChunkManifest(runId, config.chunk.index);
  if (!existing || existing.settingsHash !== hash || existing.start !== config.chunk.start || existing.end !== config.chunk.end) return undefined;
  return (await store.objects.size(existing.segment.key)) === existing.segment.bytes ? existing : undefined;
}

export interface RenderChunkOptions {
  /** What the sketch's worker thread runs: its own code, or the render bundle (main.ts). */
  sketchThreadScript: string | SketchThreadCode;
  sketchThreadArgv?: string[];
  span?: StageSpan;
}

/** How long the chunk's record may take to say FAILED once a SIGTERM stopped it: Batch kills 30 s after the signal. */
const STOPPED_RECORD_MS = 2000;

const settleWithin = (work: Promise<unknown>, ms: number): Promise<unknown> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
};

export async function renderChunk(store: RunStore, config: RenderJobConfig, log: JobLog, options: RenderChunkOptions): Promise<RenderOutcome> {
  const span = options.span ?? untraced;
  const { settings, chunk, jobId, attempt } = config;
  const { runId } = settings;
  const hash = settingsHash(settings);
  const frames = chunk.end - chunk.start;

  const done = await finishedManifest(store, config, hash);
  if (done) {
    log('chunk-skipped', { reason: 'already rendered with the same settings', start: chunk.start, end: chunk.end, segmentKey: done.segment.key });
    await store.records.updateChunk(runId, chunk.index, { status: 'SKIPPED', framesDone: frames, attempt, jobId, start: chunk.start, end: chunk.end });
    return { status: 'SKIPPED', manifest: done };
  }

  // SIGTERM (TerminateJob, a Batch timeout) stops the sketch thread and ffmpeg at once, whatever
  // the sketch is doing; the chunk then fails without a manifest, and the job ends with 143.
  const stop = new AbortController();
  const onTerminate = (signal: NodeJS.Signals): void => stop.abort(new StoppedBySignalError(signal));
  process.on('SIGTERM', onTerminate);
  // The sketch thread makes each preview JPEG from the canvas it drew the frame on.
  const previews = new PreviewPublisher(
    async (jpeg) => store.writeChunkPreview(runId, chunk.index, jpeg),
    (error, failures) => {
      if (failures === 1) log('preview-failed', { ...errorFields(error), note: 'previews are skipped; the chunk goes on' });
    },
  );
  try {
    // Everything that can reject the input (the sketch's loading and setup among it) happens before the first write.
    const thread = await span('render.load-sketch', { sketch: settings.sketch }, async () =>
      SketchThread.start({
        script: options.sketchThreadScript,
        argv: options.sketchThreadArgv,
        sketch: await runSketchRef(store.objects, settings.sketch),
        settings: frameSettingsOf(settings),
        start: chunk.start,
        end: chunk.end,
        frameTimeoutSeconds: frameTimeoutSecondsOf(settings),
        signal: stop.signal,
        previews: { due: () => previews.due(), made: (jpeg) => previews.offer(jpeg) },
      }),
    );
    try {
      return await renderFrames(store, config, log, span, { thread, previews }, stop.signal, hash);
    } finally {
      await thread.stop();
    }
  } catch (error) {
    if (error instanceof SketchRuntimeError) log('sketch-failed', { phase: error.phase, location: error.location, stack: error.sketchStack });
    throw error;
  } finally {
    process.off('SIGTERM', onTerminate);
  }
}

async function renderFrames(
  store: RunStore,
  config: RenderJobConfig,
  log: JobLog,
  span: StageSpan,
  { thread, previews }: { thread: SketchThread; previews: PreviewPublisher },
  stopped: AbortSignal,
  hash: string,
): Promise<RenderOutcome> {
  const { settings, chunk, jobId, attempt } = config;
  const { runId } = settings;
  const frames = chunk.end - chunk.start;

  const startedAt = new Date().toISOString();
  await store.records.updateRun(runId, { status: 'RENDERING' }, ['PLANNED']);
  await store.records.putChunk({ runId, index: chunk.index, start: chunk.start, end: chunk.end, status: 'RENDERING', framesDone: 0, attempt, jobId, startedAt, updatedAt: startedAt });
  log('chunk-started', { start: chunk.start, end: chunk.end, frames, sketch: settings.sketch });

  const workDir = await mkdtemp(join(tmpdir(), `framefarm-render-${runId}-`));
  const encoder = startSegmentEncoder({
    width: settings.width, height: settings.height, fps: settings.fps, startFrame: chunk.start, output: join(workDir, 'segment.ts'), threads: toolThreads('render'), input: 'yuv420p',
  });
  const abortEncoder = (): void => encoder.abort();
  stopped.addEventListener('abort', abortEncoder, { once: true });
  try {
    const renderStart = performance.now();
    const checksums: string[] = [];
    const progressDue = progressSchedule(frames, () => performance.now());
    const segment = await span('render.frames', { start: chunk.start, end: chunk.end, frames }, async () => {
      for (let index = chunk.start; index < chunk.end; index++) {
        const pixels = await thread.next();
        checksums.push(frameChecksum(pixels));
        // Once in ffmpeg's pipe, the frame's buffer (its I420 planes too) goes back to the sketch thread for a later frame.
        await encoder.write(frameToI420(pixels, settings), () => thread.release(pixels));
        const rendered = index - chunk.start + 1;
        if (progressDue(rendered)) {
          await store.records.updateChunk(runId, chunk.index, { framesDone: rendered });
          log('chunk-progress', { framesDone: rendered, frames });
        }
      }
      const written = await encoder.finish();
      // Every frame written is in the segment once, in order: read from its packets, no decoding.
      await verifySegment(written.path, { frames, fps: settings.fps });
      return written;
    });
    const renderMs = Math.round(performance.now() - renderStart);
    await previews.settle();

    stopped.throwIfAborted();
    const uploadStart = performance.now();
    const manifest = await span('render.upload', { bytes: segment.bytes }, async () => {
      const stored = await store.uploadChunkSegment(runId, chunk.index, segment.path);
      stopped.throwIfAborted();
      const written: ChunkManifest = {
        version: 3,
        runId,
        index: chunk.index,
        start: chunk.start,
        end: chunk.end,
        settingsHash: hash,
        frameChecksums: checksums,
        segment: stored,
        renderedAt: new Date().toISOString(),
        jobId,
        attempt,
      };
      // The manifest goes last: its presence means the segment is complete.
      await store.writeChunkManifest(written);
      return written;
    });
    const uploadMs = Math.round(performance.now() - uploadStart);

    const finishedAt = new Date().toISOString();
    await store.records.updateChunk(runId, chunk.index, { status: 'SUCCEEDED', framesDone: frames, finishedAt, renderMs, uploadMs, segmentBytes: manifest.segment.bytes });
    log('chunk-rendered', { frames, renderMs, uploadMs, segmentBytes: manifest.segment.bytes, segmentKey: manifest.segment.key });
    return { status: 'SUCCEEDED', manifest };
  } catch (caught) {
    encoder.abort();
    // Stopped: what failed meanwhile (ffmpeg killed, the thread ended) is only its consequence.
    const error: unknown = stopped.aborted ? stopped.reason : caught;
    const failed = (async () => {
      await previews.settle();
      await store.records.updateChunk(runId, chunk.index, { status: 'FAILED', error: errorFields(error).error }).catch(() => undefined);
    })();
    await (stopped.aborted ? settleWithin(failed, STOPPED_RECORD_MS) : failed);
    throw error;
  } finally {
    stopped.removeEventListener('abort', abortEncoder);
    await rm(workDir, { recursive: true, force: true });
  }
}
