import { createJobLog, jobLogContext, exitWhenOutputWritten, RunStore, runJobMain } from '@framefarm/run-store';
import { jobIdentityFromEnv, traceJob } from '@framefarm/tracing';
import { encodeRun } from './encode-run';
import { readEncodeEnv } from './env';

const context = jobLogContext('encode');
let log = createJobLog(context);

void runJobMain(
  () => log,
  async () => {
    const config = readEncodeEnv(process.env);
    const { runId } = config.settings;
    log = createJobLog({ ...context, runId });
    await traceJob({ serviceName: 'framefarm-encode', runId, job: jobIdentityFromEnv(process.env, config.jobId) }, async (tracer) => {
      const store = RunStore.fromEnv(process.env, { instrument: (client) => tracer.instrumentAwsClient(client) });
      await encodeRun(store, config, log, (name, attributes, fn) => tracer.withSpan(name, attributes, () => fn()));
    });
  },
).then(exitWhenOutputWritten);
