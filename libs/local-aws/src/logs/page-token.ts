import { invalidParameter } from './logs-errors';

/** Opaque paging tokens: base64url JSON, checked on the way back in. */
export function encodePageToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodePageToken<T>(token: string, valid: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (valid(value)) return value;
  } catch {
    // fall through
  }
  throw invalidParameter(`The specified nextToken is invalid: "${token.slice(0, 64)}"`);
}
