import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameTimestamps, joinSegments, probeVideo, resolveFfmpeg, startSegmentEncoder, timestampGaps } from '@framefarm/media';
import { fmt, stats } from './measure';
import type { Section } from './report';
import { CPU_TIME, measure } from './measure';

const wallOf = async (fn: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
};

/**
 * Segments as render jobs write them (startSegmentEncoder), joined by stream copy (joinSegments,
 * what encode does) against decoding and re-encoding them with the same x264 settings.
 */
export async function joinBench(options: { frames: number; segments: number; width: number; height: number; fps: number; reps: number }): Promise<Section> {
  const { frames, segments, width, height, fps } = options;
  const dir = mkdtempSync(join(tmpdir(), 'bench-join-'));
  try {
    const perSegment = Math.ceil(frames / segments);
    const paths: string[] = [];
    const frame = Buffer.alloc(width * height * 4);
    for (let k = 0; k < segments; k++) {
      const start = k * perSegment;
      const end = Math.min(frames, start + perSegment);
      const encoder = startSegmentEncoder({ width, height, fps, startFrame: start, output: join(dir, `${k}.ts`) });
      for (let f = start; f < end; f++) {
        // Moving bars, so x264 has real work to do in the re-encode.
        for (let y = 0; y < height; y += 8) frame.fill((f * 7 + y) & 0xff, y * width * 4 + ((f * 16) % (width * 4)), (y + 1) * width * 4);
        await encoder.write(frame);
      }
      paths.push((await encoder.finish()).path);
    }
    const copy: number[] = [];
    const encode: number[] = [];
    const copyOut = join(dir, 'copy.mp4');
    for (let r = 0; r < options.reps; r++) {
      copy.push(await wallOf(() => joinSegments(paths, copyOut)));
      const input = `concat:${paths.join('|')}`;
      const run = await measure(['perl', CPU_TIME, join(dir, 'x.json'), resolveFfmpeg(), '-hide_banner', '-loglevel', 'error', '-y', '-i', input,
        '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', join(dir, 'encoded.mp4')]);
      encode.push(run.wall);
    }
    const probe = await probeVideo(copyOut);
    const gaps = timestampGaps(await frameTimestamps(copyOut), fps);
    const speedup = stats(copy.map((c, i) => encode[i] / c));
    return {
      id: 'join',
      title: 'Join: stream copy against re-encoding',
      intro: `${segments} MPEG-TS segments of ${frames} frames in all (${width}×${height} @ ${fps}), written by the render jobs' segment encoder, joined into one MP4 by stream copy (encode's join) and, for comparison, by decoding and re-encoding them with the same x264 settings. ${options.reps} interleaved runs.`,
      tables: [{
        headers: ['join', 'wall', 'frames in the MP4', 'timestamp gaps'],
        rows: [
          ['stream copy (joinSegments)', fmt(stats(copy), 3, ' s'), String(probe.frames), String(gaps.length)],
          ['re-encode (x264 veryfast crf 18)', fmt(stats(encode), 3, ' s'), '', ''],
        ],
      }],
      chart: { unit: 's', groups: [{ name: 'wall', bars: [{ label: 'stream copy', value: stats(copy).median }, { label: 're-encode', value: stats(encode).median }] }] },
      targets: [
        { what: 'stream copy at least 20× faster than re-encoding', measured: fmt(speedup, 1, '×'), met: speedup.median >= 20 },
        { what: 'exact frame count, no drift', measured: `${probe.frames} of ${frames} frames, ${gaps.length} uneven steps`, met: probe.frames === frames && gaps.length === 0 },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
