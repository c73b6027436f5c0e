import { resolveFfprobe } from './binaries';
import { FfmpegError, VideoVerificationError } from './errors';
import { readPackets, packetProblems } from './packets';
import { runTool } from './run-tool';
import { PIXEL_FORMAT } from './video-format';

export interface VideoProbe {
  codec: string;
  width: number;
  height: number;
  pixFmt: string;
  /** As ffprobe reports it, e.g. "30/1". */
  frameRate: string;
  fps: number;
  /** Frames: decoded and counted by probeVideo; the packets read (no decoding) by verifyVideo. */
  frames: number;
  durationSeconds: number;
}

interface FfprobeJson {
  streams?: Array<{ codec_name?: string; width?: number; height?: number; pix_fmt?: string; r_frame_rate?: string; nb_read_frames?: string }>;
  format?: { duration?: string };
}

/** Stream and container facts, with `frames` counted by decoding the whole stream: slow, for tests and tools. */
export function probeVideo(path: string): Promise<VideoProbe> {
  return probe(path, true);
}

async function probe(path: string, countFrames: boolean): Promise<VideoProbe> {
  const stdout = await runTool(
    resolveFfprobe(),
    ['-v', 'error', ...(countFrames ? ['-count_frames'] : []), '-select_streams', 'v:0',
      '-show_entries', 'stream=codec_name,width,height,pix_fmt,r_frame_rate,nb_read_frames:format=duration', '-of', 'json', path],
    `probing ${path}`,
  );
  const parsed = JSON.parse(stdout) as FfprobeJson;
  const stream = parsed.streams?.[0];
  if (!stream) throw new FfmpegError(`${path} has no video stream`, 0, stdout.slice(-2000));
  const [num, den] = (stream.r_frame_rate ?? '0/1').split('/').map(Number);
  return {
    codec: stream.codec_name ?? 'unknown',
    width: stream.width ?? 0,
    height: stream.height ?? 0,
    pixFmt: stream.pix_fmt ?? 'unknown',
    frameRate: stream.r_frame_rate ?? '0/1',
    fps: den ? num / den : 0,
    frames: Number(stream.nb_read_frames ?? 0),
    durationSeconds: Number(parsed.format?.duration ?? 0),
  };
}

/** Presentation times (seconds) of every video packet, in display order, read without decoding. */
export async function frameTimestamps(path: string): Promise<number[]> {
  return (await readPackets(path)).map((p) => p.pts).sort((a, b) => a - b);
}

/** Gaps or overlaps between consecutive frames, where the step is not 1/fps (a join that drifted). */
export function timestampGaps(times: number[], fps: number): Array<{ frame: number; step: number }> {
  const gaps: Array<{ frame: number; step: number }> = [];
  for (let i = 1; i < times.length; i++) {
    const step = times[i] - times[i - 1];
    if (Math.abs(step - 1 / fps) > 0.25 / fps) gaps.push({ frame: i, step });
  }
  return gaps;
}

export interface ExpectedVideo {
  frames: number;
  fps: number;
  width: number;
  height: number;
}

/**
 * Checks a finished video without decoding it: the stream's format from the container, and every
 * packet's timestamps (packetProblems: a missing, doubled or reordered frame, a drifting clock).
 * Throws VideoVerificationError naming every mismatch.
 */
export async function verifyVideo(path: string, expected: ExpectedVideo): Promise<VideoProbe> {
  const [stream, packets] = await Promise.all([probe(path, false), readPackets(path)]);
  const problems: string[] = [];
  if (stream.pixFmt !== PIXEL_FORMAT) problems.push(`pixel format ${stream.pixFmt} instead of ${PIXEL_FORMAT}`);
  if (stream.frameRate !== `${expected.fps}/1`) problems.push(`frame rate ${stream.frameRate} instead of ${expected.fps}/1`);
  if (stream.width !== expected.width || stream.height !== expected.height) {
    problems.push(`size ${stream.width}x${stream.height} instead of ${expected.width}x${expected.height}`);
  }
  const expectedDuration = expected.frames / expected.fps;
  if (Math.abs(stream.durationSeconds - expectedDuration) > 1.5 / expected.fps) {
    problems.push(`duration ${stream.durationSeconds}s instead of ${expectedDuration.toFixed(3)}s`);
  }
  problems.push(...packetProblems(packets, expected));
  if (problems.length > 0) throw new VideoVerificationError(`${path} is not the video that was rendered: ${problems.join('; ')}`);
  return { ...stream, frames: packets.length };
}

/** Checks a segment a render job just wrote: `frames` packets, one per frame slot, in order. */
export async function verifySegment(path: string, expected: { frames: number; fps: number }): Promise<void> {
  const problems = packetProblems(await readPackets(path, 'mpegts'), expected);
  if (problems.length > 0) throw new VideoVerificationError(`segment ${path} does not hold the frames written to it: ${problems.join('; ')}`);
}
