export * from './errors';
export * from './binaries';
export * from './video-format';
export * from './segment-encoder';
export * from './join';
export * from './probe';
export * from './packets';
export * from './poster';
export { OutputTail } from './run-tool';
