import { BatchJobEnvError } from './errors';
import { childJobId, parentJobIdOf, parseChildJobId, readBatchJobEnv } from './job-env';

describe('readBatchJobEnv', () => {
  it('reads an array child', () => {
    expect(
      readBatchJobEnv({
        AWS_BATCH_JOB_ID: 'abc-123:7',
        AWS_BATCH_JOB_ARRAY_INDEX: '7',
        AWS_BATCH_JOB_ARRAY_SIZE: '8',
        AWS_BATCH_JOB_ATTEMPT: '2',
        AWS_BATCH_JQ_NAME: 'framefarm-render',
        AWS_BATCH_CE_NAME: 'framefarm-local',
        PATH: '/bin',
      }),
    ).toEqual({
      jobId: 'abc-123:7',
      parentJobId: 'abc-123',
      arrayIndex: 7,
      arraySize: 8,
      attempt: 2,
      jobQueue: 'framefarm-render',
      computeEnvironment: 'framefarm-local',
    });
  });

  it('reads a plain job, first attempt when the attempt is not given', () => {
    expect(readBatchJobEnv({ AWS_BATCH_JOB_ID: 'abc', AWS_BATCH_JOB_ARRAY_INDEX: '' })).toEqual({ jobId: 'abc', attempt: 1 });
  });

  it.each([
    [{}, 'AWS_BATCH_JOB_ID', /AWS_BATCH_JOB_ID is not set.*Run it as an AWS Batch job/],
    [{ AWS_BATCH_JOB_ID: 'a:1', AWS_BATCH_JOB_ARRAY_INDEX: '1.5' }, 'AWS_BATCH_JOB_ARRAY_INDEX', /must be a whole number \(got "1.5"\)/],
    [{ AWS_BATCH_JOB_ID: 'a:1', AWS_BATCH_JOB_ARRAY_INDEX: '-1' }, 'AWS_BATCH_JOB_ARRAY_INDEX', /whole number/],
    [{ AWS_BATCH_JOB_ID: 'a:4', AWS_BATCH_JOB_ARRAY_INDEX: '4', AWS_BATCH_JOB_ARRAY_SIZE: '4' }, 'AWS_BATCH_JOB_ARRAY_INDEX', /4 is outside the array of size 4 \(0…3\)/],
    [{ AWS_BATCH_JOB_ID: 'a', AWS_BATCH_JOB_ARRAY_SIZE: '4' }, 'AWS_BATCH_JOB_ARRAY_INDEX', /ARRAY_INDEX is not set/],
    [{ AWS_BATCH_JOB_ID: 'a:2', AWS_BATCH_JOB_ARRAY_INDEX: '3' }, 'AWS_BATCH_JOB_ARRAY_INDEX', /names child 2/],
    [{ AWS_BATCH_JOB_ID: 'a', AWS_BATCH_JOB_ATTEMPT: '0' }, 'AWS_BATCH_JOB_ATTEMPT', /at least 1/],
    [{ AWS_BATCH_JOB_ID: 'a', AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '10001' }, 'AWS_BATCH_JOB_ARRAY_SIZE', /at most 10000/],
  ])('rejects %p naming %s', (env, variable, message) => {
    expect(() => readBatchJobEnv(env)).toThrow(BatchJobEnvError);
    expect(() => readBatchJobEnv(env)).toThrow(message);
    try {
      readBatchJobEnv(env);
    } catch (error) {
      expect((error as BatchJobEnvError).variable).toBe(variable);
    }
  });
});

describe('array child ids', () => {
  it('joins and splits <parentId>:<index>', () => {
    expect(childJobId('5f1c-22', 3)).toBe('5f1c-22:3');
    expect(parseChildJobId('5f1c-22:3')).toEqual({ parentJobId: '5f1c-22', index: 3 });
    expect(parseChildJobId('5f1c-22')).toBeUndefined();
    expect(parentJobIdOf('5f1c-22:3')).toBe('5f1c-22');
    expect(parentJobIdOf('5f1c-22')).toBe('5f1c-22');
  });
});
