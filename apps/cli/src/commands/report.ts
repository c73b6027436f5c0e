import { checkRunId } from '@framefarm/runs';
import { Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import { clientsFor, destroyClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { UsageError } from '../errors';
import { openLocalSession } from '../local/local-session';
import { makeRunReport } from '../report/make-run-report';

interface ReportFlags extends TargetFlags {
  stateDir: string;
  out?: string;
  json?: boolean;
}

export function registerReport(program: Command): void {
  addTargetOptions(
    program
      .command('report')
      .argument('<runId>')
      .description("Write a run's report: one HTML file with the jobs' timeline, spans, render speed, critical path, poster and video"),
  )
    .option('--state-dir <dir>', "the local stack's state (its traces)", '.framefarm')
    .option('--out <file>', 'the HTML file to write (default: out/<runId>/report.html)')
    .option('--json', 'print {report, warnings} as JSON')
    .action(async (runId: string, flags: ReportFlags, command: Command) => {
      checkRunId(runId);
      const outFile = resolve(flags.out ?? join('out', runId, 'report.html'));
      if (!outFile.toLowerCase().endsWith('.html')) throw new UsageError(`--out must name an .html file, got "${flags.out}"`);
      // Locally with no endpoint given, use (or start) the stack on this state directory, as `framefarm run` does.
      const session = flags.stack || flags.endpoint ? undefined : await openLocalSession(flags.stateDir, { stateDirGiven: command.getOptionValueSource('stateDir') === 'cli' });
      const target = session?.target ?? (await resolveTarget(flags));
      const clients = clientsFor(target);
      try {
        const report = await makeRunReport(clients, { runId, outFile, stateDir: target.kind === 'local' ? resolve(session?.stateDir ?? flags.stateDir) : undefined });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ report: report.path, warnings: report.warnings })}\n`);
          return;
        }
        for (const warning of report.warnings) process.stderr.write(`framefarm: ${warning}\n`);
        process.stdout.write(`${relative(process.cwd(), report.path) || report.path}\n`);
      } finally {
        destroyClients(clients);
        await session?.close();
      }
    });
}
