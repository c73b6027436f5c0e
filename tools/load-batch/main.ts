/**
 * The local Batch engine under many clients at once.
 *
 *   npx tsx tools/load-batch/main.ts [--clients 20] [--jobs 5000]
 *
 * Starts the engine in its own process (tools/bench-batch/engine-server.ts) on an ephemeral port;
 * `--clients` SDK clients submit `--jobs` no-op jobs between them as fast as they can while one
 * more client calls DescribeJobs with 100 of the submitted ids in a loop. Then it waits for every
 * job to finish and DescribeJobs again once all are in. Prints SubmitJob and DescribeJobs latency
 * (p50/p99), DescribeJobs p99 during the submits against the target (50 ms) and against its own
 * p99 after them (the same calls on the same machine: the ratio is the load's cost), throttling
 * errors, lost or failed jobs, and the engine's peak RSS. Exits 1 when the target is missed or a
 * job is lost. Not part of `npm test`: it measures, it does not check behaviour.
 */
import { BatchClient, CreateComputeEnvironmentCommand, CreateJobQueueCommand, DescribeJobsCommand, RegisterJobDefinitionCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
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

function startEngine(stateDir: string, logDir: string, vcpus: number): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(__dirname, '..', 'bench-batch', 'engine-server.ts'), [stateDir, logDir, String(vcpus)], {
    // the engine's libraries import each other by their workspace names (tsconfig.base.json paths)
    env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, '..', '..', 'tsconfig.base.json') },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`engine exited with ${code}`)));
  });
}

const engineRss = (child: ChildProcess): Promise<number> =>
  new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { maxRssKiB: number }).maxRssKiB));
    child.send('report');
  });

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

async function main(): Promise<void> {
  const clients = flag('--clients', 20);
  const jobs = flag('--jobs', 5000);
  const dir = mkdtempSync(join(tmpdir(), 'load-batch-'));
  const { child, port } = await startEngine(join(dir, 'state'), join(dir, 'logs'), cpus().length);
  const client = () => new BatchClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'load', secretAccessKey: 'load' } });
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
    const describeDuring: number[] = [];
    let throttled = 0;
    let submitting = true;
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
    const describer = (async () => {
      const batch = client();
      while (submitting) {
        if (ids.length >= 100) await timed(describeDuring, () => batch.send(new DescribeJobsCommand({ jobs: ids.slice(-100) })));
        else await new Promise((resolve) => setTimeout(resolve, 5));
      }
      batch.destroy();
    })();
    const started = Date.now();
    await Promise.all(submitters);
    submitting = false;
    await describer;
    const submitSeconds = (Date.now() - started) / 1000;

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
    const rss = await engineRss(child);

    const duringP99 = percentile(describeDuring, 99);
    const afterP99 = percentile(describeAfter, 99);
    console.log(`${clients} clients submitted ${ids.length} jobs in ${submitSeconds.toFixed(1)} s (${(ids.length / submitSeconds).toFixed(0)}/s), ${throttled} throttled`);
    console.log(`SubmitJob            p50 ${ms(percentile(submitMs, 50))}  p99 ${ms(percentile(submitMs, 99))}`);
    console.log(`DescribeJobs (100)   during submits p50 ${ms(percentile(describeDuring, 50))}  p99 ${ms(duringP99)}  (${describeDuring.length} calls; target p99 < ${TARGET_DESCRIBE_P99_MS} ms)`);
    console.log(`DescribeJobs (100)   after submits  p50 ${ms(percentile(describeAfter, 50))}  p99 ${ms(afterP99)}  ratio during/after ${(duringP99 / afterP99).toFixed(2)}×`);
    console.log(`jobs: ${succeeded} SUCCEEDED, ${ids.length - succeeded} not, ${jobs - ids.length} lost; engine peak RSS ${(rss / 1024).toFixed(0)} MiB`);
    const ok = duringP99 < TARGET_DESCRIBE_P99_MS && succeeded === jobs;
    console.log(ok ? 'PASS' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    admin.destroy();
    if (child.exitCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
