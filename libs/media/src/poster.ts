import { resolveFfmpeg } from './binaries';
import { InvalidMediaInputError } from './errors';
import { runTool } from './run-tool';
import { assertThreads } from './threads';

export interface PosterOptions {
  /**
   * Decoder threads: the job's vCPUs. Unset, ffmpeg starts frame threads for every core of the
   * host, which for the one frame at a chunk's start cost a fifth more CPU (and on a shared host
   * take cores that other jobs hold).
   */
  threads?: number;
}

/** ffmpeg's arguments for a poster; checks them as extractPoster does. */
export function posterArgs(video: string, output: string, frameIndex: number, fps: number, options: PosterOptions = {}): string[] {
  if (!/\.(png|jpe?g)$/i.test(output)) throw new InvalidMediaInputError(`poster ${output} must end in .png, .jpg or .jpeg`);
  if (!Number.isInteger(frameIndex) || frameIndex < 0) throw new InvalidMediaInputError(`poster frame ${frameIndex} must be a whole number of at least 0`);
  const { threads } = options;
  assertThreads(threads);
  // Seek to half a frame before it: ffmpeg decodes from the keyframe before that point and drops
  // what comes earlier, so the first frame out is this one, and no rounding can shift it by one.
  // The video is BT.709 limited range; images want full range RGB (PNG) or BT.601 full range
  // (JPEG). Dropping the BT.709 tags keeps ffmpeg from writing PNG gAMA/cHRM chunks that make
  // viewers shift the colours of what is plain sRGB.
  const untag = 'setparams=color_primaries=unknown:color_trc=unknown';
  const convert = /\.png$/i.test(output)
    ? `scale=in_color_matrix=bt709:in_range=tv,${untag},format=rgb24`
    : `scale=in_color_matrix=bt709:in_range=tv:out_color_matrix=bt601:out_range=pc,${untag},format=yuvj420p`;
  const seek = frameIndex > 0 ? ['-ss', ((frameIndex - 0.5) / fps).toFixed(6)] : [];
  // Options before -i are the input's: -threads there is the decoder's.
  const decoder = threads === undefined ? [] : ['-threads', String(threads)];
  return ['-hide_banner', '-loglevel', 'error', '-y', ...decoder, ...seek, '-i', video, '-vf', convert, '-frames:v', '1', '-update', '1', output];
}

/** Writes one frame of a video as an image (PNG or JPEG, by the output's extension). */
export async function extractPoster(video: string, output: string, frameIndex: number, fps: number, options: PosterOptions = {}): Promise<void> {
  await runTool(resolveFfmpeg(), posterArgs(video, output, frameIndex, fps, options), `extracting poster frame ${frameIndex} of ${video}`);
}

/**
 * The frame a poster shows: near the middle of the video, at the first frame of a chunk where
 * one starts there. A chunk's segment starts with its first frame, so a poster cut from the
 * segment decodes that one frame; one cut in the middle of a 240-frame segment decodes from the
 * keyframe before it, 120 frames and 0.6 s of CPU at 1280×720 (and seeking the joined MP4 to a
 * keyframe does not help: ffmpeg seeks B-frame video 3/23 s early, to the keyframe before).
 * `chunkStarts` are the chunks' first frames; the one nearest the middle is taken if it lies in
 * the middle half of the video, otherwise (one chunk, or none near the middle) the middle frame.
 */
export function posterFrameIndex(totalFrames: number, chunkStarts: readonly number[] = []): number {
  const middle = Math.floor(totalFrames / 2);
  const nearMiddle = chunkStarts.filter((frame) => frame >= totalFrames / 4 && frame <= (3 * totalFrames) / 4);
  return nearMiddle.reduce((best, frame) => (Math.abs(frame - middle) < Math.abs(best - middle) ? frame : best), nearMiddle[0] ?? middle);
}
