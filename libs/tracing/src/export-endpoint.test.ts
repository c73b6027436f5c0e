import { TraceEndpointError, resolveTraceExportTarget } from './export-endpoint';

describe('resolveTraceExportTarget', () => {
  it('prefers OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, used as given', () => {
    expect(
      resolveTraceExportTarget({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom', AWS_ENDPOINT_URL: 'http://localhost:4566', AWS_REGION: 'eu-west-1' }),
    ).toEqual({ url: 'http://collector:4318/custom', protocol: 'http/protobuf' });
  });

  it('appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(resolveTraceExportTarget({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })?.url).toBe('http://collector:4318/v1/traces');
  });

  it("uses the local stack's edge endpoint when AWS_ENDPOINT_URL is set, signed for X-Ray as AWS's OTLP endpoint is", () => {
    expect(resolveTraceExportTarget({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_REGION: 'eu-west-1' })).toEqual({
      url: 'http://127.0.0.1:4566/v1/traces',
      protocol: 'http/protobuf',
      sigv4: { region: 'eu-west-1', service: 'xray' },
    });
    expect(resolveTraceExportTarget({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })?.sigv4).toEqual({ region: 'us-east-1', service: 'xray' });
  });

  it("goes to X-Ray's OTLP endpoint in the job's region, signed", () => {
    expect(resolveTraceExportTarget({ AWS_REGION: 'eu-central-1' })).toEqual({
      url: 'https://xray.eu-central-1.amazonaws.com/v1/traces',
      protocol: 'http/protobuf',
      sigv4: { region: 'eu-central-1', service: 'xray' },
    });
    expect(resolveTraceExportTarget({ AWS_DEFAULT_REGION: 'us-west-2' })?.sigv4?.region).toBe('us-west-2');
  });

  it('signs an explicitly configured X-Ray endpoint too', () => {
    expect(resolveTraceExportTarget({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://xray.ap-south-1.amazonaws.com/v1/traces' })?.sigv4).toEqual({
      region: 'ap-south-1',
      service: 'xray',
    });
  });

  it('honours the JSON protocol setting', () => {
    expect(resolveTraceExportTarget({ AWS_ENDPOINT_URL: 'http://h:1', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' })?.protocol).toBe('http/json');
  });

  it('exports nothing when disabled or when there is nowhere to send', () => {
    expect(resolveTraceExportTarget({})).toBeUndefined();
    expect(resolveTraceExportTarget({ AWS_REGION: 'us-east-1', OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(resolveTraceExportTarget({ AWS_REGION: 'us-east-1', OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });

  it('rejects a value that is not an http(s) URL', () => {
    expect(() => resolveTraceExportTarget({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url' })).toThrow(TraceEndpointError);
    expect(() => resolveTraceExportTarget({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://collector:4317' })).toThrow('is not an http(s) URL');
  });
});
