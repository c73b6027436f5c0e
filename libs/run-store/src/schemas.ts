import { MAX_ARRAY_SIZE } from '@framefarm/job-specs';
import * as z from 'zod/mini';
import { RUN_SETTING_FIELDS, RUN_SETTINGS_LIMITS, RunSettingsSchema } from './run-settings';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

const sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex'));
const whole = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
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
  chunks: z.array(ChunkRangeSchema).check(z.minLength(1)),
  createdAt: z.iso.datetime(),
});
export type RunManifest = z.infer<typeof RunManifestSchema>;

/** `runs/<runId>/chunks/<index>.json`: what one render job produced. */
export const ChunkManifestSchema = z
  .object({
    /**
     * What the per-frame checksums are: 3, frameChecksum's 16-lane ones; 2, its earlier two-lane
     * ones (a run begun before resumes without rendering those chunks again); 1 had SHA-256.
     */
    version: z.union([z.literal(2), z.literal(3)]),
    runId,
    index: chunkIndex,
    /** First frame, inclusive. */
    start: frameNumber(0),
    /** Last frame + 1. */
    end: frameNumber(1),
    settingsHash: sha256Hex,
    /** frameChecksum (@framefarm/sketch) of each frame's raw RGBA pixels, frame `start` first. */
    frameChecksums: z.array(z.string().check(z.regex(/^[0-9a-f]{16}$/, 'a frame checksum is 16 hex digits'))),
    segment: z.object({ key: z.string().check(z.minLength(1)), bytes: whole(1, Number.MAX_SAFE_INTEGER), sha256: sha256Hex }),
    renderedAt: z.iso.datetime(),
    jobId: z.optional(z.string()),
    attempt: whole(1, 10),
  })
  .check(
    z.refine((m) => m.end > m.start, { message: 'end must be greater than start', path: ['end'] }),
    z.refine((m) => m.frameChecksums.length === m.end - m.start, { message: 'one frame checksum per frame of [start, end)', path: ['frameChecksums'] }),
  );
export type ChunkManifest = z.infer<typeof ChunkManifestSchema>;
