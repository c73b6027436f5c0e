import { RegisterJobDefinitionCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createQueue, type Harness, startHarness, waitFinished } from './harness';

describe('what a job sees when it runs', () => {
  let h: Harness;
  let workDir: string;
  beforeAll(async () => {
    process.env.FRAMEFARM_ENGINE_ONLY = 'must not leak';
    workDir = mkdtempSync(join(tmpdir(), 'batch-cwd-'));
    const printer = 'console.log(process.cwd()); console.log(process.argv.slice(1).join("|"))';
    h = await startHarness({
      jobEnvironment: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', SHARED: 'from-engine' },
      imageTable: { 'local/echoer': { entrypoint: [process.execPath, '-e', printer, '--'], cwd: workDir } },
    });
    await createQueue(h.client, 'exec', { maxvCpus: 2 });
  });
  afterAll(async () => {
    delete process.env.FRAMEFARM_ENGINE_ONLY;
    await h.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  const logOf = (group: string, stream: string | undefined) => h.logStore.read(group, stream as string).map((e) => e.message);

  it('writes stdout and stderr to the job log stream, line by line', async () => {
    await h.client.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'talker',
        type: 'container',
        containerProperties: { image: 'busybox', command: ['sh', '-c', 'echo one; echo two >&2; printf "no newline"'] },
      }),
    );
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: 'talk', jobQueue: 'exec', jobDefinition: 'talker' }));
    const job = await waitFinished(h.client, jobId as string);
    expect(job.container?.logStreamName).toMatch(/^talker\/default\/[0-9a-f]{32}$/);
    const lines = logOf('/aws/batch/job', job.container?.logStreamName);
    expect([...lines].sort()).toEqual(['no newline', 'one', 'two']);
    expect(lines.indexOf('no newline')).toBe(2);
  });

  it('uses the awslogs group and stream prefix of the job definition', async () => {
    await h.client.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'custom-logs',
        type: 'container',
        containerProperties: {
          image: 'busybox',
          command: ['sh', '-c', 'echo custom'],
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/framefarm/jobs', 'awslogs-stream-prefix': 'render' } },
        },
      }),
    );
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: 'logs', jobQueue: 'exec', jobDefinition: 'custom-logs' }));
    const job = await waitFinished(h.client, jobId as string);
    expect(job.container?.logStreamName).toMatch(/^render\/default\/[0-9a-f]{32}$/);
    expect(logOf('/framefarm/jobs', job.container?.logStreamName)).toEqual(['custom']);
  });

  it('builds the environment from Batch variables, the definition, overrides and the engine', async () => {
    await h.client.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'env',
        type: 'container',
        containerProperties: {
          image: 'busybox',
          command: ['sh', '-c', 'env | grep -E "^(AWS_|SHARED|FROM_|FRAMEFARM_|PATH=|HOME=)" | sort'],
          environment: [
            { name: 'FROM_DEFINITION', value: 'def' },
            { name: 'FROM_BOTH', value: 'def' },
            { name: 'SHARED', value: 'from-definition' },
          ],
        },
      }),
    );
    const { jobId } = await h.client.send(
      new SubmitJobCommand({ jobName: 'env', jobQueue: 'exec', jobDefinition: 'env', containerOverrides: { environment: [{ name: 'FROM_BOTH', value: 'override' }] } }),
    );
    const job = await waitFinished(h.client, jobId as string);
    const env = Object.fromEntries(logOf('/aws/batch/job', job.container?.logStreamName).map((line) => line.split(/=(.*)/s).slice(0, 2)));
    expect(env).toMatchObject({
      AWS_BATCH_JOB_ID: jobId,
      AWS_BATCH_JOB_ATTEMPT: '1',
      AWS_BATCH_JQ_NAME: 'exec',
      AWS_BATCH_CE_NAME: 'exec-ce',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      FROM_DEFINITION: 'def',
      FROM_BOTH: 'override',
      SHARED: 'from-definition',
      PATH: process.env.PATH,
    });
    expect(env).not.toHaveProperty('FRAMEFARM_ENGINE_ONLY');
    expect(env).not.toHaveProperty('AWS_BATCH_JOB_ARRAY_INDEX');
    expect(job.container?.environment).toEqual([
      { name: 'FROM_DEFINITION', value: 'def' },
      { name: 'FROM_BOTH', value: 'override' },
      { name: 'SHARED', value: 'from-definition' },
    ]);
  });

  it('passes environment names a shell cannot hold', async () => {
    const { jobId } = await h.client.send(
      new SubmitJobCommand({
        jobName: 'odd-env',
        jobQueue: 'exec',
        jobDefinition: 'env',
        containerOverrides: {
          // sh would drop such a name from its own children, so node prints it
          command: [process.execPath, '-e', 'console.log(process.env.AWS_BATCH_JOB_ID, process.env["dotted.name"])'],
          environment: [{ name: 'dotted.name', value: "it's" }],
        },
      }),
    );
    const job = await waitFinished(h.client, jobId as string);
    expect(logOf('/aws/batch/job', job.container?.logStreamName)).toEqual([`${jobId} it's`]);
  });

  it('substitutes Ref:: parameters and runs an image-table entrypoint in its directory', async () => {
    await h.client.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'params',
        type: 'container',
        parameters: { codec: 'h264', size: '720p' },
        containerProperties: { image: 'local/echoer:1.2', command: ['--codec', 'Ref::codec', 'size=Ref::size', 'Ref::unknown'] },
      }),
    );
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: 'p', jobQueue: 'exec', jobDefinition: 'params', parameters: { codec: 'av1' } }));
    const job = await waitFinished(h.client, jobId as string);
    expect(job.status).toBe('SUCCEEDED');
    expect(job.parameters).toEqual({ codec: 'av1', size: '720p' });
    expect(job.container?.command).toEqual(['--codec', 'av1', 'size=720p', 'Ref::unknown']);
    expect(logOf('/aws/batch/job', job.container?.logStreamName)).toEqual([realpathSync(workDir), '--codec|av1|size=720p|Ref::unknown']);
  });

  it('fails a job with no command whose image is not in the image table', async () => {
    await h.client.send(new RegisterJobDefinitionCommand({ jobDefinitionName: 'no-command', type: 'container', containerProperties: { image: 'busybox' } }));
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: 'empty', jobQueue: 'exec', jobDefinition: 'no-command' }));
    const job = await waitFinished(h.client, jobId as string);
    expect(job).toMatchObject({ status: 'FAILED', statusReason: 'Task failed to start' });
    expect(job.attempts?.[0].container?.reason).toBe('CannotStartContainerError: the job has no command and its image is not in the image table');
  });

  it('fails a job whose program cannot be started, without retrying it under EXIT rules', async () => {
    await h.client.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'missing-binary',
        type: 'container',
        containerProperties: { image: 'busybox', command: ['/no/such/program'] },
        retryStrategy: { attempts: 3, evaluateOnExit: [{ onStatusReason: 'Host EC2*', action: 'RETRY' }, { onReason: '*', action: 'EXIT' }] },
      }),
    );
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: 'nope', jobQueue: 'exec', jobDefinition: 'missing-binary' }));
    const job = await waitFinished(h.client, jobId as string);
    expect(job.status).toBe('FAILED');
    expect(job.statusReason).toBe('Task failed to start');
    expect(job.attempts).toHaveLength(1);
    expect(job.attempts?.[0].container?.reason).toBe('CannotStartContainerError: exec: "/no/such/program": executable file not found in $PATH');
    expect(job.attempts?.[0].container?.exitCode).toBeUndefined();
  });
});
