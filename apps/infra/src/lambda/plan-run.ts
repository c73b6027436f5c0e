import { planStep, PlanStepOutput } from '@framefarm/planning';
import { RunStore } from '@framefarm/run-store';

let store: RunStore | undefined;

/**
 * The Step Functions plan step: a thin adapter over @framefarm/planning's planStep, which checks
 * the input as the plan job checks its environment. FRAMEFARM_BUCKET and FRAMEFARM_TABLE come from
 * the function's environment, as in the jobs.
 */
export async function handler(event: unknown): Promise<PlanStepOutput> {
  store ??= RunStore.fromEnv(process.env);
  return planStep(event, store);
}
