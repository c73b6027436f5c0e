import { Command } from 'commander';
import { jobQueueVcpus } from '@framefarm/batch-client';
import { defaultFramesPerJob } from '@framefarm/job-specs';
import { submitPlan } from '@framefarm/runs';
import { AwsClients, withClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { Target } from '../aws/target';
import { RUN_SETTINGS_DEFAULTS } from '@framefarm/run-store';
import { parseRunRequest, RunFlags } from '../run/run-options';
import { readSketch, sketchReference } from '../run/resolve-sketch';
import { jsonOption, Output } from '../ui/output';
import { addRenderOptions } from './run';

interface SubmitFlags extends RunFlags, TargetFlags {
  json?: boolean;
}

export function registerSubmit(program: Command): void {
  addTargetOptions(addRenderOptions(program.command('submit').description('Submit a render to a running local stack (--endpoint) or a deployed stack (--stack) and return')))
    .option(...jsonOption('the run id and plan job id'))
    .action(async (flags: SubmitFlags) => {
      const sketch = await readSketch(flags.sketch ?? RUN_SETTINGS_DEFAULTS.sketch, flags);
      const request = parseRunRequest(flags, sketch.defaults);
      const target = await resolveTarget(flags);
      await withClients(target, async (clients) => {
        const out = Output.of(flags);
        // One wave of render jobs over what the target's render queue can run at once, as `run` does over this machine.
        const planned = flags.framesPerJob === undefined ? { ...request, framesPerRenderJob: defaultFramesPerJob(request.totalFrames, await renderVcpus(clients, target, out)) } : request;
        const sketchRef = await sketchReference(sketch, clients.store);
        const planJobId = await submitPlan(clients.batch, target, planned, sketchRef);
        const where = target.endpoint ?? `AWS ${target.region}`;
        out.result(
          { runId: request.runId, planJobId, endpoint: target.endpoint ?? null, region: target.region },
          `run ${request.runId} submitted to ${where}: plan job ${planJobId}\nwatch it: framefarm status ${request.runId}${flags.stack ? ` --stack ${flags.stack}` : ''}`,
        );
      });
    });
}

/** The vCPUs of the render job queue's compute environments; the default number of render jobs when they cannot be read. */
export async function renderVcpus(clients: AwsClients, target: Target, out: Output): Promise<number> {
  try {
    const vcpus = await jobQueueVcpus(clients.batch, target.renderJobQueue);
    if (vcpus !== undefined) return vcpus;
    out.warn(`job queue ${target.renderJobQueue} names no compute environment with a vCPU limit: ${RUN_SETTINGS_DEFAULTS.renderJobs} render jobs (--frames-per-job sets their size)`);
  } catch (error) {
    // Only a refusal is worked around; an unreachable stack or a missing queue fails the submit as it would anyway.
    if ((error as Error).name !== 'AccessDeniedException') throw error;
    out.warn(`not allowed to read the capacity of job queue ${target.renderJobQueue} (${(error as Error).message}): ${RUN_SETTINGS_DEFAULTS.renderJobs} render jobs (--frames-per-job sets their size)`);
  }
  return RUN_SETTINGS_DEFAULTS.renderJobs;
}
