// Test helpers of @framefarm/run-store, for other projects' tests: import from '@framefarm/run-store/testing'.
export * from './bad-settings';
export * from './local-services';
