import { type BatchClient, CreateComputeEnvironmentCommand, CreateJobQueueCommand, RegisterJobDefinitionCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogStore } from '../../src/logs/log-store';
import { clientFor, describeOne, waitFinished, waitFor } from './harness';

interface EngineProcess {
  child: ChildProcess;
  client: BatchClient;
}

function startEngineProcess(stateDir: string, logDir: string): Promise<EngineProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'engine-process.ts'), stateDir, logDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // the engine imports other libraries by their workspace names (tsconfig.base.json paths)
    env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, '..', '..', '..', '..', 'tsconfig.base.json') },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve({ child, client: clientFor(Number(match[1])) });
    });
    child.on('exit', (code) => reject(new Error(`engine process exited with ${code} before listening`)));
  });
}

function processGone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
  } catch {
    return true;
  }
}

describe('recovery after the engine is killed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'batch-recovery-'));
  const stateDir = join(dir, 'state');
  const logDir = join(dir, 'logs');
  const pidFile = join(dir, 'attempt1.pid');
  const engines: EngineProcess[] = [];
  afterAll(() => {
    for (const engine of engines) {
      engine.client.destroy();
      if (engine.child.exitCode === null) engine.child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('retries the running job as a host loss and finishes everything that was submitted', async () => {
    const first = await startEngineProcess(stateDir, logDir);
    engines.push(first);
    const c = first.client;
    await c.send(new CreateComputeEnvironmentCommand({ computeEnvironmentName: 'ce', type: 'MANAGED', computeResources: { type: 'EC2', maxvCpus: 2, subnets: [] } }));
    await c.send(new CreateJobQueueCommand({ jobQueueName: 'q', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'ce' }] }));
    await c.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'survivor',
        type: 'container',
        containerProperties: {
          image: 'busybox',
          command: ['sh', '-c', `if [ "$AWS_BATCH_JOB_ATTEMPT" = 1 ]; then echo $$ > ${pidFile}; echo first; sleep 30; fi; echo "attempt $AWS_BATCH_JOB_ATTEMPT"`],
          resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '64' }],
        },
        // the shared rules of libs/job-specs: infrastructure failures retry, program failures exit
        retryStrategy: { attempts: 3, evaluateOnExit: [{ onStatusReason: 'Host EC2*', action: 'RETRY' }, { onReason: '*', action: 'EXIT' }] },
      }),
    );
    const done = (await c.send(new SubmitJobCommand({ jobName: 'done-before', jobQueue: 'q', jobDefinition: 'survivor', containerOverrides: { command: ['true'] } }))).jobId as string;
    const before = await waitFinished(c, done);
    const running = (await c.send(new SubmitJobCommand({ jobName: 'running', jobQueue: 'q', jobDefinition: 'survivor' }))).jobId as string;
    const dependent = (await c.send(new SubmitJobCommand({ jobName: 'after', jobQueue: 'q', jobDefinition: 'survivor', dependsOn: [{ jobId: running }], containerOverrides: { command: ['true'] } }))).jobId as string;
    await waitFor(c, running, (j) => j.status === 'RUNNING');
    await waitFor(c, running, () => {
      try {
        return readFileSync(pidFile, 'utf8').trim().length > 0;
      } catch {
        return false;
      }
    });
    // What the first attempt printed before the engine dies is in its log: the engine has stored it.
    await waitFor(c, running, (j) => {
      const stream = j.container?.logStreamName;
      return stream !== undefined && new LogStore(logDir).read('/aws/batch/job', stream).some((e) => e.message === 'first');
    });
    const orphan = Number(readFileSync(pidFile, 'utf8'));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startEngineProcess(stateDir, logDir);
    engines.push(second);
    const recovered = await waitFinished(second.client, running);
    expect(recovered.status).toBe('SUCCEEDED');
    expect(recovered.attempts).toHaveLength(2);
    const [lost, retried] = recovered.attempts ?? [];
    expect(lost.statusReason).toBe('Host EC2 (instance local) terminated.');
    expect(lost.container?.exitCode).toBeUndefined();
    expect(retried.container?.exitCode).toBe(0);
    expect(retried.startedAt as number).toBeGreaterThanOrEqual(lost.stoppedAt as number);
    const logs = new LogStore(logDir);
    expect(logs.read('/aws/batch/job', lost.container?.logStreamName as string).map((e) => e.message)).toEqual(['first']);
    expect(logs.read('/aws/batch/job', retried.container?.logStreamName as string).map((e) => e.message)).toEqual(['attempt 2']);
    // the first attempt's process, left behind by the killed engine, was stopped on restart
    expect(processGone(orphan)).toBe(true);

    const after = await waitFinished(second.client, dependent);
    expect(after.status).toBe('SUCCEEDED');
    expect(after.startedAt as number).toBeGreaterThanOrEqual(recovered.stoppedAt as number);
    expect(await describeOne(second.client, done)).toEqual(before);

    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    // two engine processes started through tsx and a job retried: more than 5 s on a loaded 2-core machine
  }, 60_000);
});
