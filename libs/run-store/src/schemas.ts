import { z } from 'zod';
import { MAX_ARRAY_SIZE } from '@framefarm/job-specs';
import { RUN_SETTING_FIELDS, RUN_SETTINGS_LIMITS, RunSettingsSchema } from './run-settings';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex');
const whole = (min: number, max: number) => z.number().int().min(min).max(max);
const frameNumber = (min: number) => whole(min, RUN_SETTINGS_LIMITS.totalFrames.max);
const chunkIndex = whole(0, MAX_ARRAY_SIZE - 1);
const runId = RUN_SETTING_FIELDS.runId;

export const ChunkRangeSchema = z.object({ index: chunkIndex, start: frameNumber(0), end: frameNumber(1) });

/** `runs/<runId>/manifest.json`. */
export const RunManifestSchema = z.object({
  version: z.literal(1),
  runId,
  settings: RunSettingsSchema,
  settingsHash: sha256Hex,
  chunks: z.array(ChunkRangeSchema).min(1),
  createdAt: z.iso.datetime(),
});
export type RunManifest = z.infer<typeof RunManifestSchema>;

/** `runs/<runId>/chunks/<index>.json`: what one render job produced. */
export const ChunkManifestSchema = z
  .object({
    version: z.literal(1),
    runId,
    index: chunkIndex,
    /** First frame, inclusive. */
    start: frameNumber(0),
    /** Last frame + 1. */
    end: frameNumber(1),
    settingsHash: sha256Hex,
    /** SHA-256 of each frame's raw RGBA pixels, frame `start` first. */
    frameSha256: z.array(sha256Hex),
    segment: z.object({ key: z.string().min(1), bytes: whole(1, Number.MAX_SAFE_INTEGER), sha256: sha256Hex }),
    renderedAt: z.iso.datetime(),
    jobId: z.string().optional(),
    attempt: whole(1, 10),
  })
  .refine((m) => m.end > m.start, { message: 'end must be greater than start', path: ['end'] })
  .refine((m) => m.frameSha256.length === m.end - m.start, { message: 'one frame checksum per frame of [start, end)', path: ['frameSha256'] });
export type ChunkManifest = z.infer<typeof ChunkManifestSchema>;
