export * from './steps';
export * from './specs';
export * from './environment';
