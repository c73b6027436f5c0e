import { createJobLog, jobLogContext, RunStore, runJobMain } from '@framefarm/run-store';
import { readRenderEnv } from './env';
import { renderChunk } from './render-chunk';

const context = jobLogContext('render');
let log = createJobLog(context);

void runJobMain(
  () => log,
  async () => {
    const config = readRenderEnv(process.env);
    log = createJobLog({ ...context, runId: config.settings.runId, arrayIndex: config.chunk.index });
    await renderChunk(RunStore.fromEnv(process.env), config, log);
  },
).then((code) => (process.exitCode = code));
