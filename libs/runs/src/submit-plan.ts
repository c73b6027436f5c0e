import type { BatchClient } from '@aws-sdk/client-batch';
import { submitJob } from '@framefarm/batch-client';
import { RUN_SETTING_ENV, RUN_SETTING_KEYS, type RunSettings } from '@framefarm/run-store';

/** A run's settings as a user asks for them: the seed may be left to its default. */
export type RunRequest = Omit<RunSettings, 'seed'> & { seed?: string };

/** The stack's plan queue and job definition (stack outputs on AWS, the job specs' names locally). */
export interface PlanTarget {
  planJobQueue: string;
  planJobDefinition: string;
}

/** The plan job's overrides: the original contract plus the run's settings, each under its variable. */
export function planEnvironment(request: RunRequest, sketchRef: string): Record<string, string> {
  const values: Partial<RunSettings> = { ...request, sketch: sketchRef };
  return Object.fromEntries(RUN_SETTING_KEYS.filter((key) => values[key] !== undefined).map((key) => [RUN_SETTING_ENV[key], String(values[key])]));
}

/**
 * Submits the plan job exactly as the original quick start does (`aws batch submit-job` with
 * environment overrides); plan then submits the render array and the encode job itself. The same
 * run id again resumes the run: nothing already rendered is rendered twice.
 */
export async function submitPlan(batch: Pick<BatchClient, 'send'>, target: PlanTarget, request: RunRequest, sketchRef: string): Promise<string> {
  const { jobId } = await submitJob(batch, {
    name: `plan-${request.runId}`,
    queue: target.planJobQueue,
    definition: target.planJobDefinition,
    environment: planEnvironment(request, sketchRef),
    tags: { 'framefarm:run': request.runId },
  });
  return jobId;
}
