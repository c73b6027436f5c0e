import { canTransition, hasProcess, isCancellable, isFinished, JOB_STATUSES } from './job-states';

describe('job state machine', () => {
  it('follows the Batch lifecycle', () => {
    expect(canTransition('SUBMITTED', 'PENDING')).toBe(true);
    expect(canTransition('SUBMITTED', 'RUNNABLE')).toBe(true);
    expect(canTransition('PENDING', 'RUNNABLE')).toBe(true);
    expect(canTransition('RUNNABLE', 'STARTING')).toBe(true);
    expect(canTransition('STARTING', 'RUNNING')).toBe(true);
    expect(canTransition('RUNNING', 'SUCCEEDED')).toBe(true);
    expect(canTransition('RUNNING', 'RUNNABLE')).toBe(true); // a retry
    expect(canTransition('RUNNABLE', 'RUNNING')).toBe(false);
    expect(canTransition('PENDING', 'STARTING')).toBe(false);
  });

  it('has no way out of SUCCEEDED or FAILED', () => {
    for (const to of JOB_STATUSES) {
      expect(canTransition('SUCCEEDED', to)).toBe(false);
      expect(canTransition('FAILED', to)).toBe(false);
    }
    expect(JOB_STATUSES.filter(isFinished)).toEqual(['SUCCEEDED', 'FAILED']);
  });

  it('splits states into cancellable ones and ones with a process', () => {
    expect(JOB_STATUSES.filter(isCancellable)).toEqual(['SUBMITTED', 'PENDING', 'RUNNABLE']);
    expect(JOB_STATUSES.filter(hasProcess)).toEqual(['STARTING', 'RUNNING']);
  });
});
