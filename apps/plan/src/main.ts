import { BatchClient } from '@aws-sdk/client-batch';
import { createJobLog, jobLogContext, RunStore, runJobMain } from '@framefarm/run-store';
import { readPlanEnv } from './env';
import { planRun } from './plan-run';

const context = jobLogContext('plan');
let log = createJobLog(context);

void runJobMain(
  () => log,
  async () => {
    const config = readPlanEnv(process.env);
    log = createJobLog({ ...context, runId: config.settings.runId });
    await planRun(RunStore.fromEnv(process.env), new BatchClient({}), config, log);
  },
).then((code) => (process.exitCode = code));
