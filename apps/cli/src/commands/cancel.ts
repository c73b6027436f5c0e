import { CancelJobCommand, TerminateJobCommand } from '@aws-sdk/client-batch';
import { Command } from 'commander';
import { clientsFor, destroyClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { arrayChildren, requireRun, runJobDetails } from '../run/run-jobs';

const FINISHED = new Set(['SUCCEEDED', 'FAILED']);
const STARTED = new Set(['STARTING', 'RUNNING']);

/**
 * Batch's CancelJob does nothing to a job that already started, so started jobs (and started
 * children of the render array) are terminated; the rest are cancelled, which fails their dependents.
 */
export function registerCancel(program: Command): void {
  addTargetOptions(program.command('cancel').argument('<runId>').description("Stop a run: cancel its waiting jobs, terminate its running ones"))
    .option('--reason <text>', 'the reason Batch records', 'Cancelled by framefarm cancel')
    .action(async (runId: string, flags: TargetFlags & { reason: string }) => {
      const clients = clientsFor(await resolveTarget(flags));
      try {
        const record = await requireRun(clients.store, runId);
        const jobs = await runJobDetails(clients.batch, record);
        const running = record.renderJobId ? [...(await arrayChildren(clients.batch, record.renderJobId, 'RUNNING')), ...(await arrayChildren(clients.batch, record.renderJobId, 'STARTING'))] : [];
        let stopped = 0;
        for (const job of jobs) {
          if (FINISHED.has(job.status ?? '') || job.jobId?.includes(':')) continue;
          const command = STARTED.has(job.status ?? '') ? new TerminateJobCommand({ jobId: job.jobId, reason: flags.reason }) : new CancelJobCommand({ jobId: job.jobId, reason: flags.reason });
          await clients.batch.send(command);
          stopped++;
        }
        for (const jobId of running) {
          await clients.batch.send(new TerminateJobCommand({ jobId, reason: flags.reason }));
          stopped++;
        }
        await clients.store.records.updateRun(runId, { status: 'FAILED', error: flags.reason }, ['PLANNED', 'RENDERING', 'ENCODING']);
        process.stdout.write(stopped > 0 ? `run ${runId}: stopped ${stopped} job${stopped === 1 ? '' : 's'} (${flags.reason})\n` : `run ${runId}: nothing left to stop\n`);
      } finally {
        destroyClients(clients);
      }
    });
}
