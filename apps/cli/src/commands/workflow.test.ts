import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BatchClient, DescribeJobsCommand, DescribeJobsCommandInput, JobStatus, SubmitJobCommand, SubmitJobCommandInput } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { exitCodeFor, RunFailedError, UsageError } from '../errors';
import { buildProgram } from '../program';
import type { Target } from '../aws/target';
import { createWorkflowCommand } from './workflow';

const CLASSIC = path.resolve(__dirname, '../../../../examples/workflows/classic.yaml');
const batch = mockClient(BatchClient);

let dir: string;
let out: string;
let err: string;
/** Where each client was pointed: the endpoint and region of the target the connection layer resolved. */
let connections: { endpoint?: string; region: string }[];

/** Keys in the environment: with no local stack answering, the connection layer signs with them. */
const KEYS = { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' };

function cli(env: NodeJS.ProcessEnv = {}) {
  const deps = {
    cwd: () => dir,
    env: { ...KEYS, ...env },
    stdout: (t: string) => void (out += t),
    stderr: (t: string) => void (err += t),
    isTTY: false,
    createClient: (c: Target) => {
      connections.push({ endpoint: c.endpoint, region: c.region });
      return new BatchClient({ region: c.region, endpoint: c.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    },
    now: () => new Date('2026-11-21T12:00:00.000Z'),
    randomSuffix: () => 'beef',
    sleep: async () => undefined,
  };
  return (...args: string[]) => buildProgram([(p) => void p.addCommand(createWorkflowCommand(deps))]).parseAsync(['node', 'framefarm', 'workflow', ...args]);
}

function acceptSubmissions(): SubmitJobCommandInput[] {
  const inputs: SubmitJobCommandInput[] = [];
  batch.on(SubmitJobCommand).callsFake((input: SubmitJobCommandInput) => {
    inputs.push(input);
    return { jobId: `id-${input.jobName}`, jobName: input.jobName };
  });
  return inputs;
}

function describeAs(status: (jobId: string) => JobStatus) {
  batch.on(DescribeJobsCommand).callsFake((input: DescribeJobsCommandInput) => ({
    jobs: (input.jobs ?? []).map((jobId) => ({
      jobId,
      jobName: jobId.replace(/^id-/, ''),
      jobQueue: 'q',
      jobDefinition: 'd',
      status: status(jobId),
      startedAt: Date.UTC(2026, 10, 21, 12, 0, 1),
      stoppedAt: Date.UTC(2026, 10, 21, 12, 0, 2),
      ...(status(jobId) === 'FAILED' ? { statusReason: 'Essential container in task exited', container: { exitCode: 1 } } : { container: { exitCode: 0 } }),
    })),
  }));
}

const WORKFLOW_ID = 'classic-20261121T120000-beef';

beforeEach(async () => {
  batch.reset();
  dir = await mkdtemp(path.join(os.tmpdir(), 'framefarm-workflow-'));
  out = '';
  err = '';
  connections = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('framefarm workflow submit', () => {
  it('submits the classic example in order, tags every job and keeps a record', async () => {
    const inputs = acceptSubmissions();
    await cli()('submit', CLASSIC);
    expect(inputs.map((i) => i.jobName)).toEqual(['classic-A', 'classic-B', 'classic-C', 'classic-D', 'classic-E', 'classic-F']);
    expect(inputs.every((i) => i.tags?.['framefarm:workflow'] === WORKFLOW_ID && i.jobQueue === 'framefarm-plan' && i.jobDefinition === 'framefarm-shell')).toBe(true);
    expect(inputs[5].dependsOn).toEqual([{ jobId: 'id-classic-D' }, { jobId: 'id-classic-E' }]);
    expect(inputs[0].containerOverrides?.command).toEqual(['sh', '-c', 'echo A; sleep 1']);
    expect(connections).toEqual([{ endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' }]);
    expect(out).toContain(`Submitted workflow ${WORKFLOW_ID}`);
    expect(out).toMatch(/^F\s+id-classic-F$/m);

    const record = JSON.parse(await readFile(path.join(dir, '.framefarm', 'workflows', `${WORKFLOW_ID}.json`), 'utf8'));
    expect(record).toMatchObject({ workflowId: WORKFLOW_ID, name: 'classic', endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', jobs: { A: 'id-classic-A', F: 'id-classic-F' }, barriers: {} });
  });

  it('prints JSON and takes the endpoint from the Batch-specific variable first', async () => {
    acceptSubmissions();
    await cli({ AWS_ENDPOINT_URL: 'http://general:1', AWS_ENDPOINT_URL_BATCH: 'http://batch:2/', AWS_REGION: 'eu-west-1' })('submit', CLASSIC, '--json');
    expect(connections).toEqual([{ endpoint: 'http://batch:2', region: 'eu-west-1' }]);
    expect(JSON.parse(out)).toMatchObject({ workflowId: WORKFLOW_ID, endpoint: 'http://batch:2', jobs: { A: 'id-classic-A' } });
  });

  it('waits with --wait and exits 1 naming the failed jobs', async () => {
    acceptSubmissions();
    describeAs((id) => (id === 'id-classic-E' || id === 'id-classic-F' ? 'FAILED' : 'SUCCEEDED'));
    const run = cli()('submit', CLASSIC, '--wait', '--endpoint', 'http://127.0.0.1:9999');
    await expect(run).rejects.toThrow(RunFailedError);
    await expect(run).rejects.toThrow(/2 of 6 jobs failed: E \(Essential container in task exited\), F/);
    expect(out).toMatch(/^E\s+id-classic-E\s+FAILED\s+1\s+2026-11-21 12:00:01Z/m);
    expect(err).toContain('6/6 jobs');
  });

  it('succeeds with --wait when every job succeeds', async () => {
    acceptSubmissions();
    describeAs(() => 'SUCCEEDED');
    await cli()('submit', CLASSIC, '--wait', '--json');
    expect(JSON.parse(out)).toMatchObject({ succeeded: true, jobs: { A: { status: 'SUCCEEDED', exitCode: 0 } } });
  });

  it.each([
    ['a cycle', 'name: w\ndefaults: {queue: q, definition: d}\njobs:\n  a: {dependsOn: [b]}\n  b: {dependsOn: [a]}\n', /bad\.yaml: .*cycle: (a → b → a|b → a → b)/],
    ['a mistyped field', 'name: w\njobs:\n  a: {queue: q, definition: d, arraySize: many}\n', /bad\.yaml: jobs\.a\.arraySize/],
    ['broken YAML', 'name: w\njobs: [\n', /bad\.yaml is not valid YAML/],
  ])('rejects %s with exit code 2 naming the file, submitting nothing', async (_, text, message) => {
    acceptSubmissions();
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, text);
    const run = cli()('submit', file);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(message);
    expect(exitCodeFor(await run.catch((e) => e))).toBe(2);
    expect(batch.commandCalls(SubmitJobCommand)).toHaveLength(0);
  });

  it('prints the plan with --dry-run, barriers included, and submits nothing', async () => {
    const file = path.join(dir, 'fan.json');
    const leaves = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`leaf${i}`, {}]));
    await writeFile(file, JSON.stringify({ name: 'fan', defaults: { queue: 'q', definition: 'd' }, jobs: { ...leaves, join: { dependsOn: Object.keys(leaves) } } }));
    await cli()('submit', file, '--dry-run');
    expect(out).toContain('26 jobs, 2 barrier jobs');
    expect(out).toMatch(/^join#barrier1\s+barrier\s+fan-join-barrier1\s+-\s+leaf0, leaf1,/m);
    expect(out).toMatch(/^join\s+job\s+fan-join\s+-\s+join#barrier1, join#barrier2$/m);
    expect(batch.calls()).toHaveLength(0);
    expect(connections).toHaveLength(0);
  });

  it('reads JSON files and reports a missing one', async () => {
    acceptSubmissions();
    const file = path.join(dir, 'w.json');
    await writeFile(file, JSON.stringify({ name: 'w', jobs: { one: { queue: 'q', definition: 'd' } } }));
    await cli()('submit', file);
    expect(batch.commandCalls(SubmitJobCommand)[0].args[0].input.jobName).toBe('w-one');
    await expect(cli()('submit', path.join(dir, 'nope.yaml'))).rejects.toThrow(/Cannot read workflow file .*nope\.yaml: it does not exist/);
  });

  it('turns a queue Batch does not know into a usage error after cancelling nothing', async () => {
    batch.on(SubmitJobCommand).rejects(Object.assign(new Error('jobQueue framefarm-plan not found'), { name: 'ClientException' }));
    const run = cli()('submit', CLASSIC);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(/submitting "A" failed.*not found.*Nothing was submitted/);
  });
});

describe('framefarm workflow status', () => {
  it("shows each job's status from the record's endpoint", async () => {
    acceptSubmissions();
    await cli()('submit', CLASSIC, '--endpoint', 'http://127.0.0.1:7777');
    out = '';
    describeAs((id) => (id === 'id-classic-F' ? 'RUNNING' : 'SUCCEEDED'));
    await cli()('status', WORKFLOW_ID);
    expect(connections[1]).toEqual({ endpoint: 'http://127.0.0.1:7777', region: 'us-east-1' });
    expect(out).toContain('SUCCEEDED 5 · RUNNING 1');
    expect(out).toMatch(/^A\s+id-classic-A\s+SUCCEEDED\s+0/m);
    expect(out).toMatch(/^F\s+id-classic-F\s+RUNNING/m);

    out = '';
    await cli()('status', WORKFLOW_ID, '--json');
    expect(JSON.parse(out)).toMatchObject({ counts: { SUCCEEDED: 5, RUNNING: 1 }, jobs: { F: { status: 'RUNNING' } } });
  });

  it('says which workflows it knows when the id is unknown', async () => {
    acceptSubmissions();
    await cli()('submit', CLASSIC);
    await expect(cli()('status', 'classic-nope')).rejects.toThrow(new RegExp(`No record of workflow "classic-nope".*Known here: ${WORKFLOW_ID}`));
    await expect(cli()('status', '../etc')).rejects.toThrow(UsageError);
  });
});

describe('workflow uses the connection layer of every command', () => {
  it('honours AWS_DEFAULT_REGION', async () => {
    acceptSubmissions();
    await cli({ AWS_DEFAULT_REGION: 'ap-south-1' })('submit', CLASSIC);
    expect(connections).toEqual([{ endpoint: 'http://127.0.0.1:4566', region: 'ap-south-1' }]);
  });

  it('refuses an endpoint that is not http or https with exit code 2', async () => {
    const submit = cli()('submit', CLASSIC, '--endpoint', 'ftp://127.0.0.1:4566');
    await expect(submit).rejects.toThrow(UsageError);
    await expect(cli()('submit', CLASSIC, '--endpoint', 'ftp://127.0.0.1:4566')).rejects.toThrow('--endpoint must be an http:// or https:// URL');
    expect(connections).toEqual([]);
  });

  it('takes --stack like every other command', async () => {
    const help = buildProgram([(p) => void p.addCommand(createWorkflowCommand({} as never))]).commands[0].commands[0].helpInformation();
    expect(help).toContain('--stack <name>');
  });
});
