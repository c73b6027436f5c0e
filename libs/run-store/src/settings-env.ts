import { z } from 'zod';
import { ENV, InvalidPlanError, chunkCount } from '@framefarm/job-specs';
import { RUN_ID_PATTERN, RunSettings } from './schemas';

/** The optional seed variable: another seed gives a sketch another palette and layout. */
export const SEED_ENV = ENV.seed;

export const SETTINGS_DEFAULTS = { sketch: 'aurora', seed: 'framefarm', width: 1280, height: 720, fps: 30 } as const;

/** One or more environment variables have values a job cannot use; the message lists each. */
export class InvalidEnvironmentError extends Error {
  override readonly name = 'InvalidEnvironmentError';
  constructor(readonly problems: string[]) {
    super(`invalid job environment: ${problems.join('; ')}`);
  }
}

type Env = Record<string, string | undefined>;

const wholeNumber = (name: string, min: number, max: number, extra?: { check: (n: number) => boolean; message: string }) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
    .refine((n) => !extra || extra.check(n), extra?.message ?? '');

const even = (name: string) => ({ check: (n: number) => n % 2 === 0, message: `${name} must be even (H.264 yuv420p needs even sizes)` });

const schema = z.object({
  [ENV.runId]: z.string().trim().regex(RUN_ID_PATTERN, `${ENV.runId} must be 1–64 letters, digits, - or _, starting with a letter or digit`),
  [ENV.sketch]: z.string().trim().min(1, `${ENV.sketch} is empty`),
  [SEED_ENV]: z.string().min(1).max(200, `${SEED_ENV} must be at most 200 characters`),
  [ENV.width]: wholeNumber(ENV.width, 16, 7680, even(ENV.width)),
  [ENV.height]: wholeNumber(ENV.height, 16, 4320, even(ENV.height)),
  [ENV.fps]: wholeNumber(ENV.fps, 1, 120),
  [ENV.totalFrames]: wholeNumber(ENV.totalFrames, 1, 1_000_000),
  [ENV.framesPerRenderJob]: wholeNumber(ENV.framesPerRenderJob, 1, 1_000_000),
});

const given = (value: string | undefined): string => (value === undefined ? 'not set' : `got "${value}"`);

/**
 * The run's settings from the environment, every value checked. Empty strings count as unset.
 * `defaultRunId` is used when RUN_ID is unset (plan); without it RUN_ID is required (render, encode).
 */
export function readRunSettings(env: Env, options: { defaultRunId?: () => string } = {}): RunSettings {
  const value = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const input: Record<string, string | undefined> = {
    [ENV.runId]: value(ENV.runId) ?? options.defaultRunId?.(),
    [ENV.sketch]: value(ENV.sketch) ?? SETTINGS_DEFAULTS.sketch,
    [SEED_ENV]: value(SEED_ENV) ?? SETTINGS_DEFAULTS.seed,
    [ENV.width]: value(ENV.width) ?? String(SETTINGS_DEFAULTS.width),
    [ENV.height]: value(ENV.height) ?? String(SETTINGS_DEFAULTS.height),
    [ENV.fps]: value(ENV.fps) ?? String(SETTINGS_DEFAULTS.fps),
    [ENV.totalFrames]: value(ENV.totalFrames),
    [ENV.framesPerRenderJob]: value(ENV.framesPerRenderJob),
  };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return input[name] === undefined ? `${name} is required (not set)` : `${issue.message} (${given(input[name])})`;
    });
    throw new InvalidEnvironmentError([...new Set(problems)]);
  }
  const v = parsed.data;
  const settings: RunSettings = {
    runId: v[ENV.runId],
    sketch: v[ENV.sketch],
    seed: v[SEED_ENV],
    width: v[ENV.width],
    height: v[ENV.height],
    fps: v[ENV.fps],
    totalFrames: v[ENV.totalFrames],
    framesPerRenderJob: v[ENV.framesPerRenderJob],
  };
  try {
    chunkCount(settings.totalFrames, settings.framesPerRenderJob);
  } catch (error) {
    if (error instanceof InvalidPlanError) throw new InvalidEnvironmentError([error.message]);
    throw error;
  }
  return settings;
}

/** The settings as environment overrides for the render and encode jobs. */
export function runSettingsEnvironment(settings: RunSettings): Record<string, string> {
  return {
    [ENV.runId]: settings.runId,
    [ENV.sketch]: settings.sketch,
    [SEED_ENV]: settings.seed,
    [ENV.width]: String(settings.width),
    [ENV.height]: String(settings.height),
    [ENV.fps]: String(settings.fps),
    [ENV.totalFrames]: String(settings.totalFrames),
    [ENV.framesPerRenderJob]: String(settings.framesPerRenderJob),
  };
}
