// The spans as the local stack and the report keep and read them, without the OpenTelemetry SDK
// the jobs trace with: the package's index loads the SDK (about 190 files), which the CLI would
// otherwise load on every start without using it.
export * from './attributes';
export * from './stored-span';
export * from './stored-span-parse';
export * from './trace-files';
export * from './trace-environment';
export * from './xray-segments';
