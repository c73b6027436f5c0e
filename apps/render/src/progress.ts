/** Frames between progress updates of the chunk item, at the least. */
export const PROGRESS_EVERY_FRAMES = 10;
/**
 * Progress updates per chunk, at the most: each is a DynamoDB update, a log line and a span, so
 * a long chunk spaces them out (20 updates move the progress bar in steps of 5%).
 */
export const PROGRESS_UPDATES_PER_CHUNK = 20;
/**
 * Time between two progress updates of a chunk, at the least: a fast sketch reaches 10 frames in a
 * fraction of a second, and nothing that reads progress (the CLI polls every 0.2–1 s) needs it
 * more often than twice a second. Each update saved is a DynamoDB write saved on AWS.
 */
export const PROGRESS_MIN_INTERVAL_MS = 500;

/** Frames between this chunk's progress updates. */
export const progressEvery = (frames: number): number => Math.max(PROGRESS_EVERY_FRAMES, Math.ceil(frames / PROGRESS_UPDATES_PER_CHUNK));

/**
 * Whether the chunk's progress is written after `rendered` of its `frames` frames: every
 * progressEvery(frames) frames before the last, the first time always, later ones only
 * PROGRESS_MIN_INTERVAL_MS after the one before. `now` is in milliseconds.
 */
export function progressSchedule(frames: number, now: () => number): (rendered: number) => boolean {
  const every = progressEvery(frames);
  let last: number | undefined;
  return (rendered) => {
    if (rendered % every !== 0 || rendered >= frames) return false;
    const at = now();
    if (last !== undefined && at - last < PROGRESS_MIN_INTERVAL_MS) return false;
    last = at;
    return true;
  };
}
