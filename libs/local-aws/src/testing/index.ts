// Test helpers of @framefarm/local-aws, for other projects' tests: import from '@framefarm/local-aws/testing'.
export * from './signed-request';
