import type { ApiError } from '@framefarm/dashboard-server/api-types';

const API = '/dashboard/api';

export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function failureOf(response: Response): Promise<ApiFailure> {
  const body = (await response.json().catch(() => undefined)) as ApiError | undefined;
  if (response.status === 401) {
    return new ApiFailure(401, 'This page has no access. Open the dashboard with the link that `framefarm up` (or `framefarm dashboard`) printed: it carries the access token.');
  }
  return new ApiFailure(response.status, body?.message ?? `The dashboard server answered ${response.status}.`);
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${API}${path}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) throw await failureOf(response);
  return (await response.json()) as T;
}

export async function post<T>(path: string): Promise<T> {
  const response = await fetch(`${API}${path}`, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) throw await failureOf(response);
  return (await response.json()) as T;
}

/** A media file of a run (poster, video, chunk preview), served from the run's objects. */
export const mediaUrl = (path: string): string => `${API}/media/${path.split('/').map(encodeURIComponent).join('/')}`;

/**
 * The printed link carries the token in the fragment (never sent to a server, never in a log).
 * The page trades it once for an HttpOnly, SameSite=Strict session cookie and forgets it.
 */
export async function openSession(): Promise<void> {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return;
  history.replaceState(null, '', `${location.pathname}#/runs`);
  const response = await fetch(`${API}/session`, { method: 'POST', credentials: 'same-origin', headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw await failureOf(response);
}
