export type Route =
  | { page: 'runs'; next?: string }
  | { page: 'run'; runId: string }
  | { page: 'job'; jobId: string }
  | { page: 'queues' }
  | { page: 'not-found'; path: string };

/** Pages live in the fragment (#/runs/<id>), so the server serves one page for all of them. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/runs';
  const [pathname, query = ''] = path.split('?');
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'runs' && parts.length === 1) return { page: 'runs', next: new URLSearchParams(query).get('next') ?? undefined };
  if (parts[0] === 'runs' && parts.length === 2) return { page: 'run', runId: parts[1] };
  if (parts[0] === 'jobs' && parts.length === 2) return { page: 'job', jobId: parts[1] };
  if (parts[0] === 'queues' && parts.length === 1) return { page: 'queues' };
  return { page: 'not-found', path };
}

export const href = {
  runs: (next?: string): string => (next ? `#/runs?next=${encodeURIComponent(next)}` : '#/runs'),
  run: (runId: string): string => `#/runs/${encodeURIComponent(runId)}`,
  job: (jobId: string): string => `#/jobs/${encodeURIComponent(jobId)}`,
  queues: (): string => '#/queues',
};
