import { cancelRun, checkRunId } from '@framefarm/runs';
import { Command } from 'commander';
import { withClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { jsonOption, Output } from '../ui/output';

/** Stops a run's jobs (see cancelRun) and marks the run FAILED with the reason. */
export function registerCancel(program: Command): void {
  addTargetOptions(program.command('cancel').argument('<runId>').description("Stop a run: cancel its waiting jobs, terminate its running ones"))
    .option('--reason <text>', 'the reason Batch records', 'Cancelled by framefarm cancel')
    .option(...jsonOption('the run id, the number of jobs stopped and the reason'))
    .action(async (runId: string, flags: TargetFlags & { reason: string; json?: boolean }) => {
      checkRunId(runId); // bad input is said before any connection is tried
      await withClients(await resolveTarget(flags), async (clients) => {
        const stopped = await cancelRun(clients, runId, flags.reason);
        Output.of(flags).result(
          { runId, stopped, reason: flags.reason },
          stopped > 0 ? `run ${runId}: stopped ${stopped} job${stopped === 1 ? '' : 's'} (${flags.reason})` : `run ${runId}: nothing left to stop`,
        );
      });
    });
}
