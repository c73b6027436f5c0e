import { BatchClient, DescribeJobsCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { jobSpec, SHELL_JOB_DEFINITION } from '@framefarm/job-specs';
import { credentialsEnvironment, provisionLocalStack, startLocalStack, type LocalStack } from '@framefarm/local-aws';
import { build } from 'esbuild';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '@framefarm/browser-testing';
import { describeArrayChildren, describeJobs } from '@framefarm/batch-client';
import { writeRunReport } from '../src/write-run-report';
import { traceStoreSpanSource } from '../src/span-source';

const root = resolve(__dirname, '../../..');
const CAPACITY = { vcpus: 2, memoryMiB: 4096 };

// A stand-in for plan, render and encode, built the way the real programs are (an esbuild CJS
// bundle), run by the local Batch engine as real processes with the real Batch environment.
// They run on the shell job definition, which has no job role, so they are handed the stack's
// admin credentials in their environment (the real programs get their step's role instead).
const JOB_PROGRAM = `
import { BatchClient, SubmitJobCommand } from '@aws-sdk/client-batch';
import { jobIdentityFromEnv, traceJob } from '@framefarm/tracing';
import { writeFileSync } from 'node:fs';

const role = process.argv[2];
const runId = process.env.RUN_ID as string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const job = jobIdentityFromEnv(process.env);

traceJob({ serviceName: 'framefarm-' + role, runId, job }, async (tracer) => {
  if (role === 'plan') {
    const batch = tracer.instrumentAwsClient(new BatchClient({}));
    await tracer.withSpan('plan.submit', { 'framefarm.chunks': 3 }, async () => {
      const credentials = { AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID as string, AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY as string };
      const environment = Object.entries({ RUN_ID: runId, ...credentials, ...tracer.traceEnvironment() }).map(([name, value]) => ({ name, value }));
      const child = (step: string) => ({ command: [process.execPath, __filename, step], environment });
      const render = await batch.send(new SubmitJobCommand({ jobName: 'render', jobQueue: process.env.RENDER_QUEUE, jobDefinition: process.env.SHELL_DEFINITION, arrayProperties: { size: 3 }, retryStrategy: { attempts: 2 }, containerOverrides: child('render') }));
      const encode = await batch.send(new SubmitJobCommand({ jobName: 'encode', jobQueue: process.env.ENCODE_QUEUE, jobDefinition: process.env.SHELL_DEFINITION, dependsOn: [{ jobId: render.jobId }], containerOverrides: child('encode') }));
      writeFileSync(process.env.IDS_FILE as string, JSON.stringify({ renderJobId: render.jobId, encodeJobId: encode.jobId }));
    });
  } else if (role === 'render') {
    await tracer.withSpan('render.frames', { frames: 30 }, async () => {
      await sleep(150);
      if (job.arrayIndex === 1 && job.attempt === 1) throw new Error('frame 37 failed to render');
    });
  } else {
    await tracer.withSpan('encode.join', {}, () => sleep(100));
  }
}).catch(() => {
  process.exitCode = 3;
});
`;

async function waitStopped(batch: BatchClient, jobId: string): Promise<void> {
  // A guard against a hang, not a timing assertion.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [jobId] }));
    if (jobs?.[0]?.stoppedAt !== undefined) return;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not stop: ${jobs?.[0]?.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a traced run on the local stack, reported', () => {
  it('shows every job with its attempts and the spans the jobs exported through the local receiver', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'framefarm-report-e2e-'));
    let stack: LocalStack | undefined;
    let batch: BatchClient | undefined;
    try {
      const entry = join(dir, 'job.ts');
      const program = join(dir, 'job.cjs');
      await writeFile(entry, JOB_PROGRAM);
      await build({ entryPoints: [entry], outfile: program, bundle: true, platform: 'node', target: 'node20', format: 'cjs', tsconfig: join(root, 'tsconfig.base.json'), nodePaths: [join(root, 'node_modules')], logLevel: 'silent' });

      // The plan job hands its child job ids back through a file in the host's /tmp, which a sandboxed job cannot see.
      stack = await startLocalStack({ stateDir: join(dir, 'state'), port: 0, quiet: true, capacity: CAPACITY, batch: { sandbox: false } });
      await provisionLocalStack(stack.endpoint, { credentials: stack.credentials, capacity: CAPACITY });
      batch = new BatchClient({ endpoint: stack.endpoint, region: stack.region, credentials: stack.credentials });
      const idsFile = join(dir, 'ids.json');
      const plan = await batch.send(
        new SubmitJobCommand({
          jobName: 'plan',
          jobQueue: jobSpec('plan').jobQueueName,
          jobDefinition: SHELL_JOB_DEFINITION,
          containerOverrides: {
            command: [process.execPath, program, 'plan'],
            environment: Object.entries({ ...credentialsEnvironment(stack.credentials), RUN_ID: 'e2e-run', IDS_FILE: idsFile, RENDER_QUEUE: jobSpec('render').jobQueueName, ENCODE_QUEUE: jobSpec('encode').jobQueueName, SHELL_DEFINITION: SHELL_JOB_DEFINITION }).map(([name, value]) => ({ name, value })),
          },
        }),
      );
      await waitStopped(batch, plan.jobId as string);
      const ids = JSON.parse(await readFile(idsFile, 'utf8')) as { renderJobId: string; encodeJobId: string };
      await waitStopped(batch, ids.encodeJobId);

      const top = await describeJobs(batch, [plan.jobId as string, ids.renderJobId, ids.encodeJobId]);
      const renderArray = top.get(ids.renderJobId);
      const jobs = { plan: top.get(plan.jobId as string), renderArray, renderChildren: renderArray ? await describeArrayChildren(batch, renderArray) : [], encode: top.get(ids.encodeJobId) };
      const report = await writeRunReport({ outFile: join(dir, 'report.html'), run: { runId: 'e2e-run', totalFrames: 90, framesPerRenderJob: 30 }, jobs, spanSource: traceStoreSpanSource(stack.stateDir) });

      expect(report.warnings).toEqual([]);
      expect(report.data.status).toBe('SUCCEEDED');
      expect(report.data.totals.framesPerSecond).toBeGreaterThan(0);
      expect(report.data.jobs.map((job) => job.jobId)).toEqual([plan.jobId, `${ids.renderJobId}:0`, `${ids.renderJobId}:1`, `${ids.renderJobId}:2`, ids.encodeJobId]);
      const retried = report.data.jobs[2];
      expect(retried.attempts.map((attempt) => [attempt.outcome, attempt.exitCode])).toEqual([
        ['failed', 3],
        ['succeeded', 0],
      ]);
      // Both attempts of the retried chunk traced, the failed one marked so.
      const frames = retried.spans.filter((span) => span.name === 'render.frames');
      expect(frames.map((span) => [span.attempt, span.error])).toEqual([
        [1, 'Error: frame 37 failed to render'],
        [2, undefined],
      ]);
      for (const job of report.data.jobs) expect(job.spans.find((span) => span.depth === 0)?.name).toBe(`framefarm-${job.step}`);
      const planSpans = report.data.jobs[0].spans;
      const submit = planSpans.find((span) => span.name === 'plan.submit');
      expect(planSpans.filter((span) => span.name === 'Batch.SubmitJob').map((span) => span.parentSpanId)).toEqual([submit?.spanId, submit?.spanId]);
      expect(report.data.jobs[1].spans[0].parentSpanId).toBe(submit?.spanId);
      expect(report.data.criticalPath.steps[0].jobId).toBe(plan.jobId);
      expect(report.data.criticalPath.steps[report.data.criticalPath.steps.length - 1].jobId).toBe(ids.encodeJobId);
      expect(report.data.unattributedSpans).toBe(0);
      expect(report.data.totals.spans).toBeGreaterThanOrEqual(12);
      expect(report.data.jobs.every((job) => job.spans.every((span) => typeof span.attempt === 'number'))).toBe(true);

      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1240, height: 900 } });
        await page.goto(pathToFileURL(report.path).href);
        expect(await page.locator('svg.timeline text.job-id').allTextContents()).toEqual(report.data.jobs.map((job) => job.jobId));
        await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    } finally {
      batch?.destroy();
      await stack?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
