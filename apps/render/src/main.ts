import { isMainThread, workerData } from 'node:worker_threads';
import { createJobLog, jobLogContext, RunStore, runJobMain } from '@framefarm/run-store';
import { jobIdentityFromEnv, traceJob } from '@framefarm/tracing';
import { readRenderEnv } from './env';
import { renderChunk } from './render-chunk';
import { isSketchThreadInit } from './sketch-protocol';
import { runSketchThread } from './sketch-thread-main';

const context = jobLogContext('render');
let log = createJobLog(context);

// The bundle is also the script of the thread that runs the sketch (render-chunk starts it).
if (!isMainThread && isSketchThreadInit(workerData)) runSketchThread(workerData);
else void runJobMain(
  () => log,
  async () => {
    const config = readRenderEnv(process.env);
    const { runId } = config.settings;
    log = createJobLog({ ...context, runId, arrayIndex: config.chunk.index });
    await traceJob({ serviceName: 'framefarm-render', runId, job: jobIdentityFromEnv(process.env, config.jobId) }, async (tracer) => {
      const store = RunStore.fromEnv(process.env, { instrument: (client) => tracer.instrumentAwsClient(client) });
      await renderChunk(store, config, log, { sketchThreadScript: __filename, span: (name, attributes, fn) => tracer.withSpan(name, attributes, () => fn()) });
    });
  },
).then((code) => (process.exitCode = code));
