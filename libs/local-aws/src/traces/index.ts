export { createOtlpReceiver } from './otlp-receiver';
export { readTraceSpans, listTraceIds, appendSpans, InvalidTraceIdError } from './trace-store';
export { flattenSpans, InvalidTraceRequestError } from './flatten-spans';
export { decodeTraceRequest } from './otlp-protobuf';
export type { StoredSpan, AttributeValue, OtlpTraceRequest } from './otlp-types';
