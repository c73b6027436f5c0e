/** Where a run's objects live in the bucket. */
export const runPrefix = (runId: string): string => `runs/${runId}/`;
export const runManifestKey = (runId: string): string => `runs/${runId}/manifest.json`;
export const chunksPrefix = (runId: string): string => `runs/${runId}/chunks/`;
export const padChunkIndex = (index: number): string => String(index).padStart(5, '0');
export const chunkSegmentKey = (runId: string, index: number): string => `${chunksPrefix(runId)}${padChunkIndex(index)}.ts`;
export const chunkManifestKey = (runId: string, index: number): string => `${chunksPrefix(runId)}${padChunkIndex(index)}.json`;
/** The latest frame of a rendering chunk, small, for the dashboard; intermediate like the chunk. */
export const chunkPreviewKey = (runId: string, index: number): string => `${chunksPrefix(runId)}${padChunkIndex(index)}.preview.jpg`;
export const videoKey = (runId: string): string => `runs/${runId}/video.mp4`;
export const posterKey = (runId: string): string => `runs/${runId}/poster.png`;
/** User sketches are content-addressed: the same source is uploaded once and never changes. */
export const sketchKey = (sha256: string): string => `sketches/${sha256}.cjs`;

/** DynamoDB keys (TABLE_KEYS pk/sk) of the run and chunk items. */
export const runPk = (runId: string): string => `RUN#${runId}`;
export const RUN_SK = 'RUN';
export const CHUNK_SK_PREFIX = 'CHUNK#';
export const chunkSk = (index: number): string => `${CHUNK_SK_PREFIX}${padChunkIndex(index)}`;
