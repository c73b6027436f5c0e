import { randomBytes } from 'node:crypto';
import { ENV } from '@framefarm/job-specs';
import { readRunSettings, RunStore, runSettingsEnvironment, SEED_ENV } from '@framefarm/run-store';

/** What starts a run through Step Functions; numbers may arrive as strings. Unknown keys are ignored. */
export interface PlanRunInput {
  totalFrames?: number | string;
  framesPerRenderJob?: number | string;
  runId?: string;
  sketch?: string;
  seed?: string;
  width?: number | string;
  height?: number | string;
  fps?: number | string;
}

export interface BatchEnvironmentVariable {
  Name: string;
  Value: string;
}

export interface PlanRunOutput {
  runId: string;
  chunkCount: number;
  /** Batch arrays hold 2…10,000 children, so a single chunk runs as one plain job instead. */
  isArray: boolean;
  arraySize: number;
  /** The render and encode jobs' container overrides, as the plan job passes them. */
  environment: BatchEnvironmentVariable[];
}

const INPUT_TO_ENV: Record<keyof PlanRunInput, string> = {
  totalFrames: ENV.totalFrames,
  framesPerRenderJob: ENV.framesPerRenderJob,
  runId: ENV.runId,
  sketch: ENV.sketch,
  seed: SEED_ENV,
  width: ENV.width,
  height: ENV.height,
  fps: ENV.fps,
};

function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `sfn-${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * The plan job's work without the child submissions (the state machine submits them): the same
 * settings validation and defaults (readRunSettings), the same manifest and PLANNED run record
 * (recordPlan, which plans the chunks with planChunks). Planning a run id again returns the
 * stored plan; other settings for it are a RunConflictError.
 */
export async function planRun(
  input: PlanRunInput,
  store: Pick<RunStore, 'recordPlan'>,
  now = new Date(),
): Promise<PlanRunOutput> {
  const env: Record<string, string | undefined> = {};
  for (const [key, name] of Object.entries(INPUT_TO_ENV)) {
    const value = input[key as keyof PlanRunInput];
    if (value !== undefined && value !== null) env[name] = String(value);
  }
  const settings = readRunSettings(env, { defaultRunId: () => newRunId(now) });
  const { manifest } = await store.recordPlan(settings, { startedAt: now });
  const chunkCount = manifest.chunks.length;
  return {
    runId: settings.runId,
    chunkCount,
    isArray: chunkCount > 1,
    arraySize: chunkCount,
    environment: Object.entries(runSettingsEnvironment(settings)).map(([Name, Value]) => ({ Name, Value })),
  };
}

let store: RunStore | undefined;

/** FRAMEFARM_BUCKET and FRAMEFARM_TABLE come from the function's environment, as in the jobs. */
export async function handler(event: PlanRunInput): Promise<PlanRunOutput> {
  store ??= RunStore.fromEnv(process.env);
  return planRun(event, store);
}
