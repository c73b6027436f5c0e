import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from './journal';
import type { JobRecord } from './model';
import { StateStore } from './state-store';

const definition = { jobDefinitionName: 'd', revision: 1, status: 'ACTIVE' as const, type: 'container', parameters: {}, tags: {} };

function arrayJob(id: string, size: number): JobRecord {
  return {
    jobId: id,
    status: 'SUBMITTED',
    createdAt: 1,
    attempts: [],
    submission: { jobName: 'a', jobQueueName: 'q', jobDefinitionName: 'd', jobDefinitionRevision: 1, dependsOn: [], parameters: {}, arraySize: size },
  };
}

function open(dir: string): { journal: Journal; store: StateStore } {
  const { journal, loaded } = Journal.open(dir);
  const store = new StateStore(journal);
  store.load(loaded);
  return { journal, store };
}

describe('journal and state store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'batch-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replays records, array children and their counters after a restart', () => {
    const first = open(dir);
    first.store.putJobDefinition(definition);
    first.store.addJob(arrayJob('p', 3));
    const child = first.store.jobs.get('p:1') as JobRecord;
    first.store.patchJob(child, { status: 'RUNNABLE' });
    first.store.patchJob(child, { status: 'STARTING', attempts: [{ computeEnvironmentName: 'ce', taskId: 't', logStreamName: 'd/default/t' }] });
    first.journal.close();

    const second = open(dir);
    expect(second.store.jobs.get('p:1')).toMatchObject({ status: 'STARTING', attempts: [{ taskId: 't' }] });
    expect(second.store.children.get('p')?.map((c) => c.jobId)).toEqual(['p:0', 'p:1', 'p:2']);
    expect(second.store.childCounts.get('p')).toMatchObject({ SUBMITTED: 2, STARTING: 1 });
    expect(second.store.queueJobs.get('q')?.map((j) => j.jobId)).toEqual(['p']);
    second.journal.close();
  });

  it('drops a line torn by a crash and keeps the rest', () => {
    const first = open(dir);
    first.store.putJobDefinition(definition);
    first.store.addJob(arrayJob('p', 2));
    first.journal.close();
    appendFileSync(join(dir, 'journal-0.log'), '{"k":"p","id":"p:0","p":{"sta');
    const second = open(dir);
    expect(second.store.jobs.get('p:0')?.status).toBe('SUBMITTED');
    second.journal.close();
  });

  it('compacts into a snapshot and continues the journal after it', () => {
    const first = open(dir);
    first.store.putJobDefinition(definition);
    first.store.addJob(arrayJob('p', 2));
    first.store.patchJob(first.store.jobs.get('p:0') as JobRecord, { status: 'RUNNABLE' });
    first.journal.compact(first.store.snapshot());
    expect(first.journal.size).toBe(0);
    first.store.patchJob(first.store.jobs.get('p:1') as JobRecord, { status: 'FAILED', statusReason: 'x' });
    first.journal.close();
    expect(readdirSync(dir).sort()).toEqual(['journal-1.log', 'snapshot-1.json']);

    const second = open(dir);
    expect(second.store.jobs.get('p:0')?.status).toBe('RUNNABLE');
    expect(second.store.jobs.get('p:1')).toMatchObject({ status: 'FAILED', statusReason: 'x' });
    expect(second.store.childCounts.get('p')).toMatchObject({ RUNNABLE: 1, FAILED: 1, SUBMITTED: 0 });
    expect(second.store.definitionOf(second.store.submissionOf(second.store.jobs.get('p:0') as JobRecord)).revision).toBe(1);
    second.journal.close();
  });

  it('makes a read wait for the change it shows (an array’s for a child), not for other jobs’ later changes', async () => {
    // a long flush delay: nothing reaches the file unless something waits for it
    const { journal, loaded } = Journal.open(dir, 60_000);
    const store = new StateStore(journal);
    store.load(loaded);
    const onDisk = () => readFileSync(join(dir, 'journal-0.log'), 'utf8');
    store.putJobDefinition(definition);
    store.addJob(arrayJob('a', 2));
    const a = store.jobs.get('a') as JobRecord;
    await journal.durable(store.lastChangeOf(a));
    expect(onDisk()).toContain('"jobId":"a"');

    store.addJob(arrayJob('b', 1));
    await journal.durable(store.lastChangeOf(a));
    expect(onDisk()).not.toContain('"jobId":"b"');

    const child = store.jobs.get('a:1') as JobRecord;
    store.patchJob(child, { status: 'RUNNABLE' });
    expect(store.lastChangeOf(store.jobs.get('a:0') as JobRecord)).toBe(store.lastChangeOf(child)); // statusSummary of a changed too
    await journal.durable(store.lastChangeOf(child));
    expect(onDisk()).toContain('"id":"a:1"');
    journal.close();

    // what was loaded from disk is durable already
    const again = open(dir);
    expect(again.store.lastChangeOf(again.store.jobs.get('a:1') as JobRecord)).toBe(0);
    again.journal.close();
  });

  it('refuses a transition the state machine does not have', () => {
    const { store, journal } = open(dir);
    store.putJobDefinition(definition);
    store.addJob(arrayJob('p', 2));
    expect(() => store.patchJob(store.jobs.get('p:0') as JobRecord, { status: 'RUNNING' })).toThrow('cannot go from SUBMITTED to RUNNING');
    journal.close();
  });
});

describe('retention of finished jobs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'batch-retention-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const job = (id: string, status: JobRecord['status'], stoppedAt: number | undefined, dependsOn: string[] = [], arraySize?: number): JobRecord => ({
    jobId: id,
    status,
    createdAt: 1,
    stoppedAt,
    attempts: [],
    submission: { jobName: id, jobQueueName: 'q', jobDefinitionName: 'd', jobDefinitionRevision: 1, dependsOn: dependsOn.map((jobId) => ({ jobId })), parameters: {}, arraySize },
  });

  it('drops old finished jobs and their children, keeping what unfinished jobs depend on', () => {
    const { journal, store } = open(dir);
    store.putJobDefinition(definition);
    store.addJob(job('old', 'SUCCEEDED', 100));
    store.addJob(job('old-array', 'FAILED', 100, [], 2));
    store.addJob(job('old-but-needed', 'SUCCEEDED', 100));
    store.addJob(job('recent', 'SUCCEEDED', 5_000));
    store.addJob(job('waiting', 'PENDING', undefined, ['old-but-needed']));
    expect(store.expireFinished(1_000)).toBe(2);
    expect([...store.jobs.keys()].sort()).toEqual(['old-but-needed', 'recent', 'waiting']);
    expect(store.queueJobs.get('q')?.map((j) => j.jobId)).toEqual(['old-but-needed', 'recent', 'waiting']);
    expect(store.childCounts.has('old-array')).toBe(false);
    journal.compact(store.snapshot());
    journal.close();
    const again = open(dir);
    expect([...again.store.jobs.keys()].sort()).toEqual(['old-but-needed', 'recent', 'waiting']);
    again.journal.close();
  });
});
