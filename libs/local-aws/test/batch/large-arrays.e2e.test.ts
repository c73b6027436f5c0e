import { CancelJobCommand, CreateComputeEnvironmentCommand, CreateJobQueueCommand, ListJobsCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { type Harness, shellDefinition, startHarness, waitFor } from './harness';

/** 10,000-child arrays without running them: a DISABLED environment keeps the children RUNNABLE. */
describe('arrays of 10,000 children', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.client.send(
      new CreateComputeEnvironmentCommand({ computeEnvironmentName: 'parked', type: 'MANAGED', state: 'DISABLED', computeResources: { type: 'EC2', maxvCpus: 2, subnets: [] } }),
    );
    await h.client.send(new CreateJobQueueCommand({ jobQueueName: 'big', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'parked' }] }));
    await shellDefinition(h.client, 'noop', 'true');
  });
  afterAll(() => h.close());

  it('counts, lists, cancels and cascades through 10,000 children', async () => {
    const first = (await h.client.send(new SubmitJobCommand({ jobName: 'first', jobQueue: 'big', jobDefinition: 'noop', arrayProperties: { size: 10_000 } }))).jobId as string;
    const second = (
      await h.client.send(
        new SubmitJobCommand({ jobName: 'second', jobQueue: 'big', jobDefinition: 'noop', arrayProperties: { size: 10_000 }, dependsOn: [{ jobId: first, type: 'N_TO_N' }] }),
      )
    ).jobId as string;
    const waiting = await waitFor(h.client, second, (j) => j.arrayProperties?.statusSummary?.PENDING === 10_000);
    expect(waiting.status).toBe('PENDING');
    const parked = await waitFor(h.client, first, (j) => j.arrayProperties?.statusSummary?.RUNNABLE === 10_000);
    expect(parked.status).toBe('PENDING');

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h.client.send(new ListJobsCommand({ arrayJobId: first, jobStatus: 'RUNNABLE', nextToken }));
      seen.push(...(page.jobSummaryList ?? []).map((s) => s.jobId as string));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toHaveLength(10_000);
    expect(seen[9_999]).toBe(`${first}:9999`);

    await h.client.send(new CancelJobCommand({ jobId: first, reason: 'too big' }));
    const cancelled = await waitFor(h.client, first, (j) => j.status === 'FAILED');
    expect(cancelled.arrayProperties?.statusSummary).toMatchObject({ FAILED: 10_000, RUNNABLE: 0 });
    const dependent = await waitFor(h.client, second, (j) => j.status === 'FAILED');
    expect(dependent.arrayProperties?.statusSummary).toMatchObject({ FAILED: 10_000, PENDING: 0 });
    const [child] = (await h.client.send(new ListJobsCommand({ arrayJobId: second, jobStatus: 'FAILED', maxResults: 1 }))).jobSummaryList ?? [];
    expect(child.statusReason).toBe('Dependent Job failed');
  });
});
