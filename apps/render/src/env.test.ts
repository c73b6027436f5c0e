import { readRenderEnv } from './env';

const base = { RUN_ID: 'r1', TOTAL_FRAMES: '10', FRAMES_PER_RENDER_JOB: '4' };

describe('render job environment', () => {
  it('takes chunk 0 when there is no array index (a plain job)', () => {
    const config = readRenderEnv(base);
    expect(config.chunk).toEqual({ index: 0, start: 0, end: 4 });
    expect(config).toMatchObject({ jobId: 'local', attempt: 1 });
  });

  it('takes its frames from the array index, the last chunk shorter', () => {
    const config = readRenderEnv({ ...base, AWS_BATCH_JOB_ID: 'abc:2', AWS_BATCH_JOB_ARRAY_INDEX: '2', AWS_BATCH_JOB_ARRAY_SIZE: '3', AWS_BATCH_JOB_ATTEMPT: '2' });
    expect(config.chunk).toEqual({ index: 2, start: 8, end: 10 });
    expect(config).toMatchObject({ jobId: 'abc:2', attempt: 2 });
  });

  it('rejects an index outside the plan and says why', () => {
    expect(() => readRenderEnv({ ...base, AWS_BATCH_JOB_ARRAY_INDEX: '3' })).toThrow(/chunk index 3 is outside 0…2 \(TOTAL_FRAMES 10, FRAMES_PER_RENDER_JOB 4\)/);
    expect(() => readRenderEnv({ ...base, AWS_BATCH_JOB_ARRAY_INDEX: 'x' })).toThrow(/AWS_BATCH_JOB_ARRAY_INDEX must be a whole number/);
  });

  it('needs the run id and frame counts plan passes down', () => {
    expect(() => readRenderEnv({ TOTAL_FRAMES: '10' })).toThrow(/RUN_ID is required.*FRAMES_PER_RENDER_JOB is required/);
  });
});
