import { createBatchClient } from '@framefarm/batch-client';
import { createJobLog, jobLogContext, exitWhenOutputWritten, RunStore, runJobMain } from '@framefarm/run-store';
import { jobIdentityFromEnv, traceJob } from '@framefarm/tracing';
import { planRun, readPlanEnv } from '@framefarm/planning';

const context = jobLogContext('plan');
let log = createJobLog(context);

void runJobMain(
  () => log,
  async () => {
    const config = readPlanEnv(process.env);
    const { runId } = config.settings;
    log = createJobLog({ ...context, runId });
    await traceJob({ serviceName: 'framefarm-plan', runId, job: jobIdentityFromEnv(process.env, 'local-plan') }, async (tracer) => {
      const store = RunStore.fromEnv(process.env, { instrument: (client) => tracer.instrumentAwsClient(client) });
      const batch = tracer.instrumentAwsClient(createBatchClient());
      await planRun(store, batch, config, log, {
        childEnvironment: () => tracer.traceEnvironment(),
        span: (name, attributes, fn) => tracer.withSpan(name, attributes, () => fn()),
      });
    });
  },
).then(exitWhenOutputWritten);
