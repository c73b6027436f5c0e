/**
 * The pattern language of `evaluateOnExit` and ListJobs name filters: an exact string that may
 * end in a single `*`, meaning "starts with". A `*` anywhere else is a literal character on AWS,
 * but validation rejects it before it gets here.
 */
export function matchesGlob(pattern: string, value: string, options: { ignoreCase?: boolean } = {}): boolean {
  const p = options.ignoreCase ? pattern.toLowerCase() : pattern;
  const v = options.ignoreCase ? value.toLowerCase() : value;
  if (p.endsWith('*')) return v.startsWith(p.slice(0, -1));
  return v === p;
}
