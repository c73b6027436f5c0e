import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex');
const whole = (min: number, max: number) => z.number().int().min(min).max(max);

export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Everything that decides what a run renders. Plan writes it; render and encode get it in their environment. */
export const RunSettingsSchema = z.object({
  runId: z.string().regex(RUN_ID_PATTERN),
  /** A built-in sketch name or `s3://<bucket>/sketches/<sha256>.cjs`. */
  sketch: z.string().min(1),
  seed: z.string().min(1).max(200),
  width: whole(2, 7680),
  height: whole(2, 4320),
  fps: whole(1, 240),
  totalFrames: whole(1, 10_000_000),
  framesPerRenderJob: whole(1, 10_000_000),
});
export type RunSettings = z.infer<typeof RunSettingsSchema>;

export const ChunkRangeSchema = z.object({ index: whole(0, 9_999), start: whole(0, 10_000_000), end: whole(1, 10_000_000) });

/** `runs/<runId>/manifest.json`. */
export const RunManifestSchema = z.object({
  version: z.literal(1),
  runId: z.string().regex(RUN_ID_PATTERN),
  settings: RunSettingsSchema,
  settingsHash: sha256Hex,
  chunks: z.array(ChunkRangeSchema).min(1),
  createdAt: z.iso.datetime(),
});
export type RunManifest = z.infer<typeof RunManifestSchema>;

/** `runs/<runId>/chunks/<index>.json`: what one render job produced. */
export const ChunkManifestSchema = z
  .object({
    /** 2: per-frame checksums are frameChecksum's 64-bit ones (1 had a SHA-256 per frame). */
    version: z.literal(2),
    runId: z.string().regex(RUN_ID_PATTERN),
    index: whole(0, 9_999),
    /** First frame, inclusive. */
    start: whole(0, 10_000_000),
    /** Last frame + 1. */
    end: whole(1, 10_000_000),
    settingsHash: sha256Hex,
    /** frameChecksum (@framefarm/sketch) of each frame's raw RGBA pixels, frame `start` first. */
    frameChecksums: z.array(z.string().regex(/^[0-9a-f]{16}$/, 'a frame checksum is 16 hex digits')),
    segment: z.object({ key: z.string().min(1), bytes: whole(1, Number.MAX_SAFE_INTEGER), sha256: sha256Hex }),
    renderedAt: z.iso.datetime(),
    jobId: z.string().optional(),
    attempt: whole(1, 10),
  })
  .refine((m) => m.end > m.start, { message: 'end must be greater than start', path: ['end'] })
  .refine((m) => m.frameChecksums.length === m.end - m.start, { message: 'one frame checksum per frame of [start, end)', path: ['frameChecksums'] });
export type ChunkManifest = z.infer<typeof ChunkManifestSchema>;
