export * from './sketch-check';
export * from './plan-env';
export * from './child-jobs';
export * from './plan-run';
export * from './plan-step';
