import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogStore } from '../logs/log-store';
import { JobLifecycle } from './job-lifecycle';
import { isFinished } from './job-states';
import { Journal } from './journal';
import type { JobPatch, JobRecord } from './model';
import { StateStore } from './state-store';

/** The transient states (SUBMITTED, STARTING) cannot be caught through the API; here they can. */
describe('JobLifecycle in transient states', () => {
  let dir: string;
  let journal: Journal;
  let store: StateStore;
  let lifecycle: JobLifecycle;
  let seq = 0;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'batch-lifecycle-'));
    ({ journal } = Journal.open(join(dir, 'state')));
    store = new StateStore(journal);
    store.putComputeEnvironment({ computeEnvironmentName: 'ce', type: 'MANAGED', state: 'ENABLED', computeResources: { type: 'EC2', maxvCpus: 2, subnets: [] }, tags: {} });
    store.putJobQueue({ jobQueueName: 'q', state: 'ENABLED', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'ce' }], tags: {} });
    store.putJobDefinition({
      jobDefinitionName: 'd',
      revision: 1,
      status: 'ACTIVE',
      type: 'container',
      parameters: {},
      containerProperties: { image: 'x', command: ['sh', '-c', 'sleep 5'] },
      retryStrategy: { attempts: 3 },
      tags: {},
    });
    lifecycle = new JobLifecycle({ store, logStore: new LogStore(join(dir, 'logs')), imageTable: {}, jobEnvironment: {}, host: { milliVcpus: 2000, memoryMiB: 4096 }, stopGraceMs: 100 });
  });
  afterEach(() => {
    lifecycle.stop();
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const newJob = (): JobRecord => ({
    jobId: `job-${++seq}`,
    status: 'SUBMITTED',
    createdAt: Date.now(),
    attempts: [],
    submission: { jobName: 'j', jobQueueName: 'q', jobDefinitionName: 'd', jobDefinitionRevision: 1, dependsOn: [], parameters: {} },
  });

  const settled = async (job: JobRecord): Promise<JobRecord> => {
    for (let i = 0; i < 400 && !isFinished(job.status); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    return job;
  };

  /** Runs `action` synchronously at the moment the job enters `status`. */
  const onEnter = (status: JobRecord['status'], action: (job: JobRecord) => void): void => {
    const patch = store.patchJob.bind(store);
    store.patchJob = (job: JobRecord, change: JobPatch) => {
      patch(job, change);
      if (change.status === status) action(job);
    };
  };

  it('cancels a SUBMITTED job before it is admitted', async () => {
    const job = newJob();
    lifecycle.submit(job);
    expect(job.status).toBe('SUBMITTED');
    lifecycle.cancel(job, 'right away');
    expect(job).toMatchObject({ status: 'FAILED', statusReason: 'right away', isCancelled: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(job.status).toBe('FAILED');
  });

  it('ignores CancelJob in STARTING: the job goes on to run', async () => {
    onEnter('STARTING', (job) => lifecycle.cancel(job, 'ignored'));
    const job = newJob();
    lifecycle.submit(job);
    for (let i = 0; i < 400 && job.status !== 'RUNNING'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(job.status).toBe('RUNNING');
    expect(job.isCancelled).toBeUndefined();
  });

  it('stops a job terminated in STARTING as soon as its process is up, without retrying', async () => {
    onEnter('STARTING', (job) => lifecycle.terminate(job, 'stop while starting'));
    const job = newJob();
    lifecycle.submit(job);
    await settled(job);
    expect(job).toMatchObject({ status: 'FAILED', statusReason: 'stop while starting', isTerminated: true });
    expect(job.attempts).toHaveLength(1);
    expect(job.attempts[0].exitCode).toBe(143);
  });
});
