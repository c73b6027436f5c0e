import type { EvaluateOnExit, RetryStrategy } from '@aws-sdk/client-batch';
import { matchesGlob } from './glob';

/** How an attempt ended, as `evaluateOnExit` sees it. */
export interface AttemptOutcome {
  exitCode?: number;
  reason?: string;
  statusReason?: string;
}

/**
 * Undocumented on AWS, chosen here: a condition whose value is absent (no exit code because the
 * process never started, no container reason) only matches the pattern `*`; matching is
 * case-sensitive; a rule without any condition matches everything.
 */
function conditionMatches(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (value === undefined) return pattern === '*';
  return matchesGlob(pattern, value);
}

export function ruleMatches(rule: EvaluateOnExit, outcome: AttemptOutcome): boolean {
  return (
    conditionMatches(rule.onExitCode, outcome.exitCode === undefined ? undefined : String(outcome.exitCode)) &&
    conditionMatches(rule.onReason, outcome.reason) &&
    conditionMatches(rule.onStatusReason, outcome.statusReason)
  );
}

/** The action of the first matching rule (upper-cased), or undefined when none matches. */
export function matchingAction(rules: EvaluateOnExit[] | undefined, outcome: AttemptOutcome): 'RETRY' | 'EXIT' | undefined {
  const rule = rules?.find((r) => ruleMatches(r, outcome));
  return rule?.action === undefined ? undefined : (rule.action.toUpperCase() as 'RETRY' | 'EXIT');
}

/** Whether a failed attempt (the `attemptsMade`-th) is retried under the strategy. */
export function shouldRetry(strategy: RetryStrategy | undefined, attemptsMade: number, outcome: AttemptOutcome): boolean {
  const maxAttempts = strategy?.attempts ?? 1;
  if (attemptsMade >= maxAttempts) return false;
  return matchingAction(strategy?.evaluateOnExit, outcome) !== 'EXIT';
}
