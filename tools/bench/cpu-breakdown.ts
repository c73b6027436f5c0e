/**
 * Which processes of one `framefarm run` use the CPU: samples /proc every 50 ms for the run's
 * process tree and keeps each process's last user+sys time (a process that lives less than a
 * sample is missed, so the total is a little under cpu-time.pl's).
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/cpu-breakdown.ts [--frames 120] [--sketch FILE|NAME] [--frames-per-job N]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOCK_TICKS_PER_SECOND, readProcStat } from '@framefarm/local-aws';
import { markdownTable } from './report';
import { CIRCLES, ROOT } from './sketches';

function readProc(pid: number): { ppid: number; cpu: number; name: string } | undefined {
  const stat = readProcStat(pid);
  if (!stat) return undefined;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { ppid: stat.ppid, cpu: stat.cpuTicks / CLOCK_TICKS_PER_SECOND, name: label(argv) };
  } catch {
    return undefined;
  }
}

function label(argv: string[]): string {
  const line = argv.join(' ');
  if (/dist\/apps\/(\w+)\/main\.cjs/.test(line)) return `node ${/dist\/apps\/(\w+)\/main\.cjs/.exec(line)![1]}${/dist\/apps\/cli/.test(line) ? ' (CLI + local stack)' : ''}`;
  if (/ffmpeg/.test(argv[0] ?? '')) return /-f rawvideo|pipe:0 .*libx264|libx264/.test(line) && line.includes('rawvideo') ? 'ffmpeg (render: x264)' : line.includes('framecrc') ? 'ffmpeg (packet check)' : /poster\.(png|jpe?g)/.test(line) ? 'ffmpeg (poster)' : line.includes('-c copy') ? 'ffmpeg (join)' : 'ffmpeg (other)';
  if (/ffprobe/.test(argv[0] ?? '')) return 'ffprobe';
  if (/bash/.test(argv[0] ?? '')) return 'bash (job launcher)';
  return (argv[0] ?? '?').split('/').pop() ?? '?';
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const dir = mkdtempSync(join(tmpdir(), 'bench-breakdown-'));
  const args = [join(ROOT, 'dist', 'apps', 'cli', 'main.cjs'), 'run', '--json', '--sketch', flag('--sketch') ?? CIRCLES, '--frames', flag('--frames') ?? '120',
    '--width', '1280', '--height', '720', '--fps', '30', '--out', join(dir, 'out'), '--state-dir', join(dir, 'state'),
    ...(flag('--frames-per-job') ? ['--frames-per-job', flag('--frames-per-job')!] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, FRAMEFARM_ROOT: ROOT, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  const seen = new Map<number, { name: string; cpu: number }>();
  const tree = new Set<number>([child.pid!]);
  const sample = () => {
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      const proc = readProc(pid);
      if (!proc) continue;
      if (tree.has(proc.ppid)) tree.add(pid);
      // An exited process (a zombie) has no argv left: keep the name it had while it ran.
      const before = seen.get(pid);
      const name = proc.name === '?' && before ? before.name : proc.name;
      if (tree.has(pid)) seen.set(pid, { name, cpu: Math.max(proc.cpu, before?.cpu ?? 0) });
    }
  };
  const timer = setInterval(sample, 50);
  await new Promise((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const totals = new Map<string, { cpu: number; count: number }>();
  for (const { name, cpu } of seen.values()) {
    const t = totals.get(name) ?? { cpu: 0, count: 0 };
    totals.set(name, { cpu: t.cpu + cpu, count: t.count + 1 });
  }
  const all = [...totals.values()].reduce((sum, t) => sum + t.cpu, 0);
  console.log(markdownTable({
    headers: ['process', 'count', 'CPU s', 'share'],
    rows: [...totals].sort((a, b) => b[1].cpu - a[1].cpu).map(([name, t]) => [name, String(t.count), t.cpu.toFixed(2), `${((100 * t.cpu) / all).toFixed(1)}%`]),
  }));
  console.log(`\nsampled total ${all.toFixed(2)} s CPU`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
