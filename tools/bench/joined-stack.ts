/**
 * What a run costs when the local stack outlives it: `framefarm run` joining a `framefarm up`
 * started beforehand, against a run that starts its own stack and against the ideal, interleaved
 * in one run. A joined run's CPU is its CLI's process tree plus what the stack's process and the
 * jobs it ran used for it: `framefarm up` runs under cpu-time.pl once with the run and once
 * without (start, ready, stop), and the difference is the run's share.
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/joined-stack.ts [--frames 240] [--reps 3]
 *
 * `framefarm run` joins a stack only on the default endpoint: port 4566 must be free.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { idealRun } from './baselines';
import { buildBundles, CLI, CLI_ENV, framefarmRun } from './framefarm-run';
import { CPU_TIME, fmt, load, readCpuReport, stats } from './measure';
import { markdownTable } from './report';
import { bundleSketch, CIRCLES, ROOT } from './sketches';

type Variant = 'ideal' | 'own stack' | 'joined';

/** `framefarm up` under cpu-time.pl: the CPU of its whole life, with `during` run once it is up. */
async function upLifetime(during: () => Promise<number>): Promise<{ stackCpu: number; runCpu: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-up-'));
  const report = join(dir, 'report.json');
  try {
    const child = spawn('perl', [CPU_TIME, report, process.execPath, CLI, 'up', '--json', '--state-dir', join(dir, 'state')], {
      cwd: ROOT, env: CLI_ENV, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('"endpoint"')) resolve();
      });
      void exited.then((code) => reject(new Error(`framefarm up exited with ${code} before it was up:\n${stderr}`)));
    });
    let runCpu = 0;
    try {
      runCpu = await during();
    } finally {
      // cpu-time.pl passes the signal on to the stack, which stops its jobs' pool and exits.
      child.kill('SIGTERM');
    }
    const code = await exited;
    if (code !== 0) throw new Error(`framefarm up exited with ${code}:\n${stderr}`);
    return { stackCpu: readCpuReport(report).cpu, runCpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string, fallback: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const size = { frames: flag('--frames', 240), width: 1280, height: 720, fps: 30 };
  const reps = flag('--reps', 3);
  const dir = mkdtempSync(join(tmpdir(), 'bench-joined-stack-'));
  try {
    await buildBundles();
    const sketch = bundleSketch(CIRCLES, dir);
    const cpu = new Map<Variant, number[]>([['ideal', []], ['own stack', []], ['joined', []]]);
    const stackAlone: number[] = [];
    console.log(`joined stack: ${size.frames} frames of circles, ${reps} interleaved reps, ${cpus().length} cores, load ${load()}`);
    for (let rep = 0; rep < reps; rep++) {
      const ideal = (await idealRun(sketch.bundle, size, cpus().length)).cpu;
      const own = (await framefarmRun(CIRCLES, size)).cpu;
      const idle = await upLifetime(async () => 0);
      const withRun = await upLifetime(async () => (await framefarmRun(CIRCLES, size, undefined, { joinRunningStack: true })).cpu);
      const joined = withRun.runCpu + withRun.stackCpu - idle.stackCpu;
      cpu.get('ideal')!.push(ideal);
      cpu.get('own stack')!.push(own);
      cpu.get('joined')!.push(joined);
      stackAlone.push(idle.stackCpu);
      console.log(
        `rep ${rep + 1}: ideal ${ideal.toFixed(2)} s, own stack ${own.toFixed(2)} s, joined ${joined.toFixed(2)} s ` +
          `(CLI ${withRun.runCpu.toFixed(2)} s + stack ${withRun.stackCpu.toFixed(2)} s − stack without a run ${idle.stackCpu.toFixed(2)} s)`,
      );
    }
    const ideals = cpu.get('ideal')!;
    const rows = [...cpu].map(([variant, values]) => [variant, fmt(stats(values), 2, ' s'), fmt(stats(values.map((v, i) => v / ideals[i])), 2, '×')]);
    console.log(markdownTable({ headers: ['run', 'CPU (user+sys)', 'CPU ÷ ideal'], rows }));
    console.log(`\`framefarm up\` by itself (start, ready, stop): ${fmt(stats(stackAlone), 2, ' s')} of CPU; load after: ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
