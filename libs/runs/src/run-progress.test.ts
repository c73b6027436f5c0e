import { JobDetail } from '@aws-sdk/client-batch';
import { ChunkRecord, RunRecord } from '@framefarm/run-store';
import { outcomeOf, RunState, runStatusOf } from './run-state';
import { progressOf } from './run-progress';

const job = (status: string): JobDetail => ({ jobId: status, jobName: 'j', jobQueue: 'q', jobDefinition: 'd', status }) as JobDetail;
const chunk = (index: number, status: ChunkRecord['status'], framesDone: number): ChunkRecord =>
  ({ runId: 'r', index, start: index * 10, end: index * 10 + 10, status, framesDone, attempt: 1, startedAt: '', updatedAt: '' }) as ChunkRecord;
const record = { runId: 'r', renderJobId: 'render', encodeJobId: 'encode' } as RunRecord;

describe('run state', () => {
  it('follows the stages from submission to the end', () => {
    const at = (state: Partial<RunState>) => progressOf({ chunks: [], ...state }, 40, 4, 1000).stage;
    expect(at({ plan: job('RUNNABLE') })).toBe('submitted');
    expect(at({ plan: job('RUNNING') })).toBe('planning');
    expect(at({ plan: job('SUCCEEDED'), record, render: job('PENDING'), encode: job('PENDING') })).toBe('rendering');
    expect(at({ plan: job('SUCCEEDED'), record, render: job('SUCCEEDED'), encode: job('RUNNING') })).toBe('encoding');
    expect(at({ plan: job('SUCCEEDED'), record, render: job('SUCCEEDED'), encode: job('SUCCEEDED') })).toBe('succeeded');
  });

  it('counts finished chunks whole and running chunks by frames done', () => {
    const p = progressOf({ plan: job('SUCCEEDED'), record, chunks: [chunk(0, 'SUCCEEDED', 10), chunk(1, 'SKIPPED', 0), chunk(2, 'RENDERING', 4)] }, 40, 4, 1000);
    expect(p).toMatchObject({ framesDone: 24, chunksDone: 2, chunks: 4, totalFrames: 40 });
  });

  it('ends the run when plan fails, when encode fails, or when plan records no children', () => {
    expect(outcomeOf({ plan: job('FAILED'), chunks: [] })).toBe('failed');
    expect(outcomeOf({ plan: job('SUCCEEDED'), record, encode: job('FAILED'), chunks: [] })).toBe('failed');
    expect(outcomeOf({ plan: job('SUCCEEDED'), record: { runId: 'r' } as RunRecord, chunks: [] })).toBe('failed');
    expect(outcomeOf({ plan: job('SUCCEEDED'), record, render: job('FAILED'), encode: job('PENDING'), chunks: [] })).toBe('running');
  });

  it('says SUCCEEDED once the encode job has ended, not when encode has only recorded it', () => {
    const succeeded = { ...record, status: 'SUCCEEDED' } as RunRecord;
    expect(runStatusOf({ plan: job('SUCCEEDED'), record: succeeded, render: job('SUCCEEDED'), encode: job('RUNNING'), chunks: [] })).toBe('ENCODING');
    expect(runStatusOf({ plan: job('SUCCEEDED'), record: succeeded, render: job('SUCCEEDED'), encode: job('SUCCEEDED'), chunks: [] })).toBe('SUCCEEDED');
    // Batch forgets jobs after a while: the record then has the last word.
    expect(runStatusOf({ record: succeeded, chunks: [] })).toBe('SUCCEEDED');
  });
});
