import { BatchClient, CreateComputeEnvironmentCommand, CreateJobQueueCommand, DescribeJobsCommand, type JobDetail, RegisterJobDefinitionCommand, type RegisterJobDefinitionCommandInput } from '@aws-sdk/client-batch';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogStore } from '../../src/logs/log-store';
import { type BatchEngine, type BatchEngineOptions, createBatchEngine } from '../../src/batch';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

export function clientFor(port: number): BatchClient {
  return new BatchClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** Serves any request handler on an ephemeral port. */
export async function serve(handle: BatchEngine['handle']): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export interface Harness {
  client: BatchClient;
  engine: BatchEngine;
  logStore: LogStore;
  dir: string;
  port: number;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<BatchEngineOptions> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'batch-test-'));
  const logStore = new LogStore(join(dir, 'logs'));
  const engine = await createBatchEngine({
    stateDir: join(dir, 'state'),
    logStore,
    region: REGION,
    accountId: ACCOUNT,
    imageTable: {},
    jobEnvironment: {},
    defaultCapacity: { vcpus: 4, memoryMiB: 8192 },
    minimumTimeoutSeconds: 1,
    stopGraceSeconds: 1,
    // These tests hand files to jobs through the host's /tmp, which a sandboxed job cannot see;
    // the sandbox has its own tests (sandbox.e2e.test.ts) and the pipeline tests run in it.
    sandbox: false,
    ...options,
  });
  const server = await serve(engine.handle);
  const port = (server.address() as AddressInfo).port;
  const client = clientFor(port);
  return {
    client,
    engine,
    logStore,
    dir,
    port,
    async close() {
      client.destroy();
      await engine.stop();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A MANAGED environment of `maxvCpus` and one queue on it. */
export async function createQueue(client: BatchClient, name: string, options: { maxvCpus?: number; priority?: number } = {}): Promise<string> {
  await client.send(
    new CreateComputeEnvironmentCommand({
      computeEnvironmentName: `${name}-ce`,
      type: 'MANAGED',
      computeResources: { type: 'EC2', maxvCpus: options.maxvCpus ?? 4, subnets: ['subnet-local'], instanceRole: 'local' },
    }),
  );
  const out = await client.send(
    new CreateJobQueueCommand({ jobQueueName: name, priority: options.priority ?? 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: `${name}-ce` }] }),
  );
  return out.jobQueueArn as string;
}

/** A container definition running `sh -c <script>` with 1 vCPU. */
export async function shellDefinition(client: BatchClient, name: string, script: string, extra: Partial<RegisterJobDefinitionCommandInput> = {}): Promise<string> {
  const out = await client.send(
    new RegisterJobDefinitionCommand({
      jobDefinitionName: name,
      type: 'container',
      containerProperties: {
        image: 'local/shell',
        command: ['sh', '-c', script],
        resourceRequirements: [
          { type: 'VCPU', value: '1' },
          { type: 'MEMORY', value: '64' },
        ],
      },
      ...extra,
    }),
  );
  return out.jobDefinitionArn as string;
}

export async function describe(client: BatchClient, jobIds: string[]): Promise<JobDetail[]> {
  const out = await client.send(new DescribeJobsCommand({ jobs: jobIds }));
  return out.jobs ?? [];
}

export async function describeOne(client: BatchClient, jobId: string): Promise<JobDetail> {
  const [job] = await describe(client, [jobId]);
  if (!job) throw new Error(`job ${jobId} not found`);
  return job;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the job matches; gives up (throws) after `limitMs` so a broken engine fails, not hangs. */
export async function waitFor(client: BatchClient, jobId: string, until: (job: JobDetail) => boolean, limitMs = 20_000): Promise<JobDetail> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const job = await describeOne(client, jobId);
    if (until(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} stuck in ${job.status} (${job.statusReason ?? ''})`);
    await sleep(25);
  }
}

export const finished = (job: JobDetail): boolean => job.status === 'SUCCEEDED' || job.status === 'FAILED';
export const waitFinished = (client: BatchClient, jobId: string, limitMs?: number) => waitFor(client, jobId, finished, limitMs);
