import { DescribeJobsCommand, ListJobsCommand, type ListJobsCommandInput, SubmitJobCommand } from '@aws-sdk/client-batch';
import { createQueue, type Harness, shellDefinition, startHarness, waitFinished } from './harness';

describe('ListJobs and DescribeJobs', () => {
  let h: Harness;
  const ids: string[] = [];
  let middleCreatedAt = 0;
  beforeAll(async () => {
    h = await startHarness();
    await createQueue(h.client, 'list', { maxvCpus: 4 });
    await shellDefinition(h.client, 'alpha-def', 'true');
    await shellDefinition(h.client, 'beta-def', 'exit 1');
    for (let i = 0; i < 5; i++) {
      const out = await h.client.send(
        new SubmitJobCommand({ jobName: i % 2 === 0 ? `Render-${i}` : `encode-${i}`, jobQueue: 'list', jobDefinition: i % 2 === 0 ? 'alpha-def' : 'beta-def' }),
      );
      ids.push(out.jobId as string);
      await waitFinished(h.client, out.jobId as string);
      if (i === 2) middleCreatedAt = (await h.client.send(new DescribeJobsCommand({ jobs: [out.jobId as string] }))).jobs?.[0].createdAt as number;
    }
  });
  afterAll(() => h.close());

  const list = async (input: Omit<ListJobsCommandInput, 'jobQueue'> & { jobQueue?: string }) =>
    (await h.client.send(new ListJobsCommand({ jobQueue: 'list', ...input }))).jobSummaryList?.map((s) => s.jobId) ?? [];

  it('lists RUNNING jobs by default and by status otherwise, newest first', async () => {
    expect(await list({})).toEqual([]);
    expect(await list({ jobStatus: 'SUCCEEDED' })).toEqual([ids[4], ids[2], ids[0]]);
    expect(await list({ jobStatus: 'FAILED' })).toEqual([ids[3], ids[1]]);
  });

  it('filters by job name prefix (case-insensitive), ignoring jobStatus', async () => {
    expect(await list({ jobStatus: 'RUNNING', filters: [{ name: 'JOB_NAME', values: ['render*'] }] })).toEqual([ids[4], ids[2], ids[0]]);
    expect(await list({ filters: [{ name: 'JOB_NAME', values: ['encode-3'] }] })).toEqual([ids[3]]);
  });

  it('filters by job definition name, name:revision, ARN and prefix', async () => {
    expect(await list({ filters: [{ name: 'JOB_DEFINITION', values: ['beta-def'] }] })).toEqual([ids[3], ids[1]]);
    expect(await list({ filters: [{ name: 'JOB_DEFINITION', values: ['alpha-def:1'] }] })).toEqual([ids[4], ids[2], ids[0]]);
    expect(await list({ filters: [{ name: 'JOB_DEFINITION', values: ['arn:aws:batch:us-east-1:123456789012:job-definition/beta-def:1'] }] })).toEqual([ids[3], ids[1]]);
    expect(await list({ filters: [{ name: 'JOB_DEFINITION', values: ['*'] }] })).toHaveLength(5);
  });

  it('filters by creation time', async () => {
    expect(await list({ filters: [{ name: 'BEFORE_CREATED_AT', values: [String(middleCreatedAt)] }] })).toEqual([ids[1], ids[0]]);
    expect(await list({ filters: [{ name: 'AFTER_CREATED_AT', values: [String(middleCreatedAt)] }] })).toEqual([ids[4], ids[3]]);
  });

  it('pages with maxResults and nextToken', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const out = await h.client.send(new ListJobsCommand({ jobQueue: 'list', filters: [{ name: 'JOB_NAME', values: ['*'] }], maxResults: 2, nextToken }));
      seen.push(...(out.jobSummaryList?.map((s) => s.jobId as string) ?? []));
      nextToken = out.nextToken;
      pages++;
    } while (nextToken);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('summarises jobs with their status, times and exit code', async () => {
    const out = await h.client.send(new ListJobsCommand({ jobQueue: 'list', jobStatus: 'FAILED', maxResults: 1 }));
    const [summary] = out.jobSummaryList ?? [];
    expect(summary).toMatchObject({ jobId: ids[3], jobName: 'encode-3', status: 'FAILED', container: { exitCode: 1 } });
    expect(summary.jobArn).toBe(`arn:aws:batch:us-east-1:123456789012:job/${ids[3]}`);
    expect(summary.stoppedAt as number).toBeGreaterThanOrEqual(summary.startedAt as number);
    expect(out.nextToken).toBeDefined();
  });

  it('needs exactly one of jobQueue, arrayJobId, multiNodeJobId', async () => {
    await expect(h.client.send(new ListJobsCommand({}))).rejects.toMatchObject({ name: 'ClientException', message: expect.stringContaining('exactly one of jobQueue') });
    await expect(h.client.send(new ListJobsCommand({ jobQueue: 'list', arrayJobId: ids[0] }))).rejects.toMatchObject({ name: 'ClientException' });
    await expect(list({ jobQueue: 'nope' })).rejects.toMatchObject({ message: 'job queue nope does not exist' });
    await expect(h.client.send(new ListJobsCommand({ arrayJobId: ids[0] }))).rejects.toMatchObject({ message: expect.stringContaining('is not an array job') });
    await expect(list({ filters: [{ name: 'COLOUR', values: ['x'] }] })).rejects.toMatchObject({ message: expect.stringContaining('filters[0].name must be one of') });
  });

  it('describes up to 100 jobs, leaves unknown ids out, and rejects 101', async () => {
    const hundred = [...ids, ...Array.from({ length: 95 }, (_, i) => `unknown-${i}`)];
    const out = await h.client.send(new DescribeJobsCommand({ jobs: hundred }));
    expect(out.jobs?.map((j) => j.jobId)).toEqual(ids);
    await expect(h.client.send(new DescribeJobsCommand({ jobs: [...hundred, 'one-more'] }))).rejects.toMatchObject({
      name: 'ClientException',
      message: expect.stringContaining('Maximum number of jobs supported is 100'),
      $metadata: { httpStatusCode: 400 },
    });
  });
});
