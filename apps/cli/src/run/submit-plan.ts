import { BatchClient } from '@aws-sdk/client-batch';
import { submitJob } from '@framefarm/batch-client';
import { ENV } from '@framefarm/job-specs';
import { Target } from '../aws/target';
import { RunRequest } from './run-options';

/** The plan job's overrides: the original contract plus the run's settings. */
export function planEnvironment(request: RunRequest, sketchRef: string): Record<string, string> {
  return {
    [ENV.totalFrames]: String(request.totalFrames),
    [ENV.framesPerRenderJob]: String(request.framesPerJob),
    [ENV.runId]: request.runId,
    [ENV.sketch]: sketchRef,
    [ENV.width]: String(request.width),
    [ENV.height]: String(request.height),
    [ENV.fps]: String(request.fps),
    ...(request.seed !== undefined ? { [ENV.seed]: request.seed } : {}),
  };
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
