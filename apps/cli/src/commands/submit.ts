import { Command } from 'commander';
import { submitPlan } from '@framefarm/runs';
import { withClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
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
      const sketch = await readSketch(flags.sketch ?? RUN_SETTINGS_DEFAULTS.sketch);
      const request = parseRunRequest(flags, sketch.defaults);
      const target = await resolveTarget(flags);
      await withClients(target, async (clients) => {
        const sketchRef = await sketchReference(sketch, clients.store);
        const planJobId = await submitPlan(clients.batch, target, request, sketchRef);
        const where = target.endpoint ?? `AWS ${target.region}`;
        Output.of(flags).result(
          { runId: request.runId, planJobId, endpoint: target.endpoint ?? null, region: target.region },
          `run ${request.runId} submitted to ${where}: plan job ${planJobId}\nwatch it: framefarm status ${request.runId}${flags.stack ? ` --stack ${flags.stack}` : ''}`,
        );
      });
    });
}
