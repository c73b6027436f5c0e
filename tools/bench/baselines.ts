import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobNodeExecutable } from '@framefarm/local-aws';
import { resolveFfmpeg } from '@framefarm/media';
import { CPU_TIME, measure, readCpuReport } from './measure';
import type { RenderSize } from './framefarm-run';
import { ROOT } from './sketches';

const BASELINE = join(__dirname, 'baseline.cjs');

export interface BaselineRun {
  wall: number;
  cpu: number;
}

function baselineEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: join(ROOT, 'node_modules') };
}

const sizeArgs = (size: RenderSize): string[] => [size.frames, size.width, size.height, size.fps].map(String);

/** naive: PNG per frame then one ffmpeg; pipe: raw frames into one ffmpeg (x264 threads as ffmpeg picks). */
export async function baselineRun(mode: 'naive' | 'pipe', bundle: string, size: RenderSize): Promise<BaselineRun> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${mode}-`));
  try {
    const { wall, cpu } = await measure([process.execPath, BASELINE, mode, bundle, ...sizeArgs(size), dir, JSON.stringify([resolveFfmpeg()])], { env: baselineEnv() });
    return { wall, cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The ideal: the CPU of drawing the frames (and reading their pixels) plus the CPU of x264 with
 * one thread encoding them, spread over every core with nothing else in the way. x264 alone is
 * counted by running that ffmpeg under its own cpu-time.pl inside the pipe baseline.
 */
export async function idealRun(bundle: string, size: RenderSize, cores: number): Promise<{ cpu: number; wall: number; drawCpu: number; x264Cpu: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ideal-'));
  try {
    // The drawing at its cheapest: on the Node the render jobs run, read back as they do, each
    // readback freed at once (libs/sketch/src/canvas-readback.ts) and the canvas allocator keeping
    // freed memory (apps/render/src/canvas-memory.ts), so the ideal pays no more than they do for it.
    const draw = await measure([jobNodeExecutable(), BASELINE, 'draw', bundle, ...sizeArgs(size), dir], { env: { ...baselineEnv(), MIMALLOC_PURGE_DELAY: '-1' } });
    const report = join(dir, 'x264.json');
    await measure([process.execPath, BASELINE, 'pipe', bundle, ...sizeArgs(size), dir, JSON.stringify(['perl', CPU_TIME, report, resolveFfmpeg()]), '1'], { env: baselineEnv() });
    const x264Cpu = readCpuReport(report).cpu;
    const cpu = draw.cpu + x264Cpu;
    return { cpu, wall: cpu / cores, drawCpu: draw.cpu, x264Cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
