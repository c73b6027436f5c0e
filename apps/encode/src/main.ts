import { createJobLog, jobLogContext, RunStore, runJobMain } from '@framefarm/run-store';
import { encodeRun } from './encode-run';
import { readEncodeEnv } from './env';

const context = jobLogContext('encode');
let log = createJobLog(context);

void runJobMain(
  () => log,
  async () => {
    const config = readEncodeEnv(process.env);
    log = createJobLog({ ...context, runId: config.settings.runId });
    await encodeRun(RunStore.fromEnv(process.env), config, log);
  },
).then((code) => (process.exitCode = code));
