import { defaultFramesPerJob } from '@framefarm/job-specs';
import { z } from 'zod';
import { UsageError } from '../errors';

/** What a user asks of one render, validated before anything starts. */
export interface RunRequest {
  runId: string;
  /** A built-in sketch name, or a path to the user's own .ts/.js sketch. */
  sketch: string;
  /** Sketches draw from random generators seeded by this: another seed, another picture. */
  seed?: string;
  totalFrames: number;
  framesPerJob: number;
  width: number;
  height: number;
  fps: number;
}

/** What a sketch declares for itself (its `width`, `height`, `fps` and `frames` exports). */
export interface SketchDefaults {
  width?: number;
  height?: number;
  fps?: number;
  frames?: number;
}

/**
 * Without flags: the sketch's own settings, else these. The default demo (aurora, 120 frames of
 * 1280×720 at 30 fps) is about 4 s in 4 render jobs.
 */
export const DEMO_DEFAULTS = { sketch: 'aurora', frames: 120, renderJobs: 4, width: 1280, height: 720, fps: 30 };

const wholeNumber = (flag: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${flag} must be a number` })
    .int({ error: `${flag} must be a whole number` })
    .min(min, { error: `${flag} must be at least ${min}` })
    .max(max, { error: `${flag} must be at most ${max}` });

const evenSize = (flag: string) =>
  wholeNumber(flag, 16, 7680).refine((n) => n % 2 === 0, { error: `${flag} must be even (H.264 with yuv420p needs even sizes)` });

export const RUN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,62}$/;

const schema = z.object({
  runId: z
    .string()
    .regex(RUN_ID_PATTERN, { error: '--run-id must be 3–63 lower-case letters, digits or dashes, starting with a letter or digit' }),
  sketch: z.string().min(1, { error: '--sketch must name a built-in sketch or a file' }),
  seed: z.string().min(1, { error: '--seed must not be empty' }).max(200, { error: '--seed must be at most 200 characters' }).optional(),
  totalFrames: wholeNumber('--frames', 1, 1_000_000),
  framesPerJob: wholeNumber('--frames-per-job', 1, 1_000_000),
  width: evenSize('--width'),
  height: evenSize('--height'),
  fps: wholeNumber('--fps', 1, 240),
});

export interface RunFlags {
  runId?: string;
  sketch?: string;
  seed?: string;
  frames?: string;
  framesPerJob?: string;
  width?: string;
  height?: string;
  fps?: string;
}

export function newRunId(now = new Date(), random = Math.random): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `run-${stamp}-${Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0')}`;
}

/**
 * Flags first, then what the sketch declares, then the demo's settings. Without --frames-per-job,
 * one wave of render jobs over `vcpus` (job-specs' defaultFramesPerJob); 4 when the capacity is unknown.
 */
export function parseRunRequest(flags: RunFlags, sketch: SketchDefaults = {}, vcpus: number = DEMO_DEFAULTS.renderJobs): RunRequest {
  const parsed = schema
    .omit({ framesPerJob: true })
    .extend({ framesPerJob: schema.shape.framesPerJob.optional() })
    .safeParse({
      runId: flags.runId ?? newRunId(),
      sketch: flags.sketch ?? DEMO_DEFAULTS.sketch,
      seed: flags.seed,
      totalFrames: flags.frames ?? sketch.frames ?? DEMO_DEFAULTS.frames,
      framesPerJob: flags.framesPerJob,
      width: flags.width ?? sketch.width ?? DEMO_DEFAULTS.width,
      height: flags.height ?? sketch.height ?? DEMO_DEFAULTS.height,
      fps: flags.fps ?? sketch.fps ?? DEMO_DEFAULTS.fps,
    });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const request: RunRequest = {
    ...parsed.data,
    framesPerJob: parsed.data.framesPerJob ?? defaultFramesPerJob(parsed.data.totalFrames, vcpus),
  };
  const chunks = Math.ceil(request.totalFrames / request.framesPerJob);
  if (chunks > 10_000) {
    throw new UsageError(`${request.totalFrames} frames at ${request.framesPerJob} per job need ${chunks} render jobs; AWS Batch arrays hold at most 10000. Raise --frames-per-job.`);
  }
  return request;
}
