import { Command } from 'commander';
import { JobDetail } from '@aws-sdk/client-batch';
import { clientsFor, destroyClients } from '../aws/clients';
import { describeJob, logGroupOf, logStreamOf, readLogStream } from '../aws/job-logs';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { UsageError } from '../errors';
import { runJobDetails } from '../run/run-jobs';
import { isRunId } from '@framefarm/run-store';

interface LogsFlags extends TargetFlags {
  tail?: string;
}

/** A run id names every job of the run (each line prefixed with its job); a job id names one job. */
export function registerLogs(program: Command): void {
  addTargetOptions(program.command('logs').argument('<jobId|runId>').description("Print a job's log, or every job's log of a run"))
    .option('--tail <n>', 'only the last n lines of each job')
    .action(async (id: string, flags: LogsFlags) => {
      const tail = flags.tail === undefined ? undefined : Number(flags.tail);
      if (tail !== undefined && (!Number.isInteger(tail) || tail < 1)) throw new UsageError(`--tail must be a whole number of at least 1, got "${flags.tail}"`);
      const clients = clientsFor(await resolveTarget(flags));
      try {
        const record = isRunId(id) ? await clients.store.records.getRun(id) : undefined;
        const jobs: JobDetail[] = record ? await runJobDetails(clients.batch, record) : [await describeJob(clients.batch, id)].filter((j): j is JobDetail => Boolean(j));
        if (jobs.length === 0) throw new UsageError(`no job or run ${id}; framefarm run and framefarm submit print the ids`);
        for (const job of jobs) {
          const stream = logStreamOf(job);
          if (!stream) continue; // array parents and jobs that never started have no log
          const lines = await readLogStream(clients.logs, logGroupOf(job), stream, tail);
          const prefix = record ? `[${job.jobName}${job.arrayProperties?.index !== undefined ? `:${job.arrayProperties.index}` : ''}] ` : '';
          for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
        }
      } finally {
        destroyClients(clients);
      }
    });
}
