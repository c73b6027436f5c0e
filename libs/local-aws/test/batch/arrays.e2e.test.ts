import { type JobDetail, ListJobsCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createQueue, describe as describeJobs, type Harness, shellDefinition, startHarness, waitFinished } from './harness';

async function children(h: Harness, parentId: string, size: number): Promise<JobDetail[]> {
  const ids = Array.from({ length: size }, (_, i) => `${parentId}:${i}`);
  const jobs = await describeJobs(h.client, ids);
  return jobs.sort((a, b) => (a.arrayProperties?.index ?? 0) - (b.arrayProperties?.index ?? 0));
}

describe('array jobs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ defaultCapacity: { vcpus: 4, memoryMiB: 8192 } });
    await createQueue(h.client, 'arrays', { maxvCpus: 4 });
  });
  afterAll(() => h.close());

  it('gives each child its index and size, and sums children in statusSummary', async () => {
    const out = join(h.dir, 'indexes');
    await shellDefinition(h.client, 'index-writer', `echo "$AWS_BATCH_JOB_ARRAY_INDEX/$AWS_BATCH_JOB_ARRAY_SIZE $AWS_BATCH_JOB_ID" >> ${out}`);
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: 'idx', jobQueue: 'arrays', jobDefinition: 'index-writer', arrayProperties: { size: 3 } }));
    const parent = await waitFinished(h.client, jobId as string);
    expect(parent.status).toBe('SUCCEEDED');
    expect(parent.arrayProperties?.size).toBe(3);
    expect(parent.arrayProperties?.statusSummary).toMatchObject({ SUCCEEDED: 3, FAILED: 0, RUNNING: 0 });
    const lines = readFileSync(out, 'utf8').trim().split('\n').sort();
    expect(lines).toEqual([0, 1, 2].map((i) => `${i}/3 ${jobId}:${i}`));
    const kids = await children(h, jobId as string, 3);
    expect(kids.map((k) => k.arrayProperties?.index)).toEqual([0, 1, 2]);
    expect(kids.every((k) => k.status === 'SUCCEEDED')).toBe(true);
    const listed = await h.client.send(new ListJobsCommand({ arrayJobId: jobId, jobStatus: 'SUCCEEDED' }));
    expect(listed.jobSummaryList?.map((s) => s.jobId)).toEqual([0, 1, 2].map((i) => `${jobId}:${i}`));
  });

  it('runs SEQUENTIAL children one after another', async () => {
    await shellDefinition(h.client, 'quick', 'echo $AWS_BATCH_JOB_ARRAY_INDEX');
    const { jobId } = await h.client.send(
      new SubmitJobCommand({ jobName: 'seq', jobQueue: 'arrays', jobDefinition: 'quick', arrayProperties: { size: 4 }, dependsOn: [{ type: 'SEQUENTIAL' }] }),
    );
    expect((await waitFinished(h.client, jobId as string)).status).toBe('SUCCEEDED');
    const kids = await children(h, jobId as string, 4);
    for (let i = 1; i < kids.length; i++) {
      expect(kids[i].startedAt as number).toBeGreaterThanOrEqual(kids[i - 1].stoppedAt as number);
      expect(kids[i].dependsOn).toEqual([{ jobId: `${jobId}:${i - 1}`, type: 'SEQUENTIAL' }]);
    }
  });

  it('starts child i of an N_TO_N array only after child i of its dependency, not after the whole array', async () => {
    // Child 0 of the first array finishes only once child 2 of the second array has run, which
    // deadlocks (and fails) if N_TO_N waited for the whole first array.
    const marker = join(h.dir, 'post-2-ran');
    await shellDefinition(
      h.client,
      'waits-for-peer',
      `if [ "$AWS_BATCH_JOB_ARRAY_INDEX" = 0 ]; then for i in $(seq 200); do [ -f ${marker} ] && exit 0; sleep 0.05; done; exit 1; fi`,
    );
    await shellDefinition(h.client, 'marks', `touch ${join(h.dir, 'post-')}$AWS_BATCH_JOB_ARRAY_INDEX-ran`);
    const first = await h.client.send(new SubmitJobCommand({ jobName: 'render', jobQueue: 'arrays', jobDefinition: 'waits-for-peer', arrayProperties: { size: 3 } }));
    const second = await h.client.send(
      new SubmitJobCommand({ jobName: 'post', jobQueue: 'arrays', jobDefinition: 'marks', arrayProperties: { size: 3 }, dependsOn: [{ jobId: first.jobId, type: 'N_TO_N' }] }),
    );
    expect((await waitFinished(h.client, second.jobId as string)).status).toBe('SUCCEEDED');
    expect((await waitFinished(h.client, first.jobId as string)).status).toBe('SUCCEEDED');
    const a = await children(h, first.jobId as string, 3);
    const b = await children(h, second.jobId as string, 3);
    for (let i = 0; i < 3; i++) {
      expect(b[i].startedAt as number).toBeGreaterThanOrEqual(a[i].stoppedAt as number);
      expect(b[i].dependsOn).toEqual([{ jobId: `${first.jobId}:${i}`, type: 'N_TO_N' }]);
    }
    // Child 2 of the second array started while child 0 of the first still ran: child 0 ends only after
    // child 2 has written the marker. (Which of the two is seen to stop first is a race: child 0 may
    // see the marker before child 2's process has exited.)
    expect(b[2].startedAt as number).toBeLessThanOrEqual(a[0].stoppedAt as number);
  });

  it('makes a plain dependency wait for the whole array', async () => {
    await shellDefinition(h.client, 'staggered', 'sleep 0.$((3 - AWS_BATCH_JOB_ARRAY_INDEX))');
    const array = await h.client.send(new SubmitJobCommand({ jobName: 'many', jobQueue: 'arrays', jobDefinition: 'staggered', arrayProperties: { size: 3 } }));
    const join1 = await h.client.send(new SubmitJobCommand({ jobName: 'join', jobQueue: 'arrays', jobDefinition: 'quick', dependsOn: [{ jobId: array.jobId }] }));
    const joined = await waitFinished(h.client, join1.jobId as string);
    const kids = await children(h, array.jobId as string, 3);
    expect(joined.status).toBe('SUCCEEDED');
    for (const kid of kids) expect(joined.startedAt as number).toBeGreaterThanOrEqual(kid.stoppedAt as number);
  });

  it('fails the parent when any child fails, after all children are done', async () => {
    await shellDefinition(h.client, 'odd-fails', 'exit $((AWS_BATCH_JOB_ARRAY_INDEX % 2))');
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: 'mixed', jobQueue: 'arrays', jobDefinition: 'odd-fails', arrayProperties: { size: 4 } }));
    const parent = await waitFinished(h.client, jobId as string);
    expect(parent.status).toBe('FAILED');
    expect(parent.arrayProperties?.statusSummary).toMatchObject({ SUCCEEDED: 2, FAILED: 2 });
    const kids = await children(h, jobId as string, 4);
    expect(kids.map((k) => k.status)).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED', 'FAILED']);
    expect(parent.stoppedAt as number).toBeGreaterThanOrEqual(Math.max(...kids.map((k) => k.stoppedAt as number)));
  });
});
