export * from './steps';
export * from './specs';
export * from './environment';
export * from './chunks';
export * from './table';
export * from './layout';
export * from './job-runtime';
export * from './capacity';
