import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const COOKIE = 'framefarm_dashboard';
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Why a request was refused, with the status to answer. */
export interface Refusal {
  status: 401 | 403;
  error: string;
  message: string;
}

/**
 * Who may use the dashboard: whoever holds the token printed at start (other users of the machine
 * do not), from the dashboard's own origin only (no other page in the user's browser), addressed
 * by a loopback name and the dashboard's own port (no DNS rebinding).
 */
export class DashboardAccess {
  /** Sessions are random ids held in memory: a restart asks for the printed link again. */
  private readonly sessions = new Set<string>();

  constructor(
    readonly token: string,
    private readonly port: () => number,
  ) {}

  static newToken(): string {
    return randomBytes(24).toString('base64url');
  }

  private ownHosts(): string[] {
    return LOOPBACK_NAMES.map((name) => `${name}:${this.port()}`);
  }

  /** Host and Origin, checked on every request, assets included. */
  checkOrigin(req: IncomingMessage): Refusal | undefined {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!this.ownHosts().includes(host)) {
      return { status: 403, error: 'ForbiddenHost', message: `The dashboard answers only at http://127.0.0.1:${this.port()} (Host "${host}" is not its own).` };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !this.ownHosts().some((own) => origin === `http://${own}`)) {
      return { status: 403, error: 'ForbiddenOrigin', message: 'Requests from other web pages are refused.' };
    }
    // A state-changing request must say where it comes from (browsers send Origin on POST).
    if (req.method !== 'GET' && req.method !== 'HEAD' && origin === undefined) {
      return { status: 403, error: 'ForbiddenOrigin', message: 'A request that changes something must come from the dashboard page.' };
    }
    return undefined;
  }

  private tokenMatches(candidate: string): boolean {
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Trades the bearer token for a session cookie; undefined when the token is wrong. */
  openSession(req: IncomingMessage): string | undefined {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.tokenMatches(bearer)) return undefined;
    const session = randomBytes(24).toString('base64url');
    this.sessions.add(session);
    return `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/dashboard`;
  }

  /** A request to the API: a session cookie, or the token itself (for scripts). */
  checkCredentials(req: IncomingMessage): Refusal | undefined {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer && this.tokenMatches(bearer)) return undefined;
    const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim());
    const session = cookies.find((c) => c.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);
    if (session && this.sessions.has(session)) return undefined;
    return { status: 401, error: 'Unauthorized', message: 'Open the dashboard with the link that was printed at start: it carries the access token.' };
  }
}
