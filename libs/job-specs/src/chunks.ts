import { MAX_ARRAY_SIZE } from './batch-limits';
import { jobSpec } from './specs';

/** One render job's slice of the frames: [start, end) — `end` is exclusive. */
export interface ChunkRange {
  index: number;
  start: number;
  end: number;
}

export class InvalidPlanError extends Error {
  override readonly name = 'InvalidPlanError';
}

/**
 * Splits `totalFrames` into chunks of `framesPerJob` (the last one may be shorter).
 * Chunk i covers frames [i·F, min(T, (i+1)·F)), the contract every render job relies on.
 */
export function chunkCount(totalFrames: number, framesPerJob: number): number {
  if (!Number.isInteger(totalFrames) || totalFrames < 1) {
    throw new InvalidPlanError(`TOTAL_FRAMES must be a whole number of at least 1, got ${totalFrames}`);
  }
  if (!Number.isInteger(framesPerJob) || framesPerJob < 1) {
    throw new InvalidPlanError(`FRAMES_PER_RENDER_JOB must be a whole number of at least 1, got ${framesPerJob}`);
  }
  const count = Math.ceil(totalFrames / framesPerJob);
  if (count > MAX_ARRAY_SIZE) {
    throw new InvalidPlanError(
      `${totalFrames} frames at ${framesPerJob} per job need ${count} render jobs; AWS Batch arrays hold at most ${MAX_ARRAY_SIZE}. Raise FRAMES_PER_RENDER_JOB.`,
    );
  }
  return count;
}

export function chunkRange(index: number, totalFrames: number, framesPerJob: number): ChunkRange {
  const count = chunkCount(totalFrames, framesPerJob);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new InvalidPlanError(`chunk index ${index} is outside 0…${count - 1}`);
  }
  return { index, start: index * framesPerJob, end: Math.min(totalFrames, (index + 1) * framesPerJob) };
}

export function planChunks(totalFrames: number, framesPerJob: number): ChunkRange[] {
  const count = chunkCount(totalFrames, framesPerJob);
  return Array.from({ length: count }, (_, index) => chunkRange(index, totalFrames, framesPerJob));
}

/**
 * The fewest frames worth a render job of their own: below this, starting one more job (a
 * process, the SDK, the canvas, an ffmpeg) costs more than it saves. See docs/benchmarks.md.
 */
export const MIN_FRAMES_PER_JOB = 30;

/** Render jobs that fit on `vcpus` at once, each taking the render job spec's vCPUs. */
export function renderJobSlots(vcpus: number, renderJobVcpus = jobSpec('render').vcpus): number {
  return Math.max(1, Math.floor(vcpus / renderJobVcpus));
}

/**
 * The default split: one wave of render jobs over the vCPUs there are (never a second wave
 * that waits for the first), and no job with fewer than MIN_FRAMES_PER_JOB frames unless the
 * run itself is that short. Returns FRAMES_PER_RENDER_JOB.
 */
export function defaultFramesPerJob(totalFrames: number, vcpus: number): number {
  if (!Number.isInteger(totalFrames) || totalFrames < 1) {
    throw new InvalidPlanError(`TOTAL_FRAMES must be a whole number of at least 1, got ${totalFrames}`);
  }
  const chunks = Math.max(1, Math.min(renderJobSlots(vcpus), Math.ceil(totalFrames / MIN_FRAMES_PER_JOB), MAX_ARRAY_SIZE));
  return Math.ceil(totalFrames / chunks);
}
