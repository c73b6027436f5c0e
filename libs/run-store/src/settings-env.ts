import { ENV, InvalidPlanError, chunkCount } from '@framefarm/job-specs';
import { OPTIONAL_RUN_SETTING_KEYS, parseSettingsText, RUN_SETTING_KEYS, RUN_SETTINGS_DEFAULTS, RunSettingKey, RunSettings } from './run-settings';

/** The optional seed variable: another seed gives a sketch another palette and layout. */
export const SEED_ENV = ENV.seed;

/** Each setting's environment variable: the overrides plan receives and passes to its children. */
export const RUN_SETTING_ENV: Record<RunSettingKey, string> = {
  runId: ENV.runId,
  sketch: ENV.sketch,
  seed: SEED_ENV,
  width: ENV.width,
  height: ENV.height,
  fps: ENV.fps,
  totalFrames: ENV.totalFrames,
  framesPerRenderJob: ENV.framesPerRenderJob,
  frameTimeoutSeconds: ENV.frameTimeoutSeconds,
};

/** One or more environment variables have values a job cannot use; the message lists each. */
export class InvalidEnvironmentError extends Error {
  override readonly name = 'InvalidEnvironmentError';
  constructor(readonly problems: string[]) {
    super(`invalid job environment: ${problems.join('; ')}`);
  }
}

type Env = Record<string, string | undefined>;

const given = (value: string | undefined): string => (value === undefined ? 'not set' : `got "${value}"`);

/**
 * The run's settings from the environment, every value checked. Empty strings count as unset.
 * `defaultRunId` is used when RUN_ID is unset (plan); without it RUN_ID is required (render, encode).
 * TOTAL_FRAMES and FRAMES_PER_RENDER_JOB are the original contract: they have no default here.
 */
export function readRunSettings(env: Env, options: { defaultRunId?: () => string } = {}): RunSettings {
  const value = (key: RunSettingKey) => {
    const text = env[RUN_SETTING_ENV[key]];
    return text === undefined || text === '' ? undefined : text;
  };
  const input: Partial<Record<RunSettingKey, string>> = {
    runId: value('runId') ?? options.defaultRunId?.(),
    sketch: value('sketch') ?? RUN_SETTINGS_DEFAULTS.sketch,
    seed: value('seed') ?? RUN_SETTINGS_DEFAULTS.seed,
    width: value('width') ?? String(RUN_SETTINGS_DEFAULTS.width),
    height: value('height') ?? String(RUN_SETTINGS_DEFAULTS.height),
    fps: value('fps') ?? String(RUN_SETTINGS_DEFAULTS.fps),
    totalFrames: value('totalFrames'),
    framesPerRenderJob: value('framesPerRenderJob'),
    frameTimeoutSeconds: value('frameTimeoutSeconds'),
  };
  const keys = RUN_SETTING_KEYS.filter((key) => input[key] !== undefined || !OPTIONAL_RUN_SETTING_KEYS.includes(key));
  const { values, problems } = parseSettingsText(input, keys);
  if (problems.length > 0) {
    throw new InvalidEnvironmentError(
      problems.map(({ key, message }) => (input[key] === undefined ? `${RUN_SETTING_ENV[key]} ${message}` : `${RUN_SETTING_ENV[key]} ${message} (${given(input[key])})`)),
    );
  }
  const settings = values as RunSettings;
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
  return Object.fromEntries(RUN_SETTING_KEYS.filter((key) => settings[key] !== undefined).map((key) => [RUN_SETTING_ENV[key], String(settings[key])]));
}
