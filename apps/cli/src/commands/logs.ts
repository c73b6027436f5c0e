import { Command } from 'commander';
import { JobDetail } from '@aws-sdk/client-batch';
import { isRunId } from '@framefarm/run-store';
import { describeJob, loadRun, logGroupOf, logStreamOf, readLogStream, runJobsInOrder } from '@framefarm/runs';
import { withClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { UsageError } from '../errors';
import { jsonOption, Output } from '../ui/output';

interface LogsFlags extends TargetFlags {
  tail?: string;
  json?: boolean;
}

/** One job's log in `framefarm logs --json`. */
interface JobLog {
  jobId: string;
  jobName: string;
  arrayIndex?: number;
  lines: string[];
}

/** A run id names every job of the run (each line prefixed with its job); a job id names one job. */
export function registerLogs(program: Command): void {
  addTargetOptions(program.command('logs').argument('<jobId|runId>').description("Print a job's log, or every job's log of a run"))
    .option('--tail <n>', 'only the last n lines of each job')
    .option(...jsonOption('{jobs: [{jobId, jobName, arrayIndex, lines}]}'))
    .action(async (id: string, flags: LogsFlags) => {
      const tail = flags.tail === undefined ? undefined : /^\d+$/.test(flags.tail) ? Number(flags.tail) : Number.NaN;
      if (tail !== undefined && (!Number.isSafeInteger(tail) || tail < 1)) throw new UsageError(`--tail must be a whole number of at least 1, got "${flags.tail}"`);
      if (id.length > 1024) throw new UsageError(`"${id.slice(0, 40)}…" (${id.length} characters) is neither a job id nor a run id`);
      const out = Output.of(flags);
      await withClients(await resolveTarget(flags), async (clients) => {
        const run = isRunId(id) && (await clients.store.records.getRun(id)) ? await loadRun(clients, id) : undefined;
        const jobs: JobDetail[] = run ? runJobsInOrder(run) : [await describeJob(clients.batch, id)].filter((j): j is JobDetail => Boolean(j));
        if (jobs.length === 0) throw new UsageError(`no job or run ${id}; framefarm run and framefarm submit print the ids`);
        const logs: JobLog[] = [];
        for (const job of jobs) {
          const stream = logStreamOf(job);
          if (!stream) continue; // array parents and jobs that never started have no log
          const lines = await readLogStream(clients.logs, logGroupOf(job), stream, tail);
          const arrayIndex = job.arrayProperties?.index;
          const prefix = run ? `[${job.jobName}${arrayIndex !== undefined ? `:${arrayIndex}` : ''}] ` : '';
          // People see each job's log as soon as it is read; --json gets them all in one document.
          if (lines.length > 0) out.text(lines.map((line) => `${prefix}${line}\n`).join(''));
          if (out.json) logs.push({ jobId: job.jobId!, jobName: job.jobName!, ...(arrayIndex !== undefined ? { arrayIndex } : {}), lines });
        }
        out.result({ jobs: logs });
      });
    });
}
