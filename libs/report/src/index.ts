export * from './run-input';
export * from './run-data';
export * from './critical-path';
export * from './collect-run-data';
