import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { resolveFfmpeg } from './binaries';
import { InvalidMediaInputError } from './errors';
import { startTool } from './run-tool';
import { assertVideoFormat, PIXEL_FORMAT, rgbaFrameBytes, VideoFormat } from './video-format';

export interface SegmentOptions extends VideoFormat {
  /** Index of the segment's first frame in the whole video: its timestamps start at startFrame / fps. */
  startFrame: number;
  /** Path of the MPEG-TS file to write. */
  output: string;
  /** x264 quality, lower is better (default 18). */
  crf?: number;
  preset?: string;
}

export interface EncodedSegment {
  path: string;
  frames: number;
  bytes: number;
}

/** Pipes raw RGBA frames into ffmpeg; write() waits whenever ffmpeg's stdin is full. */
export interface SegmentEncoder {
  write(frame: Buffer): Promise<void>;
  finish(): Promise<EncodedSegment>;
  /** Stops ffmpeg after a failure elsewhere; the output must not be used. */
  abort(): void;
}

export function segmentArgs(options: SegmentOptions): string[] {
  const { width, height, fps, startFrame, output } = options;
  return [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps), '-i', 'pipe:0',
    '-vf', 'scale=out_color_matrix=bt709:out_range=tv',
    '-c:v', 'libx264', '-preset', options.preset ?? 'veryfast', '-crf', String(options.crf ?? 18),
    '-pix_fmt', PIXEL_FORMAT, '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709',
    // Each segment opens with an IDR frame and no GOP reaches back into an earlier segment.
    '-flags', '+cgop', '-forced-idr', '1', '-force_key_frames', 'expr:eq(n,0)',
    // Timestamps continue where the previous chunk ends, so the segments join without drift. The
    // muxer must not shift the first chunk's B-frame lead-in to non-negative: no other chunk gets it.
    '-output_ts_offset', String(startFrame / fps), '-avoid_negative_ts', 'disabled',
    '-f', 'mpegts', output,
  ];
}

export function startSegmentEncoder(options: SegmentOptions): SegmentEncoder {
  assertVideoFormat(options);
  if (!Number.isInteger(options.startFrame) || options.startFrame < 0) {
    throw new InvalidMediaInputError(`startFrame ${options.startFrame} must be a whole number of at least 0`);
  }
  const frameBytes = rgbaFrameBytes(options);
  const tool = startTool(resolveFfmpeg(), segmentArgs(options), `encoding segment ${options.output}`);
  const { stdin } = tool.child;
  let frames = 0;
  let failure: unknown;
  tool.exited.catch((error) => (failure = error));

  return {
    async write(frame) {
      if (frame.length !== frameBytes) {
        throw new InvalidMediaInputError(`frame ${frames} has ${frame.length} bytes; ${options.width}x${options.height} RGBA needs ${frameBytes}`);
      }
      if (failure) throw failure;
      frames++;
      if (!stdin.write(frame)) {
        // A broken pipe (ffmpeg gone) rejects the wait for 'drain'; ffmpeg's exit says why.
        await Promise.race([once(stdin, 'drain').catch(() => tool.exited), tool.exited]);
        if (failure) throw failure;
      }
    },
    async finish() {
      if (frames === 0) throw new InvalidMediaInputError(`segment ${options.output} has no frames`);
      stdin.end();
      await tool.exited;
      const { size } = await stat(options.output);
      return { path: options.output, frames, bytes: size };
    },
    abort() {
      stdin.destroy();
      tool.child.kill('SIGKILL');
    },
  };
}
