import { type BatchClient, SubmitJobCommand } from '@aws-sdk/client-batch';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createQueue, describe as describeJobs, describeOne, type Harness, shellDefinition, startHarness, waitFinished, waitFor } from './harness';

async function submit(client: BatchClient, name: string, definition: string, dependsOn: string[] = [], extra: object = {}): Promise<string> {
  const out = await client.send(
    new SubmitJobCommand({ jobName: name, jobQueue: 'deps', jobDefinition: definition, dependsOn: dependsOn.map((jobId) => ({ jobId })), ...extra }),
  );
  return out.jobId as string;
}

describe('job dependencies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await createQueue(h.client, 'deps', { maxvCpus: 4 });
    await shellDefinition(h.client, 'ok', 'sleep 0.05');
    await shellDefinition(h.client, 'fails', 'exit 3');
    await shellDefinition(h.client, 'fails-once', 'test "$AWS_BATCH_JOB_ATTEMPT" -gt 1', { retryStrategy: { attempts: 2 } });
  });
  afterAll(() => h.close());

  it('runs a 6-job DAG in dependency order', async () => {
    const a = await submit(h.client, 'A', 'ok');
    const b = await submit(h.client, 'B', 'ok', [a]);
    const c = await submit(h.client, 'C', 'ok', [a]);
    const d = await submit(h.client, 'D', 'ok', [a, b]);
    const e = await submit(h.client, 'E', 'ok', [c]);
    const f = await submit(h.client, 'F', 'ok', [d, e]);
    const edges: [string, string][] = [[b, a], [c, a], [d, a], [d, b], [e, c], [f, d], [f, e]];
    await waitFinished(h.client, f);
    const jobs = new Map((await describeJobs(h.client, [a, b, c, d, e, f])).map((j) => [j.jobId as string, j]));
    for (const job of jobs.values()) expect(job.status).toBe('SUCCEEDED');
    for (const [after, before] of edges) {
      expect(jobs.get(after)?.startedAt as number).toBeGreaterThanOrEqual(jobs.get(before)?.stoppedAt as number);
    }
    expect(jobs.get(d)?.dependsOn).toEqual([{ jobId: a }, { jobId: b }]);
  });

  it('shows PENDING while waiting and fails dependents (transitively) when a dependency fails', async () => {
    const release = join(h.dir, 'release-gate');
    const gateScript = `for i in $(seq 400); do [ -f ${release} ] && exit 3; sleep 0.025; done; exit 4`;
    const gate = await submit(h.client, 'gate', 'fails', [], { containerOverrides: { command: ['sh', '-c', gateScript] } });
    const child = await submit(h.client, 'child', 'ok', [gate]);
    const grandchild = await submit(h.client, 'grandchild', 'ok', [child]);
    const array = await submit(h.client, 'arr', 'ok', [gate], { arrayProperties: { size: 2 } });
    const waiting = await waitFor(h.client, child, (job) => job.status !== 'SUBMITTED');
    expect(waiting.status).toBe('PENDING');
    writeFileSync(release, '');
    const failed = await waitFinished(h.client, grandchild);
    const [gateJob, childJob, arrayJob] = await describeJobs(h.client, [gate, child, array]);
    expect(gateJob.status).toBe('FAILED');
    for (const job of [childJob, failed]) {
      expect(job.status).toBe('FAILED');
      expect(job.statusReason).toContain('Dependent Job failed');
      expect(job.attempts).toEqual([]);
      expect(job.stoppedAt as number).toBeGreaterThanOrEqual(gateJob.stoppedAt as number);
    }
    const arrayDone = await waitFinished(h.client, arrayJob.jobId as string);
    expect(arrayDone.status).toBe('FAILED');
    expect(arrayDone.statusReason).toContain('Dependent Job failed');
    expect(arrayDone.arrayProperties?.statusSummary).toMatchObject({ FAILED: 2 });
  });

  it('waits while the failed dependency still has retries left', async () => {
    const flaky = await submit(h.client, 'flaky', 'fails-once');
    const after = await submit(h.client, 'after', 'ok', [flaky]);
    const done = await waitFinished(h.client, after);
    const flakyJob = await describeOne(h.client, flaky);
    expect(flakyJob.status).toBe('SUCCEEDED');
    expect(flakyJob.attempts?.map((a) => a.container?.exitCode)).toEqual([1, 0]);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.startedAt as number).toBeGreaterThanOrEqual(flakyJob.stoppedAt as number);
  });

  it('fails at once when the dependency has already failed', async () => {
    const failed = await submit(h.client, 'early', 'fails');
    await waitFinished(h.client, failed);
    const late = await waitFinished(h.client, await submit(h.client, 'late', 'ok', [failed]));
    expect(late.status).toBe('FAILED');
    expect(late.statusReason).toContain('Dependent Job failed');
  });

  it('rejects more than 20 dependencies and unknown dependency ids', async () => {
    const ids = await Promise.all(Array.from({ length: 21 }, (_, i) => submit(h.client, `dep${i}`, 'ok')));
    await expect(submit(h.client, 'too-many', 'ok', ids)).rejects.toMatchObject({
      name: 'ClientException',
      message: expect.stringContaining('Job cannot have more than 20 dependencies'),
    });
    expect(await submit(h.client, 'twenty', 'ok', ids.slice(0, 20))).toMatch(/^[0-9a-f-]{36}$/);
    await expect(submit(h.client, 'ghost', 'ok', ['no-such-job'])).rejects.toMatchObject({
      name: 'ClientException',
      message: expect.stringContaining('no-such-job does not exist'),
    });
  });
});
