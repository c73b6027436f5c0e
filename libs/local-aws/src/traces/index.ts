export { createOtlpReceiver } from './otlp-receiver';
export { readTraceSpans, listTraceIds } from './trace-store';
export { flattenSpans, InvalidTraceRequestError } from './flatten-spans';
export { decodeTraceRequest } from './otlp-protobuf';
export type { StoredSpan, AttributeValue, OtlpTraceRequest } from './otlp-types';
