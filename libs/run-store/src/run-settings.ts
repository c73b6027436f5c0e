import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

/**
 * The one definition of a run's settings: limits, defaults, the run-id format and its generator.
 * The manifest (RunSettingsSchema), the job environment (readRunSettings), the CLI flags and the
 * Step Functions input all derive from these; each entry point only names the fields its own way.
 */

/** A run id names S3 prefixes, DynamoDB keys and Batch job names: 1–64 of [A-Za-z0-9_-]. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const RUN_ID_RULE = '1–64 letters, digits, - or _, starting with a letter or digit';

export const isRunId = (value: string): boolean => RUN_ID_PATTERN.test(value);

export const RUN_SETTINGS_LIMITS = {
  /** H.264 level 6.2 tops out at 8K UHD (7680x4320); sizes must be even for yuv420p. */
  width: { min: 16, max: 7680 },
  height: { min: 16, max: 4320 },
  fps: { min: 1, max: 120 },
  totalFrames: { min: 1, max: 1_000_000 },
  framesPerRenderJob: { min: 1, max: 1_000_000 },
  /** Seconds one frame may take to draw; past the render job's own timeout (60 min) it means nothing. */
  frameTimeoutSeconds: { min: 1, max: 3600 },
  seedLength: 200,
} as const;

/**
 * The sketches every render job has built in. Listed here (not taken from @framefarm/sketch) so
 * that planning checks a SKETCH without loading canvas code: the Step Functions Lambda bundles
 * the planner. @framefarm/sketch's table must have exactly these names (a type check).
 */
export const BUILTIN_SKETCH_NAMES = ['aurora', 'flow-field', 'truchet'] as const;
export type BuiltinSketchName = (typeof BUILTIN_SKETCH_NAMES)[number];

/** Without a value: the default demo (aurora, 120 frames of 1280×720 at 30 fps in 4 render jobs). */
export const RUN_SETTINGS_DEFAULTS = {
  sketch: 'aurora',
  seed: 'framefarm',
  width: 1280,
  height: 720,
  fps: 30,
  totalFrames: 120,
  /** When no frames per render job are given, enough for this many render jobs. */
  renderJobs: 4,
  /**
   * A frame (the first one with the sketch's setup) that takes longer fails its chunk: generous,
   * so only a sketch that hangs reaches it, not a slow one on a busy machine.
   */
  frameTimeoutSeconds: 60,
} as const;

type NumberKey = 'width' | 'height' | 'fps' | 'totalFrames' | 'framesPerRenderJob' | 'frameTimeoutSeconds';

const whole = (key: NumberKey) => {
  const { min, max } = RUN_SETTINGS_LIMITS[key];
  return z.int({ error: 'must be a whole number' }).check(z.gte(min, { error: `must be at least ${min}` }), z.lte(max, { error: `must be at most ${max}` }));
};

const evenSize = (key: 'width' | 'height') => whole(key).check(z.refine((n) => n % 2 === 0, { error: 'must be even (H.264 yuv420p needs even sizes)' }));

/** Each setting's rule, with messages that read after the setting's name (`FPS must be at most 120`). */
export const RUN_SETTING_FIELDS = {
  runId: z.string({ error: 'must be a run id' }).check(z.regex(RUN_ID_PATTERN, { error: `must be ${RUN_ID_RULE}` })),
  /** A built-in sketch name or `s3://<bucket>/sketches/<sha256>.cjs`. */
  sketch: z.string({ error: 'must name a sketch' }).check(z.minLength(1, { error: 'must not be empty' })),
  seed: z
    .string({ error: 'must be text' })
    .check(z.minLength(1, { error: 'must not be empty' }), z.maxLength(RUN_SETTINGS_LIMITS.seedLength, { error: `must be at most ${RUN_SETTINGS_LIMITS.seedLength} characters` })),
  width: evenSize('width'),
  height: evenSize('height'),
  fps: whole('fps'),
  totalFrames: whole('totalFrames'),
  framesPerRenderJob: whole('framesPerRenderJob'),
  /**
   * How long the render job waits for one frame of the sketch; unset means the default (see
   * frameTimeoutSecondsOf). Not part of what a run renders (settingsHash leaves it out), so a run
   * resumes with another limit.
   */
  frameTimeoutSeconds: z.optional(whole('frameTimeoutSeconds')),
};

/** Everything that decides what a run renders. Plan writes it; render and encode get it in their environment. */
export const RunSettingsSchema = z.object(RUN_SETTING_FIELDS);
export type RunSettings = z.infer<typeof RunSettingsSchema>;
export type RunSettingKey = keyof RunSettings;
export const RUN_SETTING_KEYS = Object.keys(RUN_SETTING_FIELDS) as RunSettingKey[];

/** Settings a run may leave unset: each has its default where it is used. */
export const OPTIONAL_RUN_SETTING_KEYS: readonly RunSettingKey[] = ['frameTimeoutSeconds'];

/** The time one frame may take in this run's render jobs. */
export const frameTimeoutSecondsOf = (settings: Pick<RunSettings, 'frameTimeoutSeconds'>): number =>
  settings.frameTimeoutSeconds ?? RUN_SETTINGS_DEFAULTS.frameTimeoutSeconds;

const NUMBER_KEYS = new Set<RunSettingKey>(['width', 'height', 'fps', 'totalFrames', 'framesPerRenderJob', 'frameTimeoutSeconds']);

/**
 * A setting given as text (a flag, an environment variable, a JSON string): numbers in plain
 * decimal digits only, so `0x10`, `1e2` or `12.0` are refused rather than read as 16, 100 or 12.
 */
export function settingFromText(key: RunSettingKey): z.ZodMiniType<RunSettings[RunSettingKey], string> {
  const text = z.string().check(z.trim());
  if (!NUMBER_KEYS.has(key)) return z.pipe(text, RUN_SETTING_FIELDS[key] as z.ZodMiniString<string>);
  const digits = z.pipe(text.check(z.regex(/^\d+$/, { error: 'must be a whole number' })), z.transform(Number));
  return z.pipe(digits, RUN_SETTING_FIELDS[key] as unknown as z.ZodMiniNumber<number>);
}

export interface SettingsProblem {
  key: RunSettingKey;
  /** The rule the value broke, to follow the setting's name: `must be at most 120`. */
  message: string;
}

/**
 * Checks the settings given as text, field by field (the given keys only), and returns what is
 * valid and every problem. Entry points turn problems into their own words with the names they use.
 */
export function parseSettingsText<K extends RunSettingKey>(input: Partial<Record<K, string>>, keys: readonly K[]): { values: Partial<Pick<RunSettings, K>>; problems: SettingsProblem[] } {
  const values: Partial<Pick<RunSettings, K>> = {};
  const problems: SettingsProblem[] = [];
  for (const key of keys) {
    const text = input[key];
    if (text === undefined) {
      problems.push({ key, message: 'is required (not set)' });
      continue;
    }
    const parsed = settingFromText(key).safeParse(text);
    if (parsed.success) values[key] = parsed.data as RunSettings[K];
    else problems.push({ key, message: parsed.error.issues[0]?.message ?? 'is not valid' });
  }
  return { values, problems };
}

/**
 * A new run id: `<prefix>-<UTC yyyymmddhhmmss>-<4 base-36 characters>`, time-ordered so
 * listings sort by start.
 */
export function newRunId(options: { prefix?: string; now?: Date; random?: () => number } = {}): string {
  const now = options.now ?? new Date();
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const random = options.random ? Math.floor(options.random() * 36 ** 4) : randomBytes(4).readUInt32BE(0) % 36 ** 4;
  return `${options.prefix ?? 'run'}-${stamp}-${random.toString(36).padStart(4, '0')}`;
}

/** The run a Batch job plans when no run id is given: named after the job, so a retried attempt plans the same run. */
export function runIdForJob(jobId: string): string {
  return `run-${jobId.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 64);
}
