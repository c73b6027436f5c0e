import { machineCapacity } from '@framefarm/local-aws';
import { Command } from 'commander';
import { clientsFor, destroyClients } from '../aws/clients';
import { RunFailedError } from '../errors';
import { openLocalSession, openLocalSessionDuring } from '../local/local-session';
import { unsandboxedJobsWarning } from '../local/sandbox-warning';
import { describeFailure, progressOf, RunState, submitPlan } from '@framefarm/runs';
import { formatFailure } from '../run/failure';
import { finishRun } from '../run/finish-run';
import { RUN_SETTINGS_DEFAULTS } from '@framefarm/run-store';
import { checkRunFlags, parseRunRequest, RunFlags } from '../run/run-options';
import { checkSketchGiven, readSketch, sketchReference } from '../run/resolve-sketch';
import { formatSummary } from '../run/summary';
import { pollInterval, renderEndsInMs, watchRun } from '../run/watch-run';
import { jsonOption, Output } from '../ui/output';
import { ProgressDisplay } from '../ui/progress-display';

interface RunCommandFlags extends RunFlags {
  out: string;
  stateDir: string;
  json?: boolean;
}

export function addRenderOptions(command: Command): Command {
  return command
    .option('--sketch <name|file>', `a built-in sketch or your own .ts/.js file (default: ${RUN_SETTINGS_DEFAULTS.sketch})`)
    .option('--frames <n>', `frames to render (default: the sketch's own, else ${RUN_SETTINGS_DEFAULTS.totalFrames})`)
    .option('--frames-per-job <n>', 'frames per render job (default: one wave of render jobs over the CPUs there are)')
    .option('--width <px>', `frame width (default: the sketch's own, else ${RUN_SETTINGS_DEFAULTS.width})`)
    .option('--height <px>', `frame height (default: the sketch's own, else ${RUN_SETTINGS_DEFAULTS.height})`)
    .option('--fps <n>', `frames per second (default: the sketch's own, else ${RUN_SETTINGS_DEFAULTS.fps})`)
    .option('--seed <text>', `seed of the sketch's random generators (default: ${RUN_SETTINGS_DEFAULTS.seed})`)
    .option('--frame-timeout <seconds>', `seconds one frame may take to draw before its chunk fails (default: ${RUN_SETTINGS_DEFAULTS.frameTimeoutSeconds})`)
    .option('--run-id <id>', 'run id (default: a new one); the same id again resumes and renders nothing twice');
}

export function registerRun(program: Command): void {
  addRenderOptions(program.command('run').description('Render a sketch to video on this machine with the local stack (what npm start runs)'))
    .option('--out <dir>', 'where the video, poster and report go', 'out')
    .option('--state-dir <dir>', "the local stack's state", '.framefarm')
    .option(...jsonOption('the summary'))
    .action(async (flags: RunCommandFlags, command: Command) => {
      const out = Output.of(flags);
      const given = flags.sketch ?? RUN_SETTINGS_DEFAULTS.sketch;
      // Wrong flags and a sketch that is not there are said before anything starts.
      checkRunFlags(flags);
      checkSketchGiven(given);
      const reading = readSketch(given, flags).then((sketch) => ({
        sketch,
        // The local stack's engine runs as many jobs at once as this machine has CPUs.
        request: parseRunRequest(flags, sketch.defaults, machineCapacity().vcpus),
      }));
      const {
        result: { sketch, request },
        session,
      } = await openLocalSessionDuring(reading, () => openLocalSession(flags.stateDir, { stateDirGiven: command.getOptionValueSource('stateDir') === 'cli' }));
      if (session.joined) out.warn(`using the local stack already running at ${session.target.endpoint} (state in ${session.stateDir})`);
      else {
        const unsandboxed = unsandboxedJobsWarning();
        if (unsandboxed) out.warn(unsandboxed);
      }
      const clients = clientsFor(session.target);
      const abort = new AbortController();
      const interrupt = () => abort.abort();
      process.once('SIGINT', interrupt);
      const display = new ProgressDisplay(out.progress());
      try {
        const sketchRef = await sketchReference(sketch, clients.store);
        const planJobId = await submitPlan(clients.batch, session.target, request, sketchRef);
        out.note(`run ${request.runId}: plan job ${planJobId} submitted to ${session.target.endpoint}`);
        const started = Date.now();
        const chunks = Math.ceil(request.totalFrames / request.framesPerRenderJob);
        const progress = (s: RunState) => progressOf(s, request.totalFrames, chunks, Date.now() - started);
        const { outcome, state } = await watchRun(clients, request.runId, planJobId, {
          pollMs: (s) => pollInterval(progress(s), renderEndsInMs(s.chunks, chunks, Date.now())),
          signal: abort.signal,
          onState: (s) => display.update(progress(s)),
        });
        display.done();
        const summary = await finishRun(clients, request, state, { outDir: flags.out, stateDir: session.stateDir, succeeded: outcome === 'succeeded' });
        if (outcome === 'failed') {
          const failure = await describeFailure(clients, state);
          out.note(formatFailure(request.runId, failure, state.record?.error));
          if (summary.report) out.note(`  report: ${summary.report}`);
          // Human mode has said it all on stderr; --json still gets the summary.
          out.result({ ...summary, failedJob: failure && { jobId: failure.jobId, reason: failure.reason } });
          throw new RunFailedError(`run ${request.runId} failed`);
        }
        out.result(summary, formatSummary(summary));
      } catch (error) {
        display.done();
        if (abort.signal.aborted) throw new RunFailedError(`interrupted; resume with framefarm run --run-id ${request.runId}`);
        throw error;
      } finally {
        process.off('SIGINT', interrupt);
        destroyClients(clients);
        await session.close();
      }
    });
}
