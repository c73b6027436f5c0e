import { stat } from 'node:fs/promises';
import { resolveFfmpeg } from './binaries';
import { InvalidMediaInputError } from './errors';
import { startTool } from './run-tool';
import { assertThreads } from './threads';
import { assertVideoFormat, PIXEL_FORMAT, rgbaFrameBytes, VideoFormat } from './video-format';

export interface SegmentOptions extends VideoFormat {
  /** Index of the segment's first frame in the whole video: its timestamps start at startFrame / fps. */
  startFrame: number;
  /** Path of the MPEG-TS file to write. */
  output: string;
  /** x264 quality, lower is better (default 18). */
  crf?: number;
  preset?: string;
  /**
   * Threads for x264 and the colour conversion: the vCPUs the job has. Unset, ffmpeg starts one
   * per core of the machine, which oversubscribes it when several jobs share the cores.
   */
  threads?: number;
  /**
   * What write() takes: RGBA, which ffmpeg converts, or I420 already (yuv420p, BT.709, limited
   * range: the render job's frameToI420), which goes to x264 as it is. Default RGBA.
   */
  input?: SegmentInput;
}

export type SegmentInput = 'rgba' | 'yuv420p';

export interface EncodedSegment {
  path: string;
  frames: number;
  bytes: number;
}

/**
 * Pipes raw RGBA frames into ffmpeg. write() hands the frame's own buffer to the pipe (no copy)
 * and returns while at most one more frame waits in front of ffmpeg, so the next frame is drawn
 * while ffmpeg encodes this one; the caller must not change a frame's buffer until `taken` is
 * called (once the pipe holds all of the frame's bytes, or the pipe has failed): then the buffer
 * may take another frame.
 */
export interface SegmentEncoder {
  write(frame: Buffer, taken?: () => void): Promise<void>;
  finish(): Promise<EncodedSegment>;
  /** Stops ffmpeg after a failure elsewhere; the output must not be used. */
  abort(): void;
}

/** What each input is to ffmpeg, and to write(). */
interface InputFormat {
  /** Its name in messages. */
  name: string;
  frameBytes: (format: VideoFormat) => number;
  /** ffmpeg's options for the raw frames (before -i), and the filter after it. */
  pixels: string[];
  filter: string[];
  /** What ffmpeg's environment gets beside the job's own. */
  environment?: Record<string, string>;
}

const INPUTS: Record<SegmentInput, InputFormat> = {
  rgba: {
    name: 'RGBA',
    frameBytes: rgbaFrameBytes,
    pixels: ['-pix_fmt', 'rgba'],
    filter: ['-vf', 'scale=out_color_matrix=bt709:out_range=tv'],
  },
  yuv420p: {
    name: 'I420',
    frameBytes: ({ width, height }) => width * height * 1.5,
    pixels: ['-pix_fmt', PIXEL_FORMAT, '-color_range', 'tv', '-colorspace', 'bt709'],
    filter: [],
    // ffmpeg's malloc (glibc, linked into the binary) gave each 1.4 MB I420 packet fresh pages from
    // the kernel: 267 page faults a frame, which cost more CPU than the conversion the I420 input
    // saves. With an 8 MB mmap threshold it reuses one frame's packet memory for the next. RGBA input
    // does not need it (and faulted far more with it).
    environment: { MALLOC_MMAP_THRESHOLD_: String(8 << 20) },
  },
};

const inputOf = (options: Pick<SegmentOptions, 'input'>): InputFormat => INPUTS[options.input ?? 'rgba'];

export function segmentArgs(options: SegmentOptions): string[] {
  const { width, height, fps, startFrame, output, threads } = options;
  const input = inputOf(options);
  return [
    '-hide_banner', '-loglevel', 'error', '-y',
    ...(threads === undefined ? [] : ['-filter_threads', String(threads)]),
    '-f', 'rawvideo', ...input.pixels, '-s', `${width}x${height}`, '-framerate', String(fps), '-i', 'pipe:0', ...input.filter,
    '-c:v', 'libx264', '-preset', options.preset ?? 'veryfast', '-crf', String(options.crf ?? 18),
    ...(threads === undefined ? [] : ['-threads', String(threads)]),
    '-pix_fmt', PIXEL_FORMAT, '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709',
    // Each segment opens with an IDR frame and no GOP reaches back into an earlier segment.
    '-flags', '+cgop', '-forced-idr', '1', '-force_key_frames', 'expr:eq(n,0)',
    // Timestamps continue where the previous chunk ends, so the segments join without drift. The
    // muxer must not shift the first chunk's B-frame lead-in to non-negative: no other chunk gets it.
    '-output_ts_offset', String(startFrame / fps), '-avoid_negative_ts', 'disabled',
    '-f', 'mpegts', output,
  ];
}

/** What ffmpeg's environment gets beside the job's own, for this input. */
export const segmentEnvironment = (options: Pick<SegmentOptions, 'input'>): Record<string, string> | undefined => inputOf(options).environment;

export function startSegmentEncoder(options: SegmentOptions): SegmentEncoder {
  assertVideoFormat(options);
  assertThreads(options.threads);
  if (!Number.isInteger(options.startFrame) || options.startFrame < 0) {
    throw new InvalidMediaInputError(`startFrame ${options.startFrame} must be a whole number of at least 0`);
  }
  const input = inputOf(options);
  const frameBytes = input.frameBytes(options);
  const tool = startTool(resolveFfmpeg(), segmentArgs(options), `encoding segment ${options.output}`, segmentEnvironment(options));
  const { stdin } = tool.child;
  let frames = 0;
  let failure: unknown;
  let previous: Promise<void> = Promise.resolve();
  tool.exited.catch((error) => (failure = error));

  return {
    async write(frame, taken) {
      if (frame.length !== frameBytes) {
        throw new InvalidMediaInputError(`frame ${frames} has ${frame.length} bytes; ${options.width}x${options.height} ${input.name} needs ${frameBytes}`);
      }
      if (failure) throw failure;
      frames++;
      // Resolved once the pipe has taken all of this frame (or failed: then ffmpeg's exit says why).
      const inPipe = new Promise<void>((resolve) =>
        stdin.write(frame, () => {
          taken?.();
          resolve();
        }),
      );
      const before = previous;
      previous = inPipe;
      await Promise.race([before, tool.exited]);
      if (failure) throw failure;
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
