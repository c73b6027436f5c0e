import { randomBytes } from 'node:crypto';
import { ENV, InvalidPlanError, planChunks } from '@framefarm/job-specs';

/** What starts a run through Step Functions; numbers may arrive as strings (console, Scheduler input). */
export interface PlanRunInput {
  totalFrames: number | string;
  framesPerRenderJob: number | string;
  runId?: string;
  sketch?: string;
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
  /** Batch arrays hold 2…10,000 children, so one chunk runs as a single job instead. */
  isArray: boolean;
  arraySize: number;
  environment: BatchEnvironmentVariable[];
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function whole(name: string, value: number | string | undefined): number {
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isInteger(parsed)) {
    throw new InvalidPlanError(`${name} must be a whole number, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `sfn-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** The same planning as the plan job (planChunks), as the first state of the state machine. */
export function planRun(input: PlanRunInput, now = new Date()): PlanRunOutput {
  const totalFrames = whole(ENV.totalFrames, input.totalFrames);
  const framesPerRenderJob = whole(ENV.framesPerRenderJob, input.framesPerRenderJob);
  const chunks = planChunks(totalFrames, framesPerRenderJob);
  const runId = input.runId ?? newRunId(now);
  if (!RUN_ID.test(runId)) {
    throw new InvalidPlanError(
      `runId "${runId}" must start with a letter or digit and hold only letters, digits, - and _ (at most 100): it becomes part of Batch job names`,
    );
  }
  const environment: BatchEnvironmentVariable[] = [
    { Name: ENV.runId, Value: runId },
    { Name: ENV.totalFrames, Value: String(totalFrames) },
    { Name: ENV.framesPerRenderJob, Value: String(framesPerRenderJob) },
  ];
  const optional: [string, string | number | undefined][] = [
    [ENV.sketch, input.sketch],
    [ENV.width, input.width],
    [ENV.height, input.height],
    [ENV.fps, input.fps],
  ];
  for (const [name, value] of optional) {
    if (value !== undefined && value !== '') environment.push({ Name: name, Value: String(value) });
  }
  return { runId, chunkCount: chunks.length, isArray: chunks.length > 1, arraySize: chunks.length, environment };
}

export async function handler(event: PlanRunInput): Promise<PlanRunOutput> {
  return planRun(event);
}
