import { CancelJobCommand, TerminateJobCommand } from '@aws-sdk/client-batch';
import { parseChildJobId } from '@framefarm/batch-client';
import { isUnfinished, loadRun, runJobsInOrder } from '@framefarm/runs';
import { Command } from 'commander';
import { clientsFor, destroyClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';

const STARTED = new Set(['STARTING', 'RUNNING']);

/**
 * Batch's CancelJob does nothing to a job that already started, so started jobs (and started
 * children of the render array) are terminated; the rest are cancelled, which fails their
 * dependents. Children that have not started go with their cancelled parent.
 */
export function registerCancel(program: Command): void {
  addTargetOptions(program.command('cancel').argument('<runId>').description("Stop a run: cancel its waiting jobs, terminate its running ones"))
    .option('--reason <text>', 'the reason Batch records', 'Cancelled by framefarm cancel')
    .action(async (runId: string, flags: TargetFlags & { reason: string }) => {
      const clients = clientsFor(await resolveTarget(flags));
      try {
        const run = await loadRun(clients, runId);
        let stopped = 0;
        for (const job of runJobsInOrder(run).filter(isUnfinished)) {
          const started = STARTED.has(job.status ?? '');
          if (!job.jobId || (parseChildJobId(job.jobId) && !started)) continue;
          const command = started ? new TerminateJobCommand({ jobId: job.jobId, reason: flags.reason }) : new CancelJobCommand({ jobId: job.jobId, reason: flags.reason });
          await clients.batch.send(command);
          stopped++;
        }
        await clients.store.records.updateRun(runId, { status: 'FAILED', error: flags.reason }, ['PLANNED', 'RENDERING', 'ENCODING']);
        process.stdout.write(stopped > 0 ? `run ${runId}: stopped ${stopped} job${stopped === 1 ? '' : 's'} (${flags.reason})\n` : `run ${runId}: nothing left to stop\n`);
      } finally {
        destroyClients(clients);
      }
    });
}
