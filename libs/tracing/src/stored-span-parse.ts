import { OTLP_SPAN_KIND, OTLP_STATUS_CODE, StoredAttributes, StoredSpan } from './stored-span';

export class StoredSpanFormatError extends Error {
  override readonly name = 'StoredSpanFormatError';
}

const KIND_NAMES: Record<string, number> = {
  INTERNAL: OTLP_SPAN_KIND.INTERNAL,
  SERVER: OTLP_SPAN_KIND.SERVER,
  CLIENT: OTLP_SPAN_KIND.CLIENT,
  PRODUCER: OTLP_SPAN_KIND.PRODUCER,
  CONSUMER: OTLP_SPAN_KIND.CONSUMER,
};
const STATUS_NAMES: Record<string, number> = { UNSET: OTLP_STATUS_CODE.UNSET, OK: OTLP_STATUS_CODE.OK, ERROR: OTLP_STATUS_CODE.ERROR };

/**
 * Reads one stored span line. Lenient where writers may reasonably differ — enum names
 * (`"SPAN_KIND_CLIENT"`, `"STATUS_CODE_ERROR"`) instead of numbers, numeric timestamps — and
 * strict about what a reader cannot do without (ids, name, times).
 */
export function parseStoredSpan(line: string, where = 'span'): StoredSpan {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new StoredSpanFormatError(`${where}: not JSON`);
  }
  if (!isRecord(raw)) throw new StoredSpanFormatError(`${where}: not an object`);
  const traceId = requireString(raw, 'traceId', where);
  const spanId = requireString(raw, 'spanId', where);
  const name = requireString(raw, 'name', where);
  const startTimeUnixNano = requireNanos(raw, 'startTimeUnixNano', where);
  const endTimeUnixNano = requireNanos(raw, 'endTimeUnixNano', where);
  const status = isRecord(raw.status) ? raw.status : {};
  const span: StoredSpan = {
    traceId,
    spanId,
    name,
    kind: enumValue(raw.kind, KIND_NAMES, 'SPAN_KIND_', OTLP_SPAN_KIND.INTERNAL),
    startTimeUnixNano,
    endTimeUnixNano,
    attributes: attributesOf(raw.attributes),
    status: typeof status.message === 'string' && status.message
      ? { code: enumValue(status.code, STATUS_NAMES, 'STATUS_CODE_', 0), message: status.message }
      : { code: enumValue(status.code, STATUS_NAMES, 'STATUS_CODE_', 0) },
    resource: attributesOf(raw.resource),
  };
  if (typeof raw.parentSpanId === 'string' && raw.parentSpanId) span.parentSpanId = raw.parentSpanId;
  if (Array.isArray(raw.events)) {
    span.events = raw.events.filter(isRecord).map((event) => ({
      name: String(event.name ?? ''),
      timeUnixNano: String(event.timeUnixNano ?? startTimeUnixNano),
      ...(isRecord(event.attributes) ? { attributes: attributesOf(event.attributes) } : {}),
    }));
  }
  return span;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(raw: Record<string, unknown>, key: string, where: string): string {
  const value = raw[key];
  if (typeof value !== 'string' || value === '') throw new StoredSpanFormatError(`${where}: "${key}" is missing`);
  return value;
}

function requireNanos(raw: Record<string, unknown>, key: string, where: string): string {
  const value = raw[key];
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.round(value)).toString();
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  throw new StoredSpanFormatError(`${where}: "${key}" must be nanoseconds as a decimal string`);
}

function enumValue(value: unknown, names: Record<string, number>, prefix: string, fallback: number): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return names[value.replace(prefix, '')] ?? fallback;
  return fallback;
}

function attributesOf(value: unknown): StoredAttributes {
  if (!isRecord(value)) return {};
  const out: StoredAttributes = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
    else if (Array.isArray(v)) out[key] = v as StoredAttributes[string];
  }
  return out;
}
