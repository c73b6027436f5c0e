// Everything a job traces with; the stored-span half alone is ./spans (@framefarm/tracing/spans).
export * from './spans';
export * from './export-endpoint';
export * from './otlp-http-span-exporter';
export * from './sigv4-signer';
export * from './aws-client-middleware';
export * from './job-tracer';
export * from './file-span-exporter';
