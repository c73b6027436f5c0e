import { InvalidMediaInputError } from './errors';

/** Threads asked of ffmpeg: none (ffmpeg's own choice), or a whole number of at least 1. */
export function assertThreads(threads: number | undefined): void {
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new InvalidMediaInputError(`threads ${threads} must be a whole number of at least 1`);
}
