import type * as XRay from '@aws-sdk/client-xray';
import { SpanSource, traceStoreSpanSource, xraySpanSource } from '@framefarm/report';
import { checkRunId } from '@framefarm/runs';
import { Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import { withClients } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { UsageError } from '../errors';
import { openLocalSession } from '../local/local-session';
import { makeRunReport } from '../report/make-run-report';
import { jsonOption, Output } from '../ui/output';

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
    .option(...jsonOption('{report, warnings}'))
    .action(async (runId: string, flags: ReportFlags, command: Command) => {
      checkRunId(runId);
      const outFile = resolve(flags.out ?? join('out', runId, 'report.html'));
      if (!outFile.toLowerCase().endsWith('.html')) throw new UsageError(`--out must name an .html file, got "${flags.out}"`);
      // Locally with no endpoint given, use (or start) the stack on this state directory, as `framefarm run` does.
      const session = flags.stack || flags.endpoint ? undefined : await openLocalSession(flags.stateDir, { stateDirGiven: command.getOptionValueSource('stateDir') === 'cli' });
      const target = session?.target ?? (await resolveTarget(flags));
      // On AWS the run's spans are in X-Ray; locally in the trace store of the stack's state directory.
      // The X-Ray client is required only for a run on AWS, not on every start of the CLI.
      const xray = target.kind === 'aws' ? new (require('@aws-sdk/client-xray') as typeof XRay).XRayClient({ region: target.region }) : undefined;
      const spans: SpanSource = xray ? xraySpanSource(xray) : traceStoreSpanSource(resolve(session?.stateDir ?? flags.stateDir));
      try {
        const report = await withClients(target, (clients) => makeRunReport({ ...clients, spans }, { runId, outFile }));
        const out = Output.of(flags);
        for (const warning of report.warnings) out.warn(warning);
        out.result({ report: report.path, warnings: report.warnings }, relative(process.cwd(), report.path) || report.path);
      } finally {
        xray?.destroy();
        await session?.close();
      }
    });
}
