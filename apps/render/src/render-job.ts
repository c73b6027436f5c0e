import { createJobLog, jobLogContext, exitWhenOutputWritten, RunStore, runJobMain } from '@framefarm/run-store';
import { jobIdentityFromEnv, traceJob } from '@framefarm/tracing';
import { readRenderEnv } from './env';
import { renderChunk } from './render-chunk';
import type { SketchThreadCode } from './sketch-thread';
import { SKETCH_THREAD_CODE } from './sketch-thread-code';

/**
 * The sketch thread runs its own code, which the build puts into this bundle (sketch-thread-code.ts);
 * its require() resolves from here, as this bundle's does. Without that code the thread runs this
 * same bundle (see main.ts); a job started by the local loader (apps/cli/bin/job-start.cjs, which
 * names itself in FRAMEFARM_JOB_LOADER) then starts its thread the same way, from the code cache.
 */
function sketchThreadStart(): { sketchThreadScript: string | SketchThreadCode; sketchThreadArgv?: string[] } {
  if (SKETCH_THREAD_CODE !== undefined) return { sketchThreadScript: { code: SKETCH_THREAD_CODE, requireFrom: __filename } };
  const loader = process.env.FRAMEFARM_JOB_LOADER;
  return loader ? { sketchThreadScript: loader, sketchThreadArgv: [__filename] } : { sketchThreadScript: __filename };
}

/** The render job: reads its chunk from the environment, renders it, and exits with its exit code. */
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
  ).then(exitWhenOutputWritten);
}
