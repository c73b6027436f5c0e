import { BatchClient, DescribeJobsCommand, ListJobsCommand, RegisterJobDefinitionCommand, SubmitJobCommand, TerminateJobCommand } from '@aws-sdk/client-batch';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionLocalStack, startLocalStack } from '@framefarm/local-aws';
import { percentile } from './measure';
import type { Section } from './report';
import { WHY_MISSED } from './why-missed';

const ms = async (fn: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/**
 * Batch API calls through the real SDK against the local stack's edge (SigV4 and all) on
 * loopback. Everything submitted waits on a blocker job, so no process runs while it is timed.
 */
export async function apiLatency(options: { submits: number; describes: number; lists: number; arraySize: number }): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  const stack = await startLocalStack({ stateDir: dir, port: 0, quiet: true });
  const batch = new BatchClient({ endpoint: stack.endpoint, region: stack.region, credentials: stack.credentials });
  try {
    const { jobQueues } = await provisionLocalStack(stack.endpoint, { region: stack.region, credentials: stack.credentials });
    const jobQueue = jobQueues.render.arn;
    await batch.send(new RegisterJobDefinitionCommand({
      jobDefinitionName: 'bench-noop', type: 'container',
      containerProperties: { image: 'local/noop', command: ['true'], resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '16' }] },
    }));
    const blocker = await batch.send(new SubmitJobCommand({ jobName: 'blocker', jobQueue, jobDefinition: 'bench-noop', containerOverrides: { command: ['sleep', '3600'] } }));
    const dependsOn = [{ jobId: blocker.jobId }];
    // Warm the connection and the SDK's lazy paths before timing.
    for (let i = 0; i < 5; i++) await batch.send(new DescribeJobsCommand({ jobs: [blocker.jobId!] }));

    const submitMs: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < options.submits; i++) {
      submitMs.push(await ms(async () => ids.push((await batch.send(new SubmitJobCommand({ jobName: `s${i}`, jobQueue, jobDefinition: 'bench-noop', dependsOn }))).jobId!)));
    }
    const describeIds = ids.slice(0, 100);
    const describeMs: number[] = [];
    for (let i = 0; i < options.describes; i++) describeMs.push(await ms(() => batch.send(new DescribeJobsCommand({ jobs: describeIds }))));

    const array = await batch.send(new SubmitJobCommand({ jobName: 'array', jobQueue, jobDefinition: 'bench-noop', arrayProperties: { size: options.arraySize }, dependsOn }));
    const listMs: number[] = [];
    let listed = 0;
    for (let i = 0; i < options.lists; i++) {
      listMs.push(await ms(async () => {
        listed = 0;
        let nextToken: string | undefined;
        do {
          const page = await batch.send(new ListJobsCommand({ arrayJobId: array.jobId, jobStatus: 'PENDING', maxResults: 1000, nextToken }));
          listed += page.jobSummaryList?.length ?? 0;
          nextToken = page.nextToken;
        } while (nextToken);
      }));
    }
    await batch.send(new TerminateJobCommand({ jobId: blocker.jobId, reason: 'benchmark done' })).catch(() => undefined);
    const row = (name: string, values: number[]) => [name, String(values.length), percentile(values, 50).toFixed(2), percentile(values, 99).toFixed(2)];
    const submitP50 = percentile(submitMs, 50);
    return {
      id: 'api-latency',
      title: 'Batch API latency on loopback',
      intro: 'The real `@aws-sdk/client-batch` against the local stack on 127.0.0.1 (through the edge, signed requests), one request at a time.',
      tables: [{
        headers: ['call', 'samples', 'p50 ms', 'p99 ms'],
        rows: [
          row('SubmitJob (one job, one dependency)', submitMs),
          row('DescribeJobs of 100 ids', describeMs),
          row(`ListJobs of a ${options.arraySize.toLocaleString('en')}-child array (every page of 1,000; ${listed} listed)`, listMs),
        ],
      }],
      chart: { unit: 'ms', groups: [{ name: 'p50', bars: [
        { label: 'SubmitJob', value: submitP50 },
        { label: 'DescribeJobs ×100', value: percentile(describeMs, 50) },
        { label: `ListJobs ${options.arraySize}`, value: percentile(listMs, 50) },
      ] }] },
      targets: [{ what: 'SubmitJob p50 < 5 ms', measured: `${submitP50.toFixed(2)} ms`, met: submitP50 < 5, note: WHY_MISSED.api }],
    };
  } finally {
    batch.destroy();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
