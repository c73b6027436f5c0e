/**
 * Batch engine throughput against the floor of this machine.
 *
 *   npx tsx tools/bench-batch/main.ts [--size N]
 *
 * Runs an array job of N no-op children plus a second array of N with an N_TO_N dependency on
 * the first, through @aws-sdk/client-batch against the engine on an ephemeral port, and in the
 * same run times `xargs -P <cores>` starting the same 2N `true` processes (before and after the
 * engine). Prints the times, their ratio (target: at most 1.5), the engine process's peak RSS,
 * and how long a restart over all those jobs takes.
 */
import { BatchClient, CreateComputeEnvironmentCommand, CreateJobQueueCommand, DescribeJobsCommand, RegisterJobDefinitionCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxSupport, sandboxWords } from '../../libs/local-aws/src/batch/sandbox';

function parseSize(argv: string[]): number {
  const at = argv.indexOf('--size');
  const size = at >= 0 ? Number(argv[at + 1]) : 10_000;
  if (!Number.isInteger(size) || size < 2 || size > 10_000) {
    console.error('--size must be an integer between 2 and 10000 (the Batch array size limits)');
    process.exit(2);
  }
  return size;
}

function startEngine(stateDir: string, logDir: string, cores: number, options: { sandbox?: boolean } = {}): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_PROF=<dir> writes a CPU profile of the engine process there
  const profile = process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : [];
  const child = fork(join(__dirname, 'engine-server.ts'), [stateDir, logDir, String(cores)], {
    // the engine's libraries import each other by their workspace names (tsconfig.base.json paths)
    env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, '..', '..', 'tsconfig.base.json'), ...(options.sandbox === false ? { FRAMEFARM_SANDBOX: 'off' } : {}) },
    execArgv: ['--import', 'tsx', ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`engine exited with ${code}`)));
  });
}

interface EngineReport {
  maxRssKiB: number;
  /** CPU of the engine process, and of its launcher shells with the jobs they started. */
  engineCpuMs: number;
  launchersCpuMs: number;
}

function engineReport(child: ChildProcess): Promise<EngineReport> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as EngineReport));
    child.send('report');
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runArrays(client: BatchClient, size: number): Promise<{ seconds: number; statuses: string[] }> {
  await client.send(new CreateComputeEnvironmentCommand({ computeEnvironmentName: 'bench', type: 'MANAGED', computeResources: { type: 'EC2', maxvCpus: cpus().length, subnets: [] } }));
  await client.send(new CreateJobQueueCommand({ jobQueueName: 'bench', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'bench' }] }));
  await client.send(
    new RegisterJobDefinitionCommand({
      jobDefinitionName: 'noop',
      type: 'container',
      containerProperties: { image: 'local/noop', command: ['true'], resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '16' }] },
    }),
  );
  const started = process.hrtime.bigint();
  const first = await client.send(new SubmitJobCommand({ jobName: 'first', jobQueue: 'bench', jobDefinition: 'noop', arrayProperties: { size } }));
  const second = await client.send(
    new SubmitJobCommand({ jobName: 'second', jobQueue: 'bench', jobDefinition: 'noop', arrayProperties: { size }, dependsOn: [{ jobId: first.jobId, type: 'N_TO_N' }] }),
  );
  for (;;) {
    const { jobs = [] } = await client.send(new DescribeJobsCommand({ jobs: [first.jobId as string, second.jobId as string] }));
    if (jobs.length === 2 && jobs.every((j) => j.stoppedAt !== undefined)) {
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, statuses: jobs.map((j) => `${j.jobName}: ${j.status} ${JSON.stringify(j.arrayProperties?.statusSummary)}`) };
    }
    await sleep(100);
  }
}

/**
 * `xargs -P <cores>` starting `count` processes: `true`, or `true` inside the given command prefix.
 * Returns its wall time, and the CPU of xargs and all it started (the shell's `times`).
 */
function runXargs(count: number, cores: number, prefix: string[] = []): number {
  return timeXargs(count, cores, prefix).seconds;
}

function timeXargs(count: number, cores: number, prefix: string[] = []): { seconds: number; cpuMs: number } {
  const started = process.hrtime.bigint();
  const out = execFileSync('sh', ['-c', `seq ${count} | xargs -n 1 -P ${cores} "$@" true; times`, 'sh', ...prefix], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // the second line of `times`: user and system time of the shell's children, e.g. "0m0.68s 0m0.21s"
  const children = out.trim().split('\n').at(-1) ?? '';
  const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
  return { seconds, cpuMs };
}

/**
 * The very bwrap command the engine puts in front of a job (sandboxWords in
 * libs/local-aws/src/batch/sandbox.ts) for `true`, with one scratch directory as its /tmp; undefined
 * when jobs are not sandboxed here. The engine also makes and removes a scratch directory per job.
 */
function sandboxPrefix(scratch: string): string[] | undefined {
  const support = sandboxSupport();
  if (!support.available || !support.bwrap) return undefined;
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  const words = sandboxWords(support.bwrap, ['/bin/true'], undefined, quote);
  const argv = execFileSync('bash', ['--norc', '--noprofile', '-c', `printf '%s\\0' ${words}`], { env: { __scratch: scratch }, encoding: 'utf8' }).split('\0');
  return argv.slice(0, -1);
}

/** The same two arrays through a second engine, started with FRAMEFARM_SANDBOX=off. */
async function runUnsandboxed(dir: string, size: number, cores: number): Promise<number> {
  const { child, port } = await startEngine(join(dir, 'state'), join(dir, 'logs'), cores, { sandbox: false });
  const client = new BatchClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  try {
    return (await runArrays(client, size)).seconds;
  } finally {
    client.destroy();
    child.kill('SIGKILL');
  }
}

export interface BatchBenchResult {
  size: number;
  cores: number;
  engineSeconds: number;
  xargsSeconds: number;
  xargsBefore: number;
  xargsAfter: number;
  ratio: number;
  /** CPU per job: the engine process, its launcher shells with the jobs, and xargs with its processes (before and after, mean). */
  cpuPerJobMs: { engine: number; launchersAndJobs: number; xargs: number };
  maxRssMiB: number;
  restartSeconds: number;
  restartRssMiB: number;
  statuses: string[];
  /** Set when jobs run in a bubblewrap sandbox here: the same runs with the sandbox on both sides, and without it on both. */
  sandboxed?: {
    /** xargs starting each `true` through the engine's bwrap command, before and after. */
    xargsSeconds: number;
    xargsBefore: number;
    xargsAfter: number;
    /** engine (sandboxed, as it runs jobs) ÷ sandboxed xargs. */
    ratio: number;
    /** The engine with FRAMEFARM_SANDBOX=off, and its ratio against bare xargs. */
    engineOffSeconds: number;
    ratioOff: number;
  };
}

/** Two arrays of `size` no-op children (N_TO_N) through the engine, against xargs before and after. */
export async function benchBatch(size: number): Promise<BatchBenchResult> {
  const cores = cpus().length;
  const dir = mkdtempSync(join(tmpdir(), 'bench-batch-'));
  const { child, port } = await startEngine(join(dir, 'state'), join(dir, 'logs'), cores);
  // The bare engine, without the stack's edge, checks no signature: any keys sign these requests.
  const client = new BatchClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  try {
    // xargs runs before and after the engine and the mean is the baseline: on a shared machine the
    // load drifts during a run, and one measurement on one side would bias the ratio
    const scratch = join(dir, 'scratch');
    mkdirSync(scratch);
    const sandbox = sandboxPrefix(scratch);
    const bareBefore = timeXargs(2 * size, cores);
    const xargsBefore = bareBefore.seconds;
    const sandboxedBefore = sandbox && runXargs(2 * size, cores, sandbox);
    const engine = await runArrays(client, size);
    const report = await engineReport(child);
    const maxRssKiB = report.maxRssKiB;
    // the same engine without the sandbox, against bare xargs: the engine's own overhead
    const engineOff = sandbox && (await runUnsandboxed(join(dir, 'off'), size, cores));
    // a restart replays the snapshot and journal of every job above before it serves again
    const restartStarted = process.hrtime.bigint();
    const restarted = await startEngine(join(dir, 'state'), join(dir, 'logs'), cores);
    const restartSeconds = Number(process.hrtime.bigint() - restartStarted) / 1e9;
    const restartRssKiB = (await engineReport(restarted.child)).maxRssKiB;
    const sandboxedAfter = sandbox && runXargs(2 * size, cores, sandbox);
    const bareAfter = timeXargs(2 * size, cores);
    const xargsAfter = bareAfter.seconds;
    const cpuPerJobMs = {
      engine: report.engineCpuMs / (2 * size),
      launchersAndJobs: report.launchersCpuMs / (2 * size),
      xargs: (bareBefore.cpuMs + bareAfter.cpuMs) / 2 / (2 * size),
    };
    const xargs = (xargsBefore + xargsAfter) / 2;
    const sandboxedXargs = sandboxedBefore && sandboxedAfter ? (sandboxedBefore + sandboxedAfter) / 2 : undefined;
    return {
      size, cores, engineSeconds: engine.seconds, xargsSeconds: xargs, xargsBefore, xargsAfter, ratio: engine.seconds / xargs, cpuPerJobMs,
      maxRssMiB: maxRssKiB / 1024, restartSeconds, restartRssMiB: restartRssKiB / 1024, statuses: engine.statuses,
      sandboxed: sandboxedXargs && sandboxedBefore && sandboxedAfter && engineOff
        ? { xargsSeconds: sandboxedXargs, xargsBefore: sandboxedBefore, xargsAfter: sandboxedAfter, ratio: engine.seconds / sandboxedXargs, engineOffSeconds: engineOff, ratioOff: engineOff / xargs }
        : undefined,
    };
  } finally {
    client.destroy();
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const r = await benchBatch(parseSize(process.argv.slice(2)));
  const size = r.size;
  console.log(`processes:        ${2 * size} (two arrays of ${size}, N_TO_N), ${r.cores} cores`);
  for (const line of r.statuses) console.log(`  ${line}`);
  console.log(`engine:           ${r.engineSeconds.toFixed(2)} s (${((2 * size) / r.engineSeconds).toFixed(0)} jobs/s)`);
  console.log(`xargs -P ${r.cores}:       ${r.xargsSeconds.toFixed(2)} s (${((2 * size) / r.xargsSeconds).toFixed(0)} processes/s; ${r.xargsBefore.toFixed(2)} s before, ${r.xargsAfter.toFixed(2)} s after)`);
  console.log(`ratio:            ${r.ratio.toFixed(2)}x (target <= 1.5x)`);
  if (r.sandboxed) {
    const s = r.sandboxed;
    console.log(`xargs -P ${r.cores} + bwrap: ${s.xargsSeconds.toFixed(2)} s (each \`true\` in the engine's sandbox; ${s.xargsBefore.toFixed(2)} s before, ${s.xargsAfter.toFixed(2)} s after)`);
    console.log(`ratio, both sandboxed: ${s.ratio.toFixed(2)}x`);
    console.log(`engine, sandbox off: ${s.engineOffSeconds.toFixed(2)} s, ${s.ratioOff.toFixed(2)}x bare xargs`);
  }
  const cpu = r.cpuPerJobMs;
  console.log(`CPU per job:      engine ${cpu.engine.toFixed(2)} ms + launchers and jobs ${cpu.launchersAndJobs.toFixed(2)} ms; xargs and its processes ${cpu.xargs.toFixed(2)} ms (bare)`);
  console.log(`engine peak RSS:  ${r.maxRssMiB.toFixed(0)} MiB`);
  console.log(`restart:          ${r.restartSeconds.toFixed(2)} s to serve again with ${2 * size + 2} jobs on disk (peak RSS ${r.restartRssMiB.toFixed(0)} MiB)`);
}

if (require.main === module) void main();
