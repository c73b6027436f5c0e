export * from './launch-chromium';
