export * from './types';
export * from './errors';
export * from './random';
export * from './noise';
export * from './settings';
export * from './render';
export * from './load';
export * from './bundle';
export { BUILTIN_SKETCHES, DEFAULT_SKETCH } from './builtins';
