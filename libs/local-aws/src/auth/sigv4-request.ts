import type { IncomingMessage } from 'node:http';
import { AuthError } from './auth-error';

/** The parts of a SigV4 signature a request carries, in the header or (presigned) in the query. */
export interface SigV4Claim {
  presigned: boolean;
  accessKeyId: string;
  /** `yyyymmdd`, region, service of the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** `yyyymmddThhmmssZ` */
  amzDate: string;
  sessionToken?: string;
  /** Presigned URLs: seconds from amzDate. */
  expiresIn?: number;
}

const SCOPE = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;
const AMZ_DATE = /^\d{8}T\d{6}Z$/;

/** Query parameters decoded the way SigV4 encodes them (`%20` for space; a literal `+` stays `+`). */
/** The credential scope's parts (`<key>/<date>/<region>/<service>/aws4_request`), from SCOPE's match. */
const scopeFields = (scope: RegExpExecArray) => ({ accessKeyId: scope[1], date: scope[2], region: scope[3], service: scope[4] });

export function parseQuery(search: string): [string, string][] {
  if (search === '') return [];
  return search.split('&').filter((part) => part !== '').map((part) => {
    const eq = part.indexOf('=');
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    };
    return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
  });
}

export function splitUrl(url: string): { path: string; search: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, search: '' } : { path: url.slice(0, q), search: url.slice(q + 1) };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** True when the request claims a SigV2 signature (only S3 ever took those). */
export function claimsSigV2(req: IncomingMessage): boolean {
  if (/^AWS [^:\s]+:/.test(header(req, 'authorization') ?? '')) return true;
  const query = new Map(parseQuery(splitUrl(req.url ?? '/').search));
  return query.has('AWSAccessKeyId') && query.has('Signature');
}

/**
 * The signature a request claims, or undefined when it carries none. Malformed claims throw:
 * a half-signed request is not treated as an unsigned one.
 */
export function sigV4ClaimOf(req: IncomingMessage): SigV4Claim | undefined {
  const authorization = header(req, 'authorization');
  if (authorization !== undefined) {
    if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) {
      throw new AuthError('unsupported-algorithm', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
    }
    const fields = new Map<string, string>();
    for (const part of authorization.slice('AWS4-HMAC-SHA256 '.length).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const scope = SCOPE.exec(fields.get('Credential') ?? '');
    const signedHeaders = fields.get('SignedHeaders');
    const signature = fields.get('Signature');
    const amzDate = header(req, 'x-amz-date');
    if (!scope || !signedHeaders || !signature) {
      throw new AuthError('malformed', "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters in the form Credential=<key>/<date>/<region>/<service>/aws4_request.");
    }
    if (!amzDate || !AMZ_DATE.test(amzDate)) throw new AuthError('malformed', 'The request must carry an X-Amz-Date header in the form yyyyMMddTHHmmssZ.');
    return {
      presigned: false,
      ...scopeFields(scope),
      signedHeaders: signedHeaders.split(';'),
      signature,
      amzDate,
      sessionToken: header(req, 'x-amz-security-token'),
    };
  }
  const query = new Map(parseQuery(splitUrl(req.url ?? '/').search).map(([k, v]) => [k.toLowerCase(), v]));
  if (!query.has('x-amz-credential') && !query.has('x-amz-signature') && !query.has('x-amz-algorithm')) return undefined;
  if (query.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    throw new AuthError('unsupported-algorithm', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256".');
  }
  const scope = SCOPE.exec(query.get('x-amz-credential') ?? '');
  const amzDate = query.get('x-amz-date') ?? '';
  const expires = Number(query.get('x-amz-expires'));
  const signature = query.get('x-amz-signature');
  const signedHeaders = query.get('x-amz-signedheaders');
  if (!scope || !signature || !signedHeaders || !AMZ_DATE.test(amzDate) || !Number.isInteger(expires) || expires < 1 || expires > 604800) {
    throw new AuthError(
      'malformed',
      'A presigned URL needs X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires (1 to 604800), X-Amz-SignedHeaders and X-Amz-Signature.',
    );
  }
  return {
    presigned: true,
    ...scopeFields(scope),
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    sessionToken: query.get('x-amz-security-token'),
    expiresIn: expires,
  };
}

export function parseAmzDate(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
