import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolThreads } from '@framefarm/job-specs';
import { extractPoster, joinSegments, posterFrameIndex, verifyVideo } from '@framefarm/media';
import {
  ChecksumMismatchError,
  ChunkRecord,
  errorFields,
  JobLog,
  posterKey,
  RunRecord,
  RunStore,
  settingsHash,
  StageSpan,
  StageTiming,
  StoredVideo,
  untraced,
  videoKey,
} from '@framefarm/run-store';
import { checkCoverage } from './coverage';
import type { EncodeJobConfig } from './env';

const timing = (startedAt: Date, finishedAt: Date): StageTiming => ({
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  durationMs: finishedAt.getTime() - startedAt.getTime(),
});

/**
 * The values of `work` once every one has settled, or the first rejection: nothing is still
 * writing into the work directory when a failure removes it.
 */
async function allSettled<T extends readonly unknown[]>(work: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(work);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** From the first chunk's start to the last chunk's end, as the chunk items record them. */
function renderTiming(chunks: ChunkRecord[]): StageTiming | undefined {
  const starts = chunks.map((c) => c.startedAt).filter((t): t is string => typeof t === 'string' && !Number.isNaN(Date.parse(t))).sort();
  const ends = chunks.map((c) => c.finishedAt).filter((t): t is string => typeof t === 'string' && !Number.isNaN(Date.parse(t))).sort();
  if (starts.length === 0 || ends.length === 0) return undefined;
  return timing(new Date(starts[0]), new Date(ends[ends.length - 1]));
}

/** Segment downloads in flight at once. */
const DOWNLOADS_AT_ONCE = 8;

/** `fn` over every item, at most `limit` at a time; results in the items' order. */
async function mapPool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const at = next++;
      results[at] = await fn(items[at]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface EncodeOutcome {
  status: 'SUCCEEDED' | 'ALREADY_ENCODED';
  video: StoredVideo;
}

async function alreadyEncoded(store: RunStore, run: RunRecord | undefined, hash: string): Promise<StoredVideo | undefined> {
  if (run?.status !== 'SUCCEEDED' || run.settingsHash !== hash || !run.video) return undefined;
  return (await store.objects.size(run.video.key)) === run.video.bytes ? run.video : undefined;
}

export async function encodeRun(store: RunStore, config: EncodeJobConfig, log: JobLog, span: StageSpan = untraced): Promise<EncodeOutcome> {
  const { settings } = config;
  const { runId } = settings;
  const hash = settingsHash(settings);
  const startedAt = new Date();

  const run = await store.records.getRun(runId);
  const done = await alreadyEncoded(store, run, hash);
  if (done) {
    log('encode-skipped', { reason: 'the run already has its verified video', videoKey: done.key });
    return { status: 'ALREADY_ENCODED', video: done };
  }

  const workDir = await mkdtemp(join(tmpdir(), `framefarm-encode-${runId}-`));
  try {
    await store.records.updateRun(runId, { status: 'ENCODING', encodeJobId: config.jobId }, ['PLANNED', 'RENDERING', 'ENCODING', 'FAILED']);
    const chunks = await span('encode.check-chunks', { totalFrames: settings.totalFrames }, async () =>
      checkCoverage(await store.listChunkManifests(runId), settings, hash),
    );
    log('encode-started', { chunks: chunks.length, frames: settings.totalFrames });

    const segments = await span('encode.download', { chunks: chunks.length }, () =>
      mapPool(chunks, DOWNLOADS_AT_ONCE, async (chunk) => {
        const path = join(workDir, `${String(chunk.index).padStart(5, '0')}.ts`);
        const downloaded = await store.objects.downloadFile(chunk.segment.key, path);
        if (downloaded.sha256 !== chunk.segment.sha256 || downloaded.bytes !== chunk.segment.bytes) {
          throw new ChecksumMismatchError(`segment ${chunk.segment.key} is not the one chunk ${chunk.index} recorded; re-run render job ${chunk.index}`);
        }
        return path;
      }),
    );

    const videoPath = join(workDir, 'video.mp4');
    const joined = span('encode.join', { segments: segments.length }, () => joinSegments(segments, videoPath));
    const posterPath = join(workDir, 'poster.png');
    const posterFrame = posterFrameIndex(settings.totalFrames, chunks.map((chunk) => chunk.start));
    const cutPoster = (video: string, frame: number) => span('encode.poster', { frame: posterFrame }, () => extractPoster(video, posterPath, frame, settings.fps, { threads: toolThreads('encode') }));
    // At a chunk's first frame the poster is that segment's first frame: nothing before it is
    // decoded, and it is cut while the segments are joined and the video checked. Otherwise it
    // is cut from the video while its packets are checked. Both only read what is written.
    const posterChunk = chunks.findIndex((chunk) => chunk.start === posterFrame);
    const [probe] = await allSettled([
      joined.then(() =>
        span('encode.verify', { frames: settings.totalFrames }, () =>
          verifyVideo(videoPath, { frames: settings.totalFrames, fps: settings.fps, width: settings.width, height: settings.height }),
        ),
      ),
      posterChunk >= 0 ? cutPoster(segments[posterChunk], 0) : joined.then(() => cutPoster(videoPath, posterFrame)),
    ]);

    const storedVideo = await span('encode.upload', {}, async () => {
      const [uploaded] = await Promise.all([
        store.objects.uploadFile(videoKey(runId), videoPath, 'video/mp4'),
        store.objects.uploadFile(posterKey(runId), posterPath, 'image/png'),
      ]);
      return uploaded;
    });
    const video: StoredVideo = { ...storedVideo, frames: probe.frames, durationSeconds: probe.durationSeconds };

    const finishedAt = new Date();
    const renderStage = renderTiming(await store.records.listChunks(runId));
    await store.records.updateRun(runId, {
      status: 'SUCCEEDED',
      video,
      posterKey: posterKey(runId),
      timings: { ...(run?.timings ?? {}), ...(renderStage ? { render: renderStage } : {}), encode: timing(startedAt, finishedAt) },
    }, undefined, ['error']);
    log('run-succeeded', { videoKey: video.key, bytes: video.bytes, frames: probe.frames, pixFmt: probe.pixFmt, frameRate: probe.frameRate, encodeMs: finishedAt.getTime() - startedAt.getTime() });
    return { status: 'SUCCEEDED', video };
  } catch (error) {
    const { error: message } = errorFields(error);
    await store.records.updateRun(runId, { status: 'FAILED', error: message, timings: { ...(run?.timings ?? {}), encode: timing(startedAt, new Date()) } }).catch(() => undefined);
    throw error;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
