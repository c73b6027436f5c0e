import { chunkCount, defaultFramesPerJob, InvalidPlanError } from '@framefarm/job-specs';
import { newRunId, OPTIONAL_RUN_SETTING_KEYS, parseSettingsText, RUN_SETTING_KEYS, RUN_SETTINGS_DEFAULTS, RunSettingKey } from '@framefarm/run-store';
import type { RunRequest } from '@framefarm/runs';
import { UsageError } from '../errors';

/**
 * What a user asks of one render, validated before anything starts: the run's settings (one
 * definition in @framefarm/run-store), with the seed left to plan's default when not given.
 */
export type { RunRequest } from '@framefarm/runs';

/** What a sketch declares for itself (its `width`, `height`, `fps` and `frames` exports). */
export interface SketchDefaults {
  width?: number;
  height?: number;
  fps?: number;
  frames?: number;
}

/** The render flags as commander gives them: text, checked here. */
export interface RunFlags {
  runId?: string;
  sketch?: string;
  seed?: string;
  frames?: string;
  framesPerJob?: string;
  width?: string;
  height?: string;
  fps?: string;
  frameTimeout?: string;
}

/** Each setting's flag, for messages in the user's words. */
export const RUN_SETTING_FLAGS: Record<RunSettingKey, string> = {
  runId: '--run-id',
  sketch: '--sketch',
  seed: '--seed',
  width: '--width',
  height: '--height',
  fps: '--fps',
  totalFrames: '--frames',
  framesPerRenderJob: '--frames-per-job',
  frameTimeoutSeconds: '--frame-timeout',
};

const text = (value: string | number | undefined): string | undefined => (value === undefined ? undefined : String(value));

/** The flags as given, by the run setting each sets. */
const givenSettings = (flags: RunFlags): Partial<Record<RunSettingKey, string>> => ({
  runId: flags.runId,
  sketch: flags.sketch,
  seed: flags.seed,
  totalFrames: flags.frames,
  framesPerRenderJob: flags.framesPerJob,
  width: flags.width,
  height: flags.height,
  fps: flags.fps,
  frameTimeoutSeconds: flags.frameTimeout,
});

const usageErrorOf = (problems: { key: RunSettingKey; message: string }[], input: Partial<Record<RunSettingKey, string>>): UsageError =>
  new UsageError(problems.map(({ key, message }) => `${RUN_SETTING_FLAGS[key]} ${message} (got "${input[key]}")`).join('; '));

/** The number of render jobs must be one Batch allows; the message names the flag. */
function checkChunkCount(totalFrames: number, framesPerRenderJob: number): void {
  try {
    chunkCount(totalFrames, framesPerRenderJob);
  } catch (error) {
    if (error instanceof InvalidPlanError) throw new UsageError(error.message.replace('FRAMES_PER_RENDER_JOB', RUN_SETTING_FLAGS.framesPerRenderJob));
    throw error;
  }
}

/**
 * The flags given, each on its own (and --frames with --frames-per-job), before anything starts:
 * what only combines with the sketch's own settings is checked by parseRunRequest, once the sketch is read.
 */
export function checkRunFlags(flags: RunFlags): void {
  const input = givenSettings(flags);
  const { values, problems } = parseSettingsText(input, RUN_SETTING_KEYS.filter((key) => input[key] !== undefined));
  if (problems.length > 0) throw usageErrorOf(problems, input);
  if (values.totalFrames !== undefined && values.framesPerRenderJob !== undefined) checkChunkCount(values.totalFrames, values.framesPerRenderJob);
}

/**
 * Flags first, then what the sketch declares, then the run-settings defaults. Without
 * --frames-per-job, one wave of render jobs over `vcpus` (job-specs' defaultFramesPerJob; 4 when
 * the capacity is unknown). The same rules as the plan job's environment.
 */
export function parseRunRequest(flags: RunFlags, sketch: SketchDefaults = {}, vcpus: number = RUN_SETTINGS_DEFAULTS.renderJobs): RunRequest {
  const given = givenSettings(flags);
  const input: Partial<Record<RunSettingKey, string>> = {
    ...given,
    runId: given.runId ?? newRunId(),
    sketch: given.sketch ?? RUN_SETTINGS_DEFAULTS.sketch,
    totalFrames: given.totalFrames ?? text(sketch.frames ?? RUN_SETTINGS_DEFAULTS.totalFrames),
    width: given.width ?? text(sketch.width ?? RUN_SETTINGS_DEFAULTS.width),
    height: given.height ?? text(sketch.height ?? RUN_SETTINGS_DEFAULTS.height),
    fps: given.fps ?? text(sketch.fps ?? RUN_SETTINGS_DEFAULTS.fps),
  };
  const keys = RUN_SETTING_KEYS.filter((key) => input[key] !== undefined || (key !== 'seed' && key !== 'framesPerRenderJob' && !OPTIONAL_RUN_SETTING_KEYS.includes(key)));
  const { values, problems } = parseSettingsText(input, keys);
  if (problems.length > 0) throw usageErrorOf(problems, input);
  const totalFrames = values.totalFrames!;
  const request = { ...values, framesPerRenderJob: values.framesPerRenderJob ?? defaultFramesPerJob(totalFrames, vcpus) } as RunRequest;
  checkChunkCount(request.totalFrames, request.framesPerRenderJob);
  return request;
}
