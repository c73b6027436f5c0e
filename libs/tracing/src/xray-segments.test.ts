import { fromXRayTraceId, spansFromSegmentDocuments, toXRayTraceId, xrayAnnotationKey, XRaySegmentError } from './xray-segments';

const TRACE = '1-5759e988-bd862e3fe1be46a994272793';

describe('X-Ray trace ids', () => {
  it('convert both ways between the X-Ray and the OpenTelemetry form', () => {
    expect(fromXRayTraceId(TRACE)).toBe('5759e988bd862e3fe1be46a994272793');
    expect(toXRayTraceId('5759e988bd862e3fe1be46a994272793')).toBe(TRACE);
  });

  it('refuse what is not a trace id', () => {
    expect(() => fromXRayTraceId('5759e988bd862e3fe1be46a994272793')).toThrow(XRaySegmentError);
    expect(() => toXRayTraceId('1-5759e988-bd862e3fe1be46a994272793')).toThrow(XRaySegmentError);
  });

  it('annotation keys keep letters, digits and underscores only', () => {
    expect(xrayAnnotationKey('aws.batch.job.array_index')).toBe('aws_batch_job_array_index');
  });
});

describe('spansFromSegmentDocuments', () => {
  it('reads a segment still in progress, a string cause and metadata outside the default namespace', () => {
    const { spans, badDocuments } = spansFromSegmentDocuments([
      JSON.stringify({
        id: '70de5b6f19ff9a0a',
        trace_id: TRACE,
        name: 'framefarm-render',
        start_time: 1478293361.271,
        in_progress: true,
        error: true,
        cause: 'render.frames failed',
        metadata: { default: { 'aws.batch.job.id': 'job-1' }, debug: { frames: [1, 2] } },
      }),
    ]);
    expect(badDocuments).toBe(0);
    expect(spans).toEqual([
      {
        traceId: '5759e988bd862e3fe1be46a994272793',
        spanId: '70de5b6f19ff9a0a',
        name: 'framefarm-render',
        kind: 2,
        startTimeUnixNano: '1478293361271000000',
        endTimeUnixNano: '1478293361271000000',
        attributes: { 'aws.batch.job.id': 'job-1', 'debug.frames': [1, 2] },
        status: { code: 2, message: 'render.frames failed' },
        resource: { 'service.name': 'framefarm-render' },
      },
    ]);
  });

  it('counts documents that are not segments and keeps the rest', () => {
    const good = JSON.stringify({ id: 'a', trace_id: TRACE, name: 'n', start_time: 1, end_time: 2 });
    const result = spansFromSegmentDocuments(['not json', '{"id":"b","name":"n"}', JSON.stringify({ id: 'c', trace_id: 'x', name: 'n', start_time: 1 }), good]);
    expect(result.badDocuments).toBe(3);
    expect(result.spans.map((span) => span.spanId)).toEqual(['a']);
  });
});
