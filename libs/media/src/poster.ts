import { resolveFfmpeg } from './binaries';
import { InvalidMediaInputError } from './errors';
import { runTool } from './run-tool';

/** Writes one frame of a video as an image (PNG or JPEG, by the output's extension). */
export async function extractPoster(video: string, output: string, frameIndex: number, fps: number): Promise<void> {
  if (!/\.(png|jpe?g)$/i.test(output)) throw new InvalidMediaInputError(`poster ${output} must end in .png, .jpg or .jpeg`);
  if (!Number.isInteger(frameIndex) || frameIndex < 0) throw new InvalidMediaInputError(`poster frame ${frameIndex} must be a whole number of at least 0`);
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
  await runTool(
    resolveFfmpeg(),
    ['-hide_banner', '-loglevel', 'error', '-y', ...seek, '-i', video, '-vf', convert, '-frames:v', '1', '-update', '1', output],
    `extracting poster frame ${frameIndex} of ${video}`,
  );
}

/** The frame a poster shows: the middle of the video. */
export const posterFrameIndex = (totalFrames: number): number => Math.floor(totalFrames / 2);
