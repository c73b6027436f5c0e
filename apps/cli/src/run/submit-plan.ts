import { BatchClient } from '@aws-sdk/client-batch';
import { submitJob } from '@framefarm/batch-client';
import { RUN_SETTING_ENV, RUN_SETTING_KEYS, RunSettings } from '@framefarm/run-store';
import { Target } from '../aws/target';
import { RunRequest } from './run-options';

/** The plan job's overrides: the original contract plus the run's settings, each under its variable. */
export function planEnvironment(request: RunRequest, sketchRef: string): Record<string, string> {
  const values: Partial<RunSettings> = { ...request, sketch: sketchRef };
  return Object.fromEntries(RUN_SETTING_KEYS.filter((key) => values[key] !== undefined).map((key) => [RUN_SETTING_ENV[key], String(values[key])]));
}

/**
 * Submits the plan job exactly as the original quick start does (`aws batch submit-job` with
 * environment overrides); plan then submits the render array and the encode job itself.
 */
export async function submitPlan(batch: BatchClient, target: Target, request: RunRequest, sketchRef: string): Promise<string> {
  const { jobId } = await submitJob(batch, {
    name: `plan-${request.runId}`,
    queue: target.planJobQueue,
    definition: target.planJobDefinition,
    environment: planEnvironment(request, sketchRef),
    tags: { 'framefarm:run': request.runId },
  });
  return jobId;
}
