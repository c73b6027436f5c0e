import { OTLP_SPAN_KIND, OTLP_STATUS_CODE } from './stored-span';
import { StoredSpanFormatError, parseStoredSpan } from './stored-span-parse';

const base = {
  traceId: '6a5f3c1e0123456789abcdef01234567',
  spanId: '0123456789abcdef',
  name: 'render.frames',
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000001500000000',
};

describe('parseStoredSpan', () => {
  it('reads the stored format, dropping attribute values it cannot show', () => {
    const span = parseStoredSpan(
      JSON.stringify({ ...base, parentSpanId: 'fedcba9876543210', kind: 3, attributes: { a: 1, b: 'x', c: null, d: [1, 2] }, status: { code: 2, message: 'boom' }, resource: { 'service.name': 'r' } }),
    );
    expect(span).toEqual({
      ...base,
      parentSpanId: 'fedcba9876543210',
      kind: OTLP_SPAN_KIND.CLIENT,
      attributes: { a: 1, b: 'x', d: [1, 2] },
      status: { code: OTLP_STATUS_CODE.ERROR, message: 'boom' },
      resource: { 'service.name': 'r' },
    });
  });

  it('accepts enum names and numeric times from other writers', () => {
    const span = parseStoredSpan(JSON.stringify({ ...base, startTimeUnixNano: 1700000000000000000, kind: 'SPAN_KIND_SERVER', status: { code: 'STATUS_CODE_OK' } }));
    expect(span.kind).toBe(OTLP_SPAN_KIND.SERVER);
    expect(span.status.code).toBe(OTLP_STATUS_CODE.OK);
    expect(span.startTimeUnixNano).toBe('1700000000000000000');
  });

  it('rejects lines without ids, name or times, saying which field', () => {
    expect(() => parseStoredSpan('{"traceId":"x"}', 'f.jsonl:3')).toThrow(new StoredSpanFormatError('f.jsonl:3: "spanId" is missing'));
    expect(() => parseStoredSpan(JSON.stringify({ ...base, endTimeUnixNano: 'soon' }))).toThrow('"endTimeUnixNano" must be nanoseconds');
    expect(() => parseStoredSpan('{"traceId":')).toThrow('not JSON');
  });
});
