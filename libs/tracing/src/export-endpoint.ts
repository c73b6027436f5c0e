export class TraceEndpointError extends Error {
  override readonly name = 'TraceEndpointError';
}

/** Where a job's spans go, and how. */
export interface TraceExportTarget {
  url: string;
  protocol: 'http/protobuf' | 'http/json';
  /** Set for X-Ray's OTLP endpoint, which takes only SigV4-signed requests. */
  sigv4?: { region: string; service: 'xray' };
}

const XRAY_HOST = /^xray\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/**
 * Picks the OTLP/HTTP traces endpoint from the environment, first match wins:
 * 1. `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (a full URL, per the OpenTelemetry spec),
 * 2. `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`,
 * 3. `AWS_ENDPOINT_URL` + `/v1/traces`: the local stack's edge endpoint serves OTLP too, and like
 *    X-Ray's OTLP endpoint takes only requests signed for `xray`,
 * 4. X-Ray's OTLP endpoint in `AWS_REGION` (or `AWS_DEFAULT_REGION`).
 * Undefined (no export) when none applies, or when `OTEL_SDK_DISABLED=true` or
 * `OTEL_TRACES_EXPORTER=none`; a `TraceEndpointError` when the chosen value is not an http(s) URL.
 */
export function resolveTraceExportTarget(env: Record<string, string | undefined>): TraceExportTarget | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return undefined;
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL)?.trim() === 'http/json' ? 'http/json' : 'http/protobuf';
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const otel = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) ?? withTracesPath(nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT));
  const awsEndpoint = otel === undefined ? withTracesPath(nonEmpty(env.AWS_ENDPOINT_URL)) : undefined;
  const url = otel ?? awsEndpoint ?? (region ? `https://xray.${region}.amazonaws.com/v1/traces` : undefined);
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TraceEndpointError(`"${url}" is not a URL; set OTEL_EXPORTER_OTLP_TRACES_ENDPOINT to one such as http://collector:4318/v1/traces`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TraceEndpointError(`"${url}" is not an http(s) URL; OTLP export here is over HTTP`);
  const xray = XRAY_HOST.exec(parsed.hostname);
  if (xray) return { url, protocol, sigv4: { region: xray[1], service: 'xray' } };
  if (awsEndpoint) return { url, protocol, sigv4: { region: region ?? 'us-east-1', service: 'xray' } };
  return { url, protocol };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}

function withTracesPath(base: string | undefined): string | undefined {
  return base === undefined ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`;
}
