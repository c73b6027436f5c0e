import { createJobLog, jobLogContext, RunStore, runJobMain } from '@framefarm/run-store';
import { jobIdentityFromEnv, traceJob } from '@framefarm/tracing';
import { readRenderEnv } from './env';
import { renderChunk } from './render-chunk';

/**
 * The sketch thread runs this same bundle (see main.ts). A job started by the local loader
 * (apps/cli/bin/job-start.cjs, which names itself in FRAMEFARM_JOB_LOADER) starts its thread the
 * same way, so the thread too compiles the bundle from its code cache.
 */
function sketchThreadStart(): { sketchThreadScript: string; sketchThreadArgv?: string[] } {
  const loader = process.env.FRAMEFARM_JOB_LOADER;
  return loader ? { sketchThreadScript: loader, sketchThreadArgv: [__filename] } : { sketchThreadScript: __filename };
}

/** The render job: reads its chunk from the environment, renders it, and sets the exit code. */
export function runRenderJob(): void {
  const context = jobLogContext('render');
  let log = createJobLog(context);

  void runJobMain(
    () => log,
    async () => {
      const config = readRenderEnv(process.env);
      const { runId } = config.settings;
      log = createJobLog({ ...context, runId, arrayIndex: config.chunk.index });
      await traceJob({ serviceName: 'framefarm-render', runId, job: jobIdentityFromEnv(process.env, config.jobId) }, async (tracer) => {
        const store = RunStore.fromEnv(process.env, { instrument: (client) => tracer.instrumentAwsClient(client) });
        await renderChunk(store, config, log, { ...sketchThreadStart(), span: (name, attributes, fn) => tracer.withSpan(name, attributes, () => fn()) });
      });
    },
  ).then((code) => (process.exitCode = code));
}
