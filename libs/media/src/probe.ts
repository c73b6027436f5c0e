import { resolveFfmpeg, resolveFfprobe } from './binaries';
import { FfmpegError, VideoVerificationError } from './errors';
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
  /** Frames counted by decoding the whole stream (-count_frames), not the container's claim. */
  frames: number;
  durationSeconds: number;
}

interface FfprobeJson {
  streams?: Array<{ codec_name?: string; width?: number; height?: number; pix_fmt?: string; r_frame_rate?: string; nb_read_frames?: string }>;
  format?: { duration?: string };
}

export async function probeVideo(path: string): Promise<VideoProbe> {
  const stdout = await runTool(
    resolveFfprobe(),
    ['-v', 'error', '-count_frames', '-select_streams', 'v:0',
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

/**
 * Presentation times (seconds) of every video packet, in display order, read without decoding.
 * Uses ffmpeg's framecrc muxer rather than ffprobe: the npm-shipped ffprobe crashes on MPEG-TS.
 */
export async function frameTimestamps(path: string): Promise<number[]> {
  const stdout = await runTool(
    resolveFfmpeg(),
    ['-hide_banner', '-loglevel', 'error', '-copyts', '-i', path, '-map', '0:v:0', '-c', 'copy', '-f', 'framecrc', '-'],
    `reading timestamps of ${path}`,
  );
  const timeBase = /^#tb 0: (\d+)\/(\d+)$/m.exec(stdout);
  if (!timeBase) throw new FfmpegError(`no time base in the packet list of ${path}`, 0, stdout.slice(-2000));
  const seconds = Number(timeBase[1]) / Number(timeBase[2]);
  return stdout
    .split('\n')
    .filter((line) => /^0,/.test(line))
    .map((line) => Number(line.split(',')[2]) * seconds)
    .sort((a, b) => a - b);
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

/** Probes and checks a finished video; throws VideoVerificationError naming every mismatch. */
export async function verifyVideo(path: string, expected: ExpectedVideo): Promise<VideoProbe> {
  const probe = await probeVideo(path);
  const problems: string[] = [];
  if (probe.frames !== expected.frames) problems.push(`${probe.frames} frames instead of ${expected.frames}`);
  if (probe.pixFmt !== PIXEL_FORMAT) problems.push(`pixel format ${probe.pixFmt} instead of ${PIXEL_FORMAT}`);
  if (probe.frameRate !== `${expected.fps}/1`) problems.push(`frame rate ${probe.frameRate} instead of ${expected.fps}/1`);
  if (probe.width !== expected.width || probe.height !== expected.height) {
    problems.push(`size ${probe.width}x${probe.height} instead of ${expected.width}x${expected.height}`);
  }
  const expectedDuration = expected.frames / expected.fps;
  if (Math.abs(probe.durationSeconds - expectedDuration) > 1.5 / expected.fps) {
    problems.push(`duration ${probe.durationSeconds}s instead of ${expectedDuration.toFixed(3)}s`);
  }
  const gaps = timestampGaps(await frameTimestamps(path), expected.fps);
  if (gaps.length > 0) {
    const first = gaps.slice(0, 3).map((g) => `before frame ${g.frame}: ${g.step.toFixed(4)}s`);
    problems.push(`${gaps.length} uneven frame steps (${first.join(', ')}), expected ${(1 / expected.fps).toFixed(4)}s`);
  }
  if (problems.length > 0) throw new VideoVerificationError(`${path} is not the video that was rendered: ${problems.join('; ')}`);
  return probe;
}
