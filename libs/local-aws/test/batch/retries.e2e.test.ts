import { SubmitJobCommand } from '@aws-sdk/client-batch';
import { createQueue, type Harness, shellDefinition, startHarness, waitFinished } from './harness';

describe('retries and timeouts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ stopGraceSeconds: 1, minimumTimeoutSeconds: 1 });
    await createQueue(h.client, 'retry', { maxvCpus: 4 });
    // exit code per attempt: the n-th word of $CODES
    await shellDefinition(h.client, 'codes', 'set -- $CODES; shift $((AWS_BATCH_JOB_ATTEMPT - 1)); echo "attempt $AWS_BATCH_JOB_ATTEMPT"; exit $1');
  });
  afterAll(() => h.close());

  const run = async (codes: string, retryStrategy: object) => {
    const { jobId } = await h.client.send(
      new SubmitJobCommand({
        jobName: 'codes',
        jobQueue: 'retry',
        jobDefinition: 'codes',
        retryStrategy,
        containerOverrides: { environment: [{ name: 'CODES', value: codes }] },
      }),
    );
    return waitFinished(h.client, jobId as string);
  };

  it('records every attempt and stops at the first EXIT rule (actions are case-insensitive)', async () => {
    const job = await run('1 42 0', { attempts: 3, evaluateOnExit: [{ onExitCode: '4*', action: 'exit' }, { onExitCode: '*', action: 'RETRY' }] });
    expect(job.status).toBe('FAILED');
    expect(job.attempts?.map((a) => a.container?.exitCode)).toEqual([1, 42]);
    expect(job.attempts?.map((a) => a.statusReason)).toEqual(['Essential container in task exited', 'Essential container in task exited']);
    const [first, second] = job.attempts ?? [];
    expect(first.container?.logStreamName).toMatch(/^codes\/default\/[0-9a-f]{32}$/);
    expect(second.container?.logStreamName).not.toBe(first.container?.logStreamName);
    expect(second.startedAt as number).toBeGreaterThanOrEqual(first.stoppedAt as number);
    expect(job.container?.exitCode).toBe(42);
    expect(job.stoppedAt).toBe(second.stoppedAt);
    expect(job.isCancelled).toBe(false);
    expect(job.isTerminated).toBe(false);
  });

  it('uses the first matching rule, not the most specific', async () => {
    const job = await run('7 0', { attempts: 3, evaluateOnExit: [{ onExitCode: '*', action: 'EXIT' }, { onExitCode: '7', action: 'RETRY' }] });
    expect(job.status).toBe('FAILED');
    expect(job.attempts).toHaveLength(1);
  });

  it('retries while attempts remain when no rule matches', async () => {
    const job = await run('1 1 1 0', { attempts: 3, evaluateOnExit: [{ onReason: 'CannotPullContainerError*', action: 'EXIT' }] });
    expect(job.status).toBe('FAILED');
    expect(job.attempts?.map((a) => a.container?.exitCode)).toEqual([1, 1, 1]);
  });

  it('succeeds on a retry and reports all attempts', async () => {
    const job = await run('5 0', { attempts: 2 });
    expect(job.status).toBe('SUCCEEDED');
    expect(job.attempts?.map((a) => a.container?.exitCode)).toEqual([5, 0]);
    const events = h.logStore.read('/aws/batch/job', job.attempts?.[1].container?.logStreamName as string).map((e) => e.message);
    expect(events).toEqual(['attempt 2']);
  });

  it('does not retry without a retry strategy', async () => {
    const job = await run('1 0', {});
    expect(job.status).toBe('FAILED');
    expect(job.attempts).toHaveLength(1);
  });

  it('stops a timed-out attempt with SIGTERM and does not retry it', async () => {
    const { jobId } = await h.client.send(
      new SubmitJobCommand({
        jobName: 'slow',
        jobQueue: 'retry',
        jobDefinition: 'codes',
        retryStrategy: { attempts: 3 },
        timeout: { attemptDurationSeconds: 1 },
        containerOverrides: { command: ['sh', '-c', 'trap "echo got TERM; exit 143" TERM; while true; do sleep 0.05; done'] },
      }),
    );
    const job = await waitFinished(h.client, jobId as string);
    expect(job.status).toBe('FAILED');
    expect(job.statusReason).toBe('Job attempt duration exceeded timeout');
    expect(job.attempts).toHaveLength(1);
    const [attempt] = job.attempts ?? [];
    expect(attempt.statusReason).toBe('Job attempt duration exceeded timeout');
    expect(attempt.container?.exitCode).toBe(143);
    expect((attempt.stoppedAt as number) - (attempt.startedAt as number)).toBeGreaterThanOrEqual(1000);
    expect(h.logStore.read('/aws/batch/job', attempt.container?.logStreamName as string).map((e) => e.message)).toContain('got TERM');
  });

  it('runs a job whose timeout is longer than a Node timer can hold (30 days) to its end', async () => {
    const { jobId } = await h.client.send(
      new SubmitJobCommand({
        jobName: 'long-timeout',
        jobQueue: 'retry',
        jobDefinition: 'codes',
        timeout: { attemptDurationSeconds: 30 * 24 * 3600 },
        containerOverrides: { command: ['sh', '-c', 'sleep 0.3; echo done'] },
      }),
    );
    const job = await waitFinished(h.client, jobId as string);
    expect(job).toMatchObject({ status: 'SUCCEEDED', timeout: { attemptDurationSeconds: 30 * 24 * 3600 } });
  });

  it('kills a process that ignores SIGTERM after the grace period', async () => {
    await shellDefinition(h.client, 'stubborn', 'trap "" TERM; while true; do sleep 0.05; done', { timeout: { attemptDurationSeconds: 1 } });
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: 'stubborn', jobQueue: 'retry', jobDefinition: 'stubborn' }));
    const job = await waitFinished(h.client, jobId as string);
    expect(job.status).toBe('FAILED');
    expect(job.statusReason).toBe('Job attempt duration exceeded timeout');
    const [attempt] = job.attempts ?? [];
    expect(attempt.container?.exitCode).toBe(137);
    expect((attempt.stoppedAt as number) - (attempt.startedAt as number)).toBeGreaterThanOrEqual(2000);
  });
});
