import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BatchClient, CreateComputeEnvironmentCommand, CreateJobQueueCommand, DescribeJobsCommand, RegisterJobDefinitionCommand } from '@aws-sdk/client-batch';
import { jobSpec, SHELL_IMAGE, SHELL_JOB_DEFINITION } from '@framefarm/job-specs';
import { parse as parseYaml } from 'yaml';
import { createBatchEngine, LogStore, type BatchEngine } from '@framefarm/local-aws';
import { Dag, JobState, parseDag, submitDag, waitForJobs } from '../src';

/**
 * The client against the real local engine over HTTP: the classic workflow runs in dependency
 * order, and a 25-job fan-in runs through barrier jobs. Order is checked from the engine's own
 * startedAt/stoppedAt, never from how long anything took.
 */
jest.setTimeout(120_000);

const QUEUE = jobSpec('plan').jobQueueName;
let dir: string;
let engine: BatchEngine;
let server: http.Server;
let client: BatchClient;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'batch-client-e2e-'));
  engine = await createBatchEngine({
    stateDir: path.join(dir, 'state'),
    logStore: new LogStore(path.join(dir, 'logs')),
    region: 'us-east-1',
    accountId: '000000000000',
    imageTable: {},
    jobEnvironment: {},
    defaultCapacity: { vcpus: 4, memoryMiB: 4096 },
  });
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void engine.handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new BatchClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await client.send(
    new CreateComputeEnvironmentCommand({ computeEnvironmentName: 'e2e', type: 'MANAGED', state: 'ENABLED', computeResources: { type: 'EC2', maxvCpus: 4, subnets: [] } }),
  );
  await client.send(new CreateJobQueueCommand({ jobQueueName: QUEUE, state: 'ENABLED', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'e2e' }] }));
  await client.send(
    new RegisterJobDefinitionCommand({
      jobDefinitionName: SHELL_JOB_DEFINITION,
      type: 'container',
      containerProperties: {
        image: SHELL_IMAGE,
        command: ['true'],
        resourceRequirements: [
          { type: 'VCPU', value: '0.25' },
          { type: 'MEMORY', value: '64' },
        ],
      },
    }),
  );
});

afterAll(async () => {
  client?.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await engine?.stop();
  await rm(dir, { recursive: true, force: true });
});

const wait = (ids: string[]) => waitForJobs(client, ids, { pollIntervalMs: 250 });

/** Every job of `dag` started only after each job it depends on had stopped. */
function expectDependencyOrder(dag: Dag, jobIds: Record<string, string>, states: Record<string, JobState>): void {
  for (const [name, job] of Object.entries(dag.jobs)) {
    const me = states[jobIds[name]];
    for (const dep of job.dependsOn ?? []) {
      const other = states[jobIds[typeof dep === 'string' ? dep : dep.job]];
      expect({ job: name, after: other.jobName, ok: (me.startedAt ?? 0) >= (other.stoppedAt ?? Infinity) }).toEqual({ job: name, after: other.jobName, ok: true });
    }
  }
}

it('runs the classic workflow in dependency order', async () => {
  const file = path.resolve(__dirname, '../../../examples/workflows/classic.yaml');
  const dag = parseDag(parseYaml(await readFile(file, 'utf8')));
  const submitted = await submitDag(client, dag, { tags: { 'framefarm:workflow': 'e2e-classic' } });
  const result = await wait(Object.values(submitted.jobIds));
  expect(result.jobs.map((j) => [j.jobName, j.status, j.exitCode])).toEqual(['A', 'B', 'C', 'D', 'E', 'F'].map((n) => [`classic-${n}`, 'SUCCEEDED', 0]));
  expectDependencyOrder(dag, submitted.jobIds, result.byId);
});

it('fans 25 jobs into one through barrier jobs', async () => {
  const leaves = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`leaf${i}`, {}]));
  const dag: Dag = {
    name: 'fanin',
    defaults: { queue: QUEUE, definition: SHELL_JOB_DEFINITION, command: ['true'] },
    jobs: { ...leaves, join: { dependsOn: Object.keys(leaves), command: ['sh', '-c', 'echo joined'] } },
  };
  const submitted = await submitDag(client, dag);
  expect(Object.keys(submitted.barrierJobIds)).toHaveLength(2);
  const result = await wait([...Object.values(submitted.jobIds), ...Object.values(submitted.barrierJobIds)]);
  expect(result.failed).toEqual([]);

  const join = result.byId[submitted.jobIds.join];
  const lastLeafStop = Math.max(...Object.keys(leaves).map((n) => result.byId[submitted.jobIds[n]].stoppedAt ?? Infinity));
  expect(join.startedAt).toBeGreaterThanOrEqual(lastLeafStop);
  for (const barrierId of Object.values(submitted.barrierJobIds)) {
    expect(join.startedAt).toBeGreaterThanOrEqual(result.byId[barrierId].stoppedAt ?? Infinity);
  }
  const { jobs } = await client.send(new DescribeJobsCommand({ jobs: [submitted.jobIds.join] }));
  expect(jobs?.[0].dependsOn?.map((d) => d.jobId).sort()).toEqual(Object.values(submitted.barrierJobIds).sort());
});
