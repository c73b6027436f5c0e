export * from './errors';
export * from './sources';
export * from './run-state';
export * from './load-run';
export * from './job-logs';
export * from './failure';
export * from './artifacts';
