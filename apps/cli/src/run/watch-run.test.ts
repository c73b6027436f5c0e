import { BatchClient, DescribeJobsCommand, JobStatus } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import type { ChunkRecord, RunRecord } from '@framefarm/run-store';
import { pollInterval, renderEndsInMs, watchRun } from './watch-run';

describe('the CLI polls a run', () => {
  it('every 400 ms while the plan runs and while encode runs', () => {
    expect(pollInterval({ stage: 'submitted', chunksDone: 0, chunks: 4 })).toBe(400);
    expect(pollInterval({ stage: 'planning', chunksDone: 0, chunks: 4 })).toBe(400);
    expect(pollInterval({ stage: 'encoding', chunksDone: 4, chunks: 4 })).toBe(400);
  });

  it('every second while render jobs draw frames and their end is not in sight', () => {
    expect(pollInterval({ stage: 'rendering', chunksDone: 0, chunks: 4 })).toBe(1000);
    expect(pollInterval({ stage: 'rendering', chunksDone: 3, chunks: 4 }, 5_000)).toBe(1000);
  });

  it('when the chunks foresee their last frame within a second, then, but not more often than every 200 ms', () => {
    expect(pollInterval({ stage: 'rendering', chunksDone: 1, chunks: 2 }, 640)).toBe(640);
    expect(pollInterval({ stage: 'rendering', chunksDone: 1, chunks: 2 }, 30)).toBe(200);
    expect(pollInterval({ stage: 'rendering', chunksDone: 1, chunks: 2 }, -3_000)).toBe(200);
  });

  it('every 200 ms once every chunk says it is done and the render array has yet to succeed', () => {
    expect(pollInterval({ stage: 'rendering', chunksDone: 4, chunks: 4 })).toBe(200);
  });
});

const chunk = (c: Partial<ChunkRecord>): ChunkRecord => ({
  runId: 'r1', index: 0, start: 0, end: 100, status: 'RENDERING', framesDone: 0, attempt: 1,
  startedAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', ...c,
});
const at = (iso: string): number => Date.parse(iso);

describe('when the render jobs will have drawn every frame', () => {
  it('extrapolates each chunk from its own rate and takes the last', () => {
    const chunks = [
      // 40 of 100 frames in 2 s: 60 more take 3 s, so done at 10:00:05.
      chunk({ index: 0, framesDone: 40, updatedAt: '2026-12-01T10:00:02.000Z' }),
      // 90 of 100 frames in 4.5 s: done at 10:00:05.
      chunk({ index: 1, start: 100, end: 200, framesDone: 90, updatedAt: '2026-12-01T10:00:04.500Z' }),
      chunk({ index: 2, start: 200, end: 300, status: 'SUCCEEDED', framesDone: 100 }),
    ];
    expect(renderEndsInMs(chunks, 3, at('2026-12-01T10:00:04.600Z'))).toBe(400);
    chunks[0] = chunk({ index: 0, framesDone: 40, startedAt: '2026-12-01T09:59:59.000Z', updatedAt: '2026-12-01T10:00:02.000Z' });
    expect(renderEndsInMs(chunks, 3, at('2026-12-01T10:00:04.600Z'))).toBe(1_900);
  });

  it('cannot tell while a chunk has no record, no frame yet, or failed', () => {
    const drawing = chunk({ framesDone: 40, updatedAt: '2026-12-01T10:00:02.000Z' });
    const now = at('2026-12-01T10:00:03.000Z');
    expect(renderEndsInMs([drawing], 2, now)).toBeUndefined();
    expect(renderEndsInMs([drawing, chunk({ index: 1 })], 2, now)).toBeUndefined();
    expect(renderEndsInMs([drawing, chunk({ index: 1, status: 'FAILED', framesDone: 10, updatedAt: '2026-12-01T10:00:01.000Z' })], 2, now)).toBeUndefined();
    expect(renderEndsInMs([drawing], 1, now)).toBe(2_000);
  });
});

describe('watching a run to its end', () => {
  const record = { runId: 'r1', renderJobId: 'render', encodeJobId: 'encode' } as RunRecord;
  const batch = mockClient(BatchClient);
  afterEach(() => batch.reset());
  afterAll(() => batch.restore());

  /** A clock that only the watcher's sleeps move, and what Batch says at each moment. */
  function simulate(statusAt: (jobId: string, ms: number) => JobStatus) {
    let now = 0;
    const reads: number[] = [];
    const describes: { ms: number; jobs: string[] }[] = [];
    batch.on(DescribeJobsCommand).callsFake((input: { jobs: string[] }) => {
      describes.push({ ms: now, jobs: input.jobs });
      return { jobs: input.jobs.map((jobId) => ({ jobId, jobName: jobId, status: statusAt(jobId, now) })) };
    });
    const sources = {
      batch: new BatchClient({ region: 'us-east-1' }),
      store: { records: { table: 't', getRun: async () => (reads.push(now), record), listChunks: async () => [] } },
    };
    const sleep = async (ms: number) => {
      now += ms;
    };
    return { sources, sleep, reads, describes, now: () => now };
  }

  it('watches the encode job alone once the render array has succeeded, and sees its end within one short poll', async () => {
    const { sources, sleep, reads, describes, now } = simulate((jobId, ms) =>
      jobId !== 'encode' ? 'SUCCEEDED' : ms < 150 ? 'RUNNABLE' : ms < 430 ? 'RUNNING' : 'SUCCEEDED',
    );
    const states: (string | undefined)[] = [];
    const { outcome } = await watchRun(sources, 'r1', 'plan', { pollMs: 1000, encodePollMs: 100, sleep, onState: (s) => states.push(s.encode?.status) });
    expect(outcome).toBe('succeeded');
    expect(now()).toBe(500);
    // The run is read in full at the start, when encode starts running, and when it has ended.
    expect(reads).toEqual([0, 200, 500]);
    expect(states).toEqual(['RUNNABLE', 'RUNNING', 'SUCCEEDED']);
    expect(describes.filter((d) => d.jobs.length === 1).map((d) => d.ms)).toEqual([100, 200, 300, 400, 500]);
    expect(describes.every((d) => d.jobs.length === 3 || d.jobs[0] === 'encode')).toBe(true);
  });

  it('reads the run in full at the poll interval while render jobs draw, and stops on a failure', async () => {
    const { sources, sleep, reads, describes } = simulate((jobId, ms) =>
      jobId === 'plan' ? 'SUCCEEDED' : jobId === 'render' ? (ms < 2500 ? 'RUNNING' : 'FAILED') : ms < 2500 ? 'PENDING' : 'FAILED',
    );
    const { outcome } = await watchRun(sources, 'r1', 'plan', { pollMs: () => 1000, sleep });
    expect(outcome).toBe('failed');
    expect(reads).toEqual([0, 1000, 2000, 3000]);
    expect(describes.every((d) => d.jobs.length === 3)).toBe(true);
  });

  it('goes back to full reads when Batch no longer knows the encode job', async () => {
    const { sources, sleep, reads } = simulate((jobId, ms) => (jobId === 'encode' ? (ms < 300 ? 'RUNNING' : 'FAILED') : 'SUCCEEDED'));
    batch.on(DescribeJobsCommand, { jobs: ['encode'] }).resolves({ jobs: [] });
    const { outcome } = await watchRun(sources, 'r1', 'plan', { pollMs: 1000, encodePollMs: 100, sleep });
    expect(outcome).toBe('failed');
    expect(reads).toEqual([0, 100, 200, 300]);
  });
});
