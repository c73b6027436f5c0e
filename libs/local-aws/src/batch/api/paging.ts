import { ClientException } from '../errors';

/** Offset-based `nextToken` for the Describe* operations (their lists only grow at the end). */
export function page<T>(items: T[], maxResults: number | undefined, nextToken: string | undefined, limit: number): { items: T[]; nextToken?: string } {
  const size = maxResults ?? limit;
  if (size < 1 || size > limit) throw new ClientException(`maxResults must be between 1 and ${limit}, got ${size}`);
  const start = nextToken === undefined ? 0 : decodeToken(nextToken);
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, nextToken: encodeToken(start + size) } : { items: slice };
}

export function encodeToken(position: number): string {
  return Buffer.from(JSON.stringify({ p: position })).toString('base64');
}

export function decodeToken(token: string): number {
  try {
    const position = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { p?: unknown }).p;
    if (typeof position === 'number' && Number.isInteger(position) && position >= 0) return position;
  } catch {
    // fall through
  }
  throw new ClientException(`nextToken '${token}' is invalid; pass the nextToken of the previous response unchanged`);
}
