import { matchingAction, shouldRetry } from './retry-decision';

const SHARED_RULES = [
  { action: 'RETRY', onStatusReason: 'Host EC2*' },
  { action: 'RETRY', onReason: 'CannotPullContainerError*' },
  { action: 'RETRY', onReason: 'Task failed to start*' },
  { action: 'EXIT', onReason: '*' },
] as const;

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

  it('retries a host loss and exits on a program failure under the shared rules', () => {
    const strategy = { attempts: 3, evaluateOnExit: [...SHARED_RULES] };
    expect(shouldRetry(strategy, 1, { statusReason: 'Host EC2 (instance local) terminated.' })).toBe(true);
    expect(shouldRetry(strategy, 1, { exitCode: 1, statusReason: 'Essential container in task exited' })).toBe(false);
    expect(shouldRetry(strategy, 1, { reason: 'CannotPullContainerError: x' })).toBe(true);
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
