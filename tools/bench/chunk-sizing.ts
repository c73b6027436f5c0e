import { framefarmRun, RenderSize } from './framefarm-run';
import { fmt, load, stats } from './measure';
import type { Bar, Section } from './report';

/** framefarm at several chunk counts; the planner's default is what `framefarm run` picks without --frames-per-job. */
export async function chunkSizing(sketch: string, sizes: RenderSize[], counts: number[], reps: number): Promise<Section> {
  const rows: string[][] = [];
  const groups: Array<{ name: string; bars: Bar[] }> = [];
  for (const size of sizes) {
    const bars: Bar[] = [];
    const results = new Map<string, { wall: number[]; cpu: number[] }>();
    const variants = [...counts.filter((c) => c <= size.frames).map(String), 'default'];
    for (let r = 0; r < reps; r++) {
      for (let k = 0; k < variants.length; k++) {
        const variant = variants[(k + r) % variants.length];
        const perJob = variant === 'default' ? undefined : Math.ceil(size.frames / Number(variant));
        const run = await framefarmRun(sketch, size, perJob);
        const key = variant === 'default' ? `default (${run.chunks})` : variant;
        const entry = results.get(key) ?? { wall: [], cpu: [] };
        entry.wall.push(run.wall);
        entry.cpu.push(run.cpu);
        results.set(key, entry);
        process.stderr.write(`  chunks ${key} at ${size.frames} frames: ${run.wall.toFixed(1)} s, ${run.cpu.toFixed(1)} s CPU (load ${load()})\n`);
      }
    }
    for (const [key, { wall, cpu }] of results) {
      rows.push([String(size.frames), key, fmt(stats(wall), 2, ' s'), fmt(stats(cpu), 2, ' s')]);
      const w = stats(wall);
      bars.push({ label: `${key} chunks`, value: w.median, min: w.min, max: w.max });
    }
    groups.push({ name: `${size.frames} frames (wall)`, bars });
  }
  return {
    id: 'chunk-sizing',
    title: 'Chunk sizing',
    intro:
      'The same `framefarm run` split into different numbers of render jobs (`--frames-per-job` = frames ÷ chunks), interleaved. ' +
      '"default" is what the planner picks without the flag (`defaultFramesPerJob` in libs/job-specs/src/chunks.ts: one wave of render jobs over the machine\'s CPUs, at least 30 frames each).',
    tables: [{ headers: ['frames', 'chunks', 'wall', 'CPU (user+sys)'], rows }],
    chart: { unit: 's', groups },
    targets: [],
  };
}
