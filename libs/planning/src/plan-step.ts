import * as z from 'zod/mini';
import { newRunId, readRunSettings, RUN_SETTING_ENV, RUN_SETTING_KEYS, RunSettingKey, runSettingsEnvironment, RunStore, InvalidEnvironmentError } from '@framefarm/run-store';
import { assertSketchUploaded, sketchProblem } from './sketch-check';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

const settingValue = z.optional(z.union([z.string(), z.number()]));

/**
 * What starts a run through Step Functions: the run settings by their own names, numbers as JSON
 * numbers or as decimal strings; unknown keys are ignored. Derived from the settings' keys, and
 * checked by the same rules as the plan job's environment.
 */
export const PlanStepInputSchema = z.object(Object.fromEntries(RUN_SETTING_KEYS.map((key) => [key, settingValue])) as Record<RunSettingKey, typeof settingValue>);
export type PlanStepInput = z.input<typeof PlanStepInputSchema>;

export interface BatchEnvironmentVariable {
  Name: string;
  Value: string;
}

export interface PlanStepOutput {
  runId: string;
  chunkCount: number;
  /** Batch arrays hold 2…10,000 children, so a single chunk runs as one plain job instead. */
  isArray: boolean;
  arraySize: number;
  /** The render and encode jobs' container overrides, as the plan job passes them. */
  environment: BatchEnvironmentVariable[];
}

/**
 * The plan job's work without the child submissions (the state machine submits them): the same
 * settings rules and defaults, the same sketch checks, the same manifest and PLANNED run record.
 * Planning a run id again returns the stored plan; other settings for it are a RunConflictError.
 */
export async function planStep(input: unknown, store: Pick<RunStore, 'recordPlan' | 'objects'>, now = new Date()): Promise<PlanStepOutput> {
  const parsed = PlanStepInputSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new InvalidEnvironmentError(parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'input')} must be a number or a string`));
  }
  const env: Record<string, string> = {};
  for (const key of RUN_SETTING_KEYS) {
    const value = parsed.data[key];
    if (value !== undefined) env[RUN_SETTING_ENV[key]] = String(value);
  }
  const settings = readRunSettings(env, { defaultRunId: () => newRunId({ prefix: 'sfn', now }) });
  const problem = sketchProblem(settings.sketch);
  if (problem) throw new InvalidEnvironmentError([problem]);
  await assertSketchUploaded(store.objects, settings.sketch);
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
