import { ClientException } from './errors';
import {
  parseEnvironment,
  parseResourceRequirements,
  parseRetryStrategy,
  parseTimeout,
  validateArraySize,
  validateDependencyCount,
  validateDescribeJobsCount,
  validateJobName,
  validatePayloadSize,
  validateTags,
} from './validation';

const fails = (fn: () => unknown, message: string) => {
  expect(fn).toThrow(ClientException);
  expect(fn).toThrow(message);
};

describe('validation', () => {
  it('checks job names', () => {
    expect(() => validateJobName('render-1_a')).not.toThrow();
    expect(() => validateJobName('9lives')).not.toThrow();
    expect(() => validateJobName('x'.repeat(128))).not.toThrow();
    fails(() => validateJobName(''), 'is invalid');
    fails(() => validateJobName('_x'), 'starting with a letter or digit');
    fails(() => validateJobName('a.b'), 'is invalid');
    fails(() => validateJobName('x'.repeat(129)), 'is invalid');
  });

  it('keeps the documented limits', () => {
    expect(() => validateDependencyCount(20)).not.toThrow();
    fails(() => validateDependencyCount(21), 'Job cannot have more than 20 dependencies');
    expect(() => validateDescribeJobsCount(100)).not.toThrow();
    fails(() => validateDescribeJobsCount(101), 'Maximum number of jobs supported is 100');
    expect(() => validateArraySize(2)).not.toThrow();
    expect(() => validateArraySize(10_000)).not.toThrow();
    fails(() => validateArraySize(1), 'between 2 and 10000');
    fails(() => validateArraySize(10_001), 'between 2 and 10000');
    expect(() => validatePayloadSize(30 * 1024)).not.toThrow();
    fails(() => validatePayloadSize(30 * 1024 + 1), '30 KiB');
  });

  it('reserves AWS_BATCH environment names', () => {
    expect(parseEnvironment([{ name: 'A', value: '1' }, { name: 'B' }], 'env')).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '' }]);
    fails(() => parseEnvironment([{ name: 'AWS_BATCH_X', value: '1' }], 'env'), "env[0].name 'AWS_BATCH_X' is reserved");
    fails(() => parseEnvironment([{ value: '1' }], 'env'), 'name is required');
  });

  it('parses retry strategies', () => {
    expect(parseRetryStrategy({ attempts: 2, evaluateOnExit: [{ action: 'retry', onStatusReason: 'Host EC2*' }] })).toEqual({
      attempts: 2,
      evaluateOnExit: [{ action: 'retry', onStatusReason: 'Host EC2*', onReason: undefined, onExitCode: undefined }],
    });
    fails(() => parseRetryStrategy({ attempts: 11 }), 'between 1 and 10, got 11');
    fails(() => parseRetryStrategy({ attempts: 1.5 }), 'must be an integer');
    fails(() => parseRetryStrategy({ evaluateOnExit: Array(6).fill({ action: 'EXIT' }) }), 'at most 5 entries');
    fails(() => parseRetryStrategy({ evaluateOnExit: [{ action: 'EXIT', onReason: 'a*b' }] }), "onReason 'a*b' is invalid");
    fails(() => parseRetryStrategy({ evaluateOnExit: [{ action: 'EXIT', onExitCode: 'x' }] }), 'digits only');
    fails(() => parseRetryStrategy({ evaluateOnExit: [{ onExitCode: '1' }] }), 'action is required');
  });

  it('enforces the minimum timeout it is given', () => {
    expect(parseTimeout({ attemptDurationSeconds: 60 }, 60)).toEqual({ attemptDurationSeconds: 60 });
    expect(parseTimeout({ attemptDurationSeconds: 1 }, 1)).toEqual({ attemptDurationSeconds: 1 });
    expect(parseTimeout({}, 60)).toBeUndefined();
    fails(() => parseTimeout({ attemptDurationSeconds: 59 }, 60), 'at least 60 seconds, got 59');
  });

  it('parses resource requirements, allowing fractional vCPUs', () => {
    expect(parseResourceRequirements([{ type: 'VCPU', value: '0.25' }, { type: 'MEMORY', value: '512' }], 'rr')).toHaveLength(2);
    fails(() => parseResourceRequirements([{ type: 'MEMORY', value: '0.5' }], 'rr'), 'whole number of MiB');
    fails(() => parseResourceRequirements([{ type: 'VCPU', value: '-1' }], 'rr'), 'positive number');
    fails(() => parseResourceRequirements([{ type: 'DISK', value: '1' }], 'rr'), 'must be one of VCPU, MEMORY, GPU');
  });

  it('checks tags', () => {
    expect(() => validateTags({ team: 'render' })).not.toThrow();
    fails(() => validateTags({ 'aws:owner': 'x' }), 'reserved');
  });
});
