export { checkImagesOutside, createBatchEngine, type BatchEngine, type BatchEngineOptions } from './engine';
export type { ImageTableEntry } from './attempt-launch';
export { REASONS as BATCH_STATUS_REASONS } from './job-lifecycle';
