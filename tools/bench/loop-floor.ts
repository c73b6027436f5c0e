/**
 * The floor of a render loop on this machine: the CPU of the loops in loop-shapes.cjs (the one-pipe
 * script's shape, it with the frame checksum, and the render job's shape with a sketch thread, before
 * and since its frames go to ffmpeg as I420), on the jobs' Node, against the ideal of the end-to-end
 * benchmark, measured side by side, interleaved, in one run.
 * It tells what any pipeline pays here (drawing and x264 at once, every frame through a pipe) from
 * what framefarm's own loop adds, without the job, the stack or the records around it.
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/loop-floor.ts [--frames 480] [--reps 3]
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobNodeExecutable } from '@framefarm/local-aws';
import { resolveFfmpeg, segmentArgs, segmentEnvironment, type SegmentOptions } from '@framefarm/media';
import { idealRun } from './baselines';
import { fmt, load, measure, stats } from './measure';
import { markdownTable } from './report';
import { bundleSketch, CIRCLES, ROOT } from './sketches';

const SHAPES = ['pipe', 'pipe-checksum', 'thread-checksum', 'thread-checksum-i420'] as const;
type Variant = 'ideal' | (typeof SHAPES)[number];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string, fallback: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const size = { frames: flag('--frames', 480), width: 1280, height: 720, fps: 30 };
  const reps = flag('--reps', 3);
  const cores = cpus().length;
  const dir = mkdtempSync(join(tmpdir(), 'bench-loop-floor-'));
  try {
    const sketch = bundleSketch(CIRCLES, dir);
    const frameCode = join(dir, 'frame-code.cjs');
    buildSync({
      stdin: { contents: "export * from './frame-checksum';\nexport * from './frame-i420';\n", resolveDir: join(ROOT, 'libs', 'sketch', 'src'), loader: 'ts' },
      outfile: frameCode, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error',
    });
    // The render job's own ffmpeg command, x264 on one thread as in a 1-vCPU render job; RGBA in, or I420 for the -i420 shape.
    const encoding = (variant: Variant): string[] => {
      const options: SegmentOptions = { width: size.width, height: size.height, fps: size.fps, startFrame: 0, output: join(dir, 'segment.ts'), threads: 1, input: variant.endsWith('-i420') ? 'yuv420p' : 'rgba' };
      return [JSON.stringify(segmentArgs(options)), JSON.stringify(segmentEnvironment(options) ?? {})];
    };
    const env = { ...process.env, NODE_PATH: join(ROOT, 'node_modules') };
    const runOf = async (variant: Variant): Promise<number> => {
      if (variant === 'ideal') return (await idealRun(sketch.bundle, size, cores)).cpu;
      const loop = [jobNodeExecutable(), join(__dirname, 'loop-shapes.cjs'), variant, sketch.bundle, frameCode, ...[size.frames, size.width, size.height, size.fps].map(String)];
      return (await measure([...loop, resolveFfmpeg(), ...encoding(variant)], { env })).cpu;
    };

    process.stderr.write(`loop floor: ${size.frames} frames of circles, ${reps} interleaved reps, ${cores} cores, load ${load()}\n`);
    const variants: Variant[] = ['ideal', ...SHAPES];
    const cpu = new Map<Variant, number[]>(variants.map((v) => [v, []]));
    const ratio = new Map<Variant, number[]>(variants.map((v) => [v, []]));
    for (let rep = 0; rep < reps; rep++) {
      const order = variants.map((_, i) => variants[(i + rep) % variants.length]);
      const measured = new Map<Variant, number>();
      for (const variant of order) measured.set(variant, await runOf(variant));
      for (const variant of variants) {
        cpu.get(variant)!.push(measured.get(variant)!);
        ratio.get(variant)!.push(measured.get(variant)! / measured.get('ideal')!);
      }
      process.stderr.write(`rep ${rep + 1}: ${variants.map((v) => `${v} ${measured.get(v)!.toFixed(2)} s`).join(', ')}\n`);
    }
    console.log(
      markdownTable({
        headers: ['loop', 'CPU (user+sys)', 'CPU ÷ ideal'],
        rows: variants.map((v) => [v, fmt(stats(cpu.get(v)!), 2, ' s'), fmt(stats(ratio.get(v)!), 2, '×')]),
      }),
    );
    process.stderr.write(`load after: ${load()}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
