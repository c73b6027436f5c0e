import { createJobLog, jobLogContext, RunStore, runJobMain } from '@framefarm/run-store';
import { jobIdentityFromEnv, traceJob } from '@framefarm/tracing';
import { readRenderEnv } from './env';
import { renderChunk } from './render-chunk';

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
        // The sketch thread runs this same bundle (see main.ts).
        await renderChunk(store, config, log, { sketchThreadScript: __filename, span: (name, attributes, fn) => tracer.withSpan(name, attributes, () => fn()) });
      });
    },
  ).then((code) => (process.exitCode = code));
}
