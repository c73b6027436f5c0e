import { cancelRun } from '@framefarm/runs';
import { Command } from 'commander';
import { clientsFor, destroyClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';

/** Stops a run's jobs (see cancelRun) and marks the run FAILED with the reason. */
export function registerCancel(program: Command): void {
  addTargetOptions(program.command('cancel').argument('<runId>').description("Stop a run: cancel its waiting jobs, terminate its running ones"))
    .option('--reason <text>', 'the reason Batch records', 'Cancelled by framefarm cancel')
    .action(async (runId: string, flags: TargetFlags & { reason: string }) => {
      const clients = clientsFor(await resolveTarget(flags));
      try {
        const stopped = await cancelRun(clients, runId, flags.reason);
        process.stdout.write(stopped > 0 ? `run ${runId}: stopped ${stopped} job${stopped === 1 ? '' : 's'} (${flags.reason})\n` : `run ${runId}: nothing left to stop\n`);
      } finally {
        destroyClients(clients);
      }
    });
}
