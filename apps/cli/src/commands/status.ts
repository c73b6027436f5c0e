import { Command } from 'commander';
import { checkRunId, progressOf, readRunState, requireRun, runStatusOf } from '@framefarm/runs';
import { withClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { jsonOption, Output } from '../ui/output';
import { progressLine } from '../ui/progress-line';

interface StatusFlags extends TargetFlags {
  json?: boolean;
}

export function registerStatus(program: Command): void {
  addTargetOptions(program.command('status').argument('<runId>').description("Show a run's stage, jobs and progress"))
    .option(...jsonOption('the status'))
    .action(async (runId: string, flags: StatusFlags) => {
      checkRunId(runId); // bad input is said before any connection is tried
      await withClients(await resolveTarget(flags), async (clients) => {
        const record = await requireRun(clients, runId);
        const state = await readRunState(clients, runId);
        // Batch has the last word: a terminated render array leaves the record at RENDERING.
        const status = runStatusOf(state) ?? record.status;
        const finished = status === 'SUCCEEDED' || status === 'FAILED';
        const elapsed = (finished ? Date.parse(record.updatedAt) : Date.now()) - Date.parse(record.createdAt);
        const progress = progressOf(state, record.settings.totalFrames, record.chunkCount, elapsed);
        const error = record.error ?? (status === 'FAILED' && state.render?.status === 'FAILED' ? `render job ${state.render.jobId} failed: ${state.render.statusReason ?? 'no reason given'}` : undefined);
        const jobs = { plan: state.plan, render: state.render, encode: state.encode };
        const jobView = Object.fromEntries(Object.entries(jobs).map(([k, j]) => [k, j && { jobId: j.jobId, status: j.status, statusReason: j.statusReason }]));
        const lines = [`run ${runId}: ${status}${error ? ` — ${error}` : ''}`, `  ${progressLine(progress, Number.NaN)}`];
        for (const [step, job] of Object.entries(jobs)) {
          if (!job) continue;
          const summary = job.arrayProperties?.statusSummary;
          const children = summary ? ` [${Object.entries(summary).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ')}]` : '';
          lines.push(`  ${step.padEnd(7)} ${job.jobId} ${job.status}${children}${job.statusReason ? ` — ${job.statusReason}` : ''}`);
        }
        Output.of(flags).result({ runId, status, stage: progress.stage, progress, jobs: jobView, error }, lines.join('\n'));
      });
    });
}
