/** Frames between progress updates of the chunk item, at the least. */
export const PROGRESS_EVERY_FRAMES = 10;
/**
 * Progress updates per chunk, at the most: each is a DynamoDB update, a log line and a span, so
 * a long chunk spaces them out (20 updates move the progress bar in steps of 5%).
 */
export const PROGRESS_UPDATES_PER_CHUNK = 20;

/** Frames between this chunk's progress updates. */
export const progressEvery = (frames: number): number => Math.max(PROGRESS_EVERY_FRAMES, Math.ceil(frames / PROGRESS_UPDATES_PER_CHUNK));
