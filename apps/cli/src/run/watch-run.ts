import type { JobDetail } from '@aws-sdk/client-batch';
import { describeJobs } from '@framefarm/batch-client';
import type { ChunkRecord } from '@framefarm/run-store';
import { outcomeOf, readRunState, RunOutcome, RunProgress, RunSources, RunState } from '@framefarm/runs';
import { setTimeout as realSleep } from 'node:timers/promises';

export interface WatchOptions {
  /** Milliseconds until the next poll, fixed or chosen from the state just read. */
  pollMs: number | ((state: RunState) => number);
  /** Milliseconds between the polls of the encode job alone, once it is all the run waits on. */
  encodePollMs?: number;
  onState?: (state: RunState) => void;
  signal?: AbortSignal;
  /** Tests pass their own clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
}

/** Once only the encode job is left: a poll is one DescribeJobs of that job, where a full poll makes three requests. */
export const ENCODE_POLL_MS = 100;

type Sources = Pick<RunSources, 'batch' | 'store'>;

/**
 * Polls until the run succeeds or fails. A poll reads the whole run (its record, its chunks, its
 * jobs); once every chunk is rendered the encode job alone is watched, cheaply and often, since
 * its end is the run's end, and the run is read in full again when its status moves on.
 */
export async function watchRun(
  sources: Sources,
  runId: string,
  planJobId: string,
  options: WatchOptions,
): Promise<{ outcome: Exclude<RunOutcome, 'running'>; state: RunState }> {
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => realSleep(ms, undefined, { signal }));
  for (;;) {
    const state = await readRunState(sources, runId, { planJobId });
    options.onState?.(state);
    const outcome = outcomeOf(state);
    if (outcome !== 'running') return { outcome, state };
    if (state.render?.status === 'SUCCEEDED' && state.encode?.jobId) {
      await encodeMovesOn(sources, state.encode, options.encodePollMs ?? ENCODE_POLL_MS, (ms) => sleep(ms, options.signal));
    } else {
      await sleep(typeof options.pollMs === 'number' ? options.pollMs : options.pollMs(state), options.signal);
    }
  }
}

/** Where the encode job is, as far as the run's progress goes: waiting to start, encoding, or over. */
function encodeStage(status: JobDetail['status'] | undefined): 'waiting' | 'encoding' | 'over' {
  if (status === 'SUCCEEDED' || status === 'FAILED') return 'over';
  return status === 'STARTING' || status === 'RUNNING' ? 'encoding' : 'waiting';
}

/** Polls DescribeJobs of the encode job alone until it starts or ends (or Batch no longer knows it). */
async function encodeMovesOn(sources: Sources, encode: JobDetail, intervalMs: number, sleep: (ms: number) => Promise<unknown>): Promise<void> {
  const jobId = encode.jobId as string;
  const stage = encodeStage(encode.status);
  for (;;) {
    await sleep(intervalMs);
    const now = (await describeJobs(sources.batch, [jobId])).get(jobId);
    if (!now || encodeStage(now.status) !== stage) return;
  }
}

/** Full polls while render jobs draw: once a second, or at the end the chunks' rates foresee if that is sooner. */
export const RENDER_POLL_MS = { most: 1000, least: 200 };
/** Around the plan starting and ending, when nothing can be foreseen. */
export const STAGE_POLL_MS = 400;

/**
 * The CLI's full poll interval (a full poll is three requests to the stack and costs the CLI about
 * 12 ms of CPU locally: tools/bench/poll-cost.ts). While frames are drawn a poll only moves the
 * progress bar, so once a second; but when the chunks' own rates say the last frame is less than a
 * second away, the poll comes then, so that the encode job is watched from its start
 * (`renderEndsInMs`). Once every chunk has said it is done, the render array is about to succeed.
 */
export function pollInterval(progress: Pick<RunProgress, 'stage' | 'chunksDone' | 'chunks'>, renderEndsIn?: number): number {
  if (progress.stage !== 'rendering') return STAGE_POLL_MS;
  if (progress.chunksDone >= progress.chunks) return RENDER_POLL_MS.least;
  if (renderEndsIn === undefined) return RENDER_POLL_MS.most;
  return Math.min(RENDER_POLL_MS.most, Math.max(RENDER_POLL_MS.least, Math.round(renderEndsIn)));
}

/**
 * Milliseconds until the last chunk has drawn its last frame, extrapolated from each unfinished
 * chunk's own rate (frames done between its start and its last update); undefined while a chunk
 * has no record yet or has not reported a frame. Negative when that moment has passed.
 */
export function renderEndsInMs(chunks: readonly ChunkRecord[], chunkCount: number, nowMs: number): number | undefined {
  if (chunks.length < chunkCount) return undefined;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const chunk of chunks) {
    if (chunk.status === 'SUCCEEDED' || chunk.status === 'SKIPPED') continue;
    const started = Date.parse(chunk.startedAt);
    const updated = Date.parse(chunk.updatedAt);
    if (chunk.status !== 'RENDERING' || !(chunk.framesDone > 0) || !(updated > started)) return undefined;
    const msPerFrame = (updated - started) / chunk.framesDone;
    lastEnd = Math.max(lastEnd, updated + msPerFrame * (chunk.end - chunk.start - chunk.framesDone));
  }
  return Number.isFinite(lastEnd) ? lastEnd - nowMs : undefined;
}
