import { checkRunId, resumeRun } from '@framefarm/runs';
import { Command } from 'commander';
import { withClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { jsonOption, Output } from '../ui/output';

/** Resumes a failed or cancelled run where it stopped (see resumeRun); `status` follows it. */
export function registerResume(program: Command): void {
  addTargetOptions(program.command('resume').argument('<runId>').description('Resume a failed or cancelled run: new jobs render only the chunks still missing'))
    .option(...jsonOption('the run id and the new plan job id'))
    .action(async (runId: string, flags: TargetFlags & { json?: boolean }) => {
      checkRunId(runId); // bad input is said before any connection is tried
      const target = await resolveTarget(flags);
      await withClients(target, async (clients) => {
        const planJobId = await resumeRun(clients, target, runId);
        Output.of(flags).result({ runId, planJobId }, `run ${runId}: resumed with plan job ${planJobId}; follow it with framefarm status ${runId}`);
      });
    });
}
