import { BATCH_REASONS, RETRY_RULES } from '@framefarm/job-specs';
import { matchingAction, shouldRetry } from './retry-decision';

describe('retry decision', () => {
  it('takes the first matching rule and upper-cases its action', () => {
    const rules = [{ action: 'exit', onExitCode: '4*' }, { action: 'retry', onExitCode: '*' }] as never;
    expect(matchingAction(rules, { exitCode: 42 })).toBe('EXIT');
    expect(matchingAction(rules, { exitCode: 1 })).toBe('RETRY');
  });

  it('requires every condition of a rule to match', () => {
    const rules = [{ action: 'EXIT', onExitCode: '1', onReason: 'OutOfMemory*' }] as never;
    expect(matchingAction(rules, { exitCode: 1 })).toBeUndefined();
    expect(matchingAction(rules, { exitCode: 1, reason: 'OutOfMemoryError: killed' })).toBe('EXIT');
  });

  it('matches an absent value only with *', () => {
    expect(matchingAction([{ action: 'EXIT', onExitCode: '0*' }], {})).toBeUndefined();
    expect(matchingAction([{ action: 'EXIT', onExitCode: '*' }], {})).toBe('EXIT');
  });

  it('retries when no rule matches, while attempts remain', () => {
    const strategy = { attempts: 2, evaluateOnExit: [{ action: 'EXIT' as const, onExitCode: '9' }] };
    expect(shouldRetry(strategy, 1, { exitCode: 1 })).toBe(true);
    expect(shouldRetry(strategy, 2, { exitCode: 1 })).toBe(false);
    expect(shouldRetry(strategy, 1, { exitCode: 9 })).toBe(false);
  });

  it('never retries without a strategy', () => {
    expect(shouldRetry(undefined, 1, { exitCode: 1 })).toBe(false);
    expect(shouldRetry({}, 1, { exitCode: 1 })).toBe(false);
  });
});

/**
 * The shared rules against what Batch reports for each fault (DescribeJobs `attempts[]`):
 * the texts are Batch's own, and the local engine reports the same ones.
 */
describe('the shared retry rules (job-specs) on what Batch reports', () => {
  const strategy = { attempts: 3, evaluateOnExit: RETRY_RULES };
  const exited = BATCH_REASONS.containerExited;
  const cases: Array<[string, { exitCode?: number; reason?: string; statusReason?: string }, boolean]> = [
    ['a Spot instance reclaimed mid-attempt', { statusReason: 'Host EC2 (instance i-0a1b2c3d4e5f67890) terminated.' }, true],
    ['the local engine restarted mid-attempt', { statusReason: BATCH_REASONS.hostTerminated('local') }, true],
    ['an image that could not be pulled', { statusReason: 'Task failed to start', reason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' }, true],
    ['secrets that could not be fetched', { statusReason: 'Task failed to start', reason: 'ResourceInitializationError: unable to pull secrets or registry auth' }, true],
    ['a command the local engine cannot find', { statusReason: 'Task failed to start', reason: 'CannotStartContainerError: exec: "x": executable file not found in $PATH' }, true],
    ['a process killed by SIGKILL from outside', { exitCode: 137, statusReason: exited }, true],
    ['a process killed by the OOM killer', { exitCode: 137, reason: BATCH_REASONS.outOfMemory, statusReason: exited }, true],
    ['a process stopped by SIGTERM from outside', { exitCode: 143, statusReason: exited }, true],
    ['a program that fails (exit 1)', { exitCode: 1, statusReason: exited }, false],
    ['a program that exits 2 on bad input', { exitCode: 2, statusReason: exited }, false],
    ['exit 13 (not a signal: 137 must match whole)', { exitCode: 13, statusReason: exited }, false],
    ['exit 1370', { exitCode: 1370, statusReason: exited }, false],
    ['a segfault (139): a bug, not a fault from outside', { exitCode: 139, statusReason: exited }, false],
  ];
  it.each(cases)('%s: retried = %s', (_what, outcome, retried) => {
    expect(shouldRetry(strategy, 1, outcome)).toBe(retried);
  });

  it('matches "Task failed to start" on the status reason, where Batch puts it, not on the container reason', () => {
    const rule = RETRY_RULES.find((r) => r.onStatusReason?.startsWith('Task failed to start'));
    expect(rule).toEqual({ action: 'RETRY', onStatusReason: 'Task failed to start*' });
    expect(RETRY_RULES.some((r) => r.onReason?.startsWith('Task failed'))).toBe(false);
  });

  it('stops retrying once the attempts are used up, and keeps to the 5 rules AWS allows', () => {
    expect(shouldRetry(strategy, 3, { exitCode: 137, statusReason: exited })).toBe(false);
    expect(RETRY_RULES.length).toBeLessThanOrEqual(5);
  });
});
