/**
 * The local Batch engine under many clients at once.
 *
 *   npx tsx tools/load-batch/main.ts [--clients 20] [--jobs 5000] [--stack]
 *
 * Starts the engine in its own process (tools/bench-batch/engine-server.ts), or with `--stack`
 * the whole local stack (stack-server.ts: the edge checks every request's signature), on an
 * ephemeral port; `--clients` SDK clients submit `--jobs` no-op jobs between them as fast as they
 * can while one more client, in a process of its own (describer.ts), calls DescribeJobs with the
 * 100 newest submitted ids in a loop. Then it waits for every job to finish and DescribeJobs again
 * once all are in. Prints SubmitJob and DescribeJobs latency (p50/p99) as the clients saw it and
 * as the server process served it (arrival to last byte written), DescribeJobs p99 during the
 * submits against the target (50 ms, as the client sees it) and against its own p99 after them
 * (the same machine: the ratio is the load's cost), throttling errors, lost or failed jobs, the
 * server's peak RSS and the machine's load average. Exits 1 when the target is missed or a job is
 * lost. Not part of `npm test`: it measures, it does not check behaviour. BENCH_PROF=<dir> writes
 * a CPU profile of the server process.
 */
import { BatchClient, CreateComputeEnvironmentCommand, CreateJobQueueCommand, DescribeJobsCommand, RegisterJobDefinitionCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const TARGET_DESCRIBE_P99_MS = 50;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive integer`);
    process.exit(2);
  }
  return value;
}

function forkTs(file: string, args: string[], execArgv: string[] = []): ChildProcess {
  return fork(join(__dirname, file), args, {
    // the engine's libraries import each other by their workspace names (tsconfig.base.json paths)
    env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, '..', '..', 'tsconfig.base.json') },
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The engine alone (its own HTTP server, no signature checks), or with `stack` the whole local stack behind its edge. */
function startServer(dir: string, vcpus: number, stack: boolean): Promise<{ child: ChildProcess; port: number; credentials: Keys }> {
  // BENCH_PROF=<dir> writes a CPU profile of the engine process there (as in tools/bench-batch)
  const profile = process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : [];
  const child = stack
    ? forkTs('stack-server.ts', [join(dir, 'stack'), String(vcpus)], profile)
    : forkTs(join('..', 'bench-batch', 'engine-server.ts'), [join(dir, 'state'), join(dir, 'logs'), String(vcpus)], profile);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => {
      const { port, credentials } = message as { port: number; credentials?: Keys };
      resolve({ child, port, credentials: credentials ?? { accessKeyId: 'load', secretAccessKey: 'load' } });
    });
    child.once('exit', (code) => reject(new Error(`the ${stack ? 'stack' : 'engine'} exited with ${code}`)));
  });
}

/** What the engine process reports at the end: its peak RSS and, per request, [arrival epoch ms, operation, ms]. */
interface EngineReport {
  maxRssKiB: number;
  served: [number, string, number][];
}

const engineReport = (child: ChildProcess): Promise<EngineReport> =>
  new Promise((resolve) => {
    child.once('message', (message) => resolve(message as EngineReport));
    child.send('report');
  });

/** Waits for a child that was told to finish; kills it if it has not exited after 10 s. */
async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode === null) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
    });
  }
  if (child.exitCode === null) child.kill();
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function timed<T>(samples: number[], call: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  const result = await call();
  samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  return result;
}

const loadAverage = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const clients = flag('--clients', 20);
  const jobs = flag('--jobs', 5000);
  const dir = mkdtempSync(join(tmpdir(), 'load-batch-'));
  const loadBefore = loadAverage();
  const stack = process.argv.includes('--stack');
  const { child, port, credentials } = await startServer(dir, cpus().length, stack);
  const describer = forkTs('describer.ts', []);
  const client = () => new BatchClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials });
  const admin = client();
  try {
    await admin.send(new CreateComputeEnvironmentCommand({ computeEnvironmentName: 'load', type: 'MANAGED', computeResources: { type: 'EC2', maxvCpus: cpus().length, subnets: [] } }));
    await admin.send(new CreateJobQueueCommand({ jobQueueName: 'load', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'load' }] }));
    await admin.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'noop',
        type: 'container',
        containerProperties: { image: 'local/noop', command: ['true'], resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '16' }] },
      }),
    );

    const ids: string[] = [];
    const submitMs: number[] = [];
    let throttled = 0;
    const submitters = Array.from({ length: clients }, async (_, c) => {
      const batch = client();
      const share = Math.floor(jobs / clients) + (c < jobs % clients ? 1 : 0);
      for (let i = 0; i < share; i++) {
        try {
          const { jobId } = await timed(submitMs, () => batch.send(new SubmitJobCommand({ jobName: `load-${c}-${i}`, jobQueue: 'load', jobDefinition: 'noop' })));
          ids.push(jobId as string);
        } catch (error) {
          if ((error as Error).name === 'TooManyRequestsException') throttled++;
          else throw error;
          i--;
        }
      }
      batch.destroy();
    });
    // the describer asks for the newest 100 ids, refreshed every 20 ms
    const feed = setInterval(() => ids.length >= 100 && describer.send({ ids: ids.slice(-100) }), 20);
    describer.send({ port, credentials });
    const started = Date.now();
    await Promise.all(submitters);
    const submitted = Date.now();
    clearInterval(feed);
    const describeDuring = await new Promise<number[]>((resolve) => {
      describer.once('message', (message) => resolve((message as { samples: number[] }).samples));
      describer.send('stop');
    });
    const submitSeconds = (submitted - started) / 1000;
    const loadDuring = loadAverage();

    const statuses = new Map<string, string>();
    const describeAfter: number[] = [];
    for (;;) {
      const pending = ids.filter((id) => !['SUCCEEDED', 'FAILED'].includes(statuses.get(id) ?? ''));
      if (pending.length === 0) break;
      for (let i = 0; i < pending.length; i += 100) {
        const { jobs: found = [] } = await timed(describeAfter, () => admin.send(new DescribeJobsCommand({ jobs: pending.slice(i, i + 100) })));
        for (const job of found) statuses.set(job.jobId as string, job.status as string);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const succeeded = [...statuses.values()].filter((s) => s === 'SUCCEEDED').length;
    const report = await engineReport(child);
    const servedMs = (operation: string, during: boolean): number[] =>
      report.served.filter(([at, op]) => op === operation && (at >= started && at < submitted) === during && (during || at >= submitted)).map(([, , took]) => took);

    const duringP99 = percentile(describeDuring, 99);
    const afterP99 = percentile(describeAfter, 99);
    const line = (name: string, client: number[], served: number[]): string =>
      `${name.padEnd(38)} client p50 ${ms(percentile(client, 50))}  p99 ${ms(percentile(client, 99))}   server p50 ${ms(percentile(served, 50))}  p99 ${ms(percentile(served, 99))}`;
    console.log(stack ? 'through the local stack (edge, SigV4 on every request)' : 'the Batch engine alone');
    console.log(`${clients} clients submitted ${ids.length} jobs in ${submitSeconds.toFixed(1)} s (${(ids.length / submitSeconds).toFixed(0)}/s), ${throttled} throttled`);
    console.log(line('SubmitJob', submitMs, servedMs('submitjob', true)));
    console.log(line(`DescribeJobs (100) during submits`, describeDuring, servedMs('describejobs', true)) + `  (${describeDuring.length} calls)`);
    console.log(line('DescribeJobs (100) after submits', describeAfter, servedMs('describejobs', false)) + `  ratio during/after ${(duringP99 / afterP99).toFixed(2)}×`);
    console.log(`jobs: ${succeeded} SUCCEEDED, ${ids.length - succeeded} not, ${jobs - ids.length} lost; ${stack ? 'stack' : 'engine'} peak RSS ${(report.maxRssKiB / 1024).toFixed(0)} MiB`);
    console.log(`load average (1/5/15 min) at start ${loadBefore}, after the submits ${loadDuring}, at the end ${loadAverage()} (${cpus().length} CPUs)`);
    const ok = duringP99 < TARGET_DESCRIBE_P99_MS && succeeded === jobs;
    console.log(`target: DescribeJobs p99 during the submits < ${TARGET_DESCRIBE_P99_MS} ms: ${duringP99 < TARGET_DESCRIBE_P99_MS ? 'met' : 'NOT met'}; no job lost or failed: ${succeeded === jobs ? 'yes' : 'NO'}`);
    console.log(ok ? 'PASS' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    admin.destroy();
    if (describer.connected) describer.disconnect();
    await exited(describer);
    // after `report` the engine exits by itself (and writes its BENCH_PROF profile)
    await exited(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
