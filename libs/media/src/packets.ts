import { resolveFfmpeg } from './binaries';
import { FfmpegError } from './errors';
import { runTool } from './run-tool';

/** One coded video frame as the container stores it, in decode order; times in seconds. */
export interface VideoPacket {
  dts: number;
  pts: number;
  bytes: number;
}

/**
 * Every video packet of a file, in decode order, read without decoding: ffmpeg's framecrc muxer
 * over a stream copy (the npm-shipped ffprobe crashes on MPEG-TS). Name the container when it is
 * known: ffmpeg guesses from the first bytes, and took a segment of two black frames (ten TS
 * packets) for an MPEG program stream, in which it then found no video.
 */
export async function readPackets(path: string, container?: 'mpegts'): Promise<VideoPacket[]> {
  const stdout = await runTool(
    resolveFfmpeg(),
    ['-hide_banner', '-loglevel', 'error', '-copyts', ...(container ? ['-f', container] : []), '-i', path, '-map', '0:v:0', '-c', 'copy', '-f', 'framecrc', '-'],
    `reading the packets of ${path}`,
  );
  const timeBase = /^#tb 0: (\d+)\/(\d+)$/m.exec(stdout);
  if (!timeBase) throw new FfmpegError(`no time base in the packet list of ${path}`, 0, stdout.slice(-2000));
  const tick = Number(timeBase[1]) / Number(timeBase[2]);
  return stdout
    .split('\n')
    .filter((line) => /^0,/.test(line))
    .map((line) => {
      const [, dts, pts, , bytes] = line.split(',').map((field) => Number(field.trim()));
      return { dts: dts * tick, pts: pts * tick, bytes };
    });
}

export interface ExpectedFrames {
  frames: number;
  fps: number;
}

/**
 * What is wrong with a packet list that should hold `frames` frames at `fps`, one per frame
 * slot, in order: a missing frame leaves its slot empty, a doubled one fills a slot twice, a
 * reordered one (a segment or a frame out of place) makes the decode times go backwards, and a
 * drifting clock puts a frame between slots. Slots count from the earliest presentation time.
 */
export function packetProblems(packets: VideoPacket[], { frames, fps }: ExpectedFrames): string[] {
  const problems: string[] = [];
  if (packets.length !== frames) problems.push(`${packets.length} frames instead of ${frames}`);
  if (packets.length === 0) return problems;
  const first = Math.min(...packets.map((p) => p.pts));
  const filled = new Uint16Array(Math.max(frames, 1));
  const offGrid: number[] = [];
  const outside: number[] = [];
  for (const packet of packets) {
    const slot = (packet.pts - first) * fps;
    const frame = Math.round(slot);
    if (Math.abs(slot - frame) > 0.25) offGrid.push(frame);
    if (frame >= frames) outside.push(frame);
    else filled[frame] = Math.min(filled[frame] + 1, 65_535);
  }
  const missing = [...filled.keys()].filter((f) => filled[f] === 0);
  const doubled = [...filled.keys()].filter((f) => filled[f] > 1);
  const list = (frames: number[]) => `${frames.slice(0, 5).join(', ')}${frames.length > 5 ? ` and ${frames.length - 5} more` : ''}`;
  if (missing.length > 0) problems.push(`frame ${list(missing)} missing`);
  if (doubled.length > 0) problems.push(`frame ${list(doubled)} more than once`);
  if (outside.length > 0) problems.push(`frames past the end (${list(outside)})`);
  if (offGrid.length > 0) problems.push(`${offGrid.length} frames off the ${fps} fps clock (near frame ${list(offGrid)})`);
  const backwards = packets.findIndex((p, i) => i > 0 && p.dts <= packets[i - 1].dts);
  if (backwards > 0) problems.push(`out of order at packet ${backwards} (decode time ${packets[backwards].dts.toFixed(4)}s after ${packets[backwards - 1].dts.toFixed(4)}s)`);
  return problems;
}
