/**
 * How AWS Batch names the children of an array job, defined once: clients find children by it
 * (@framefarm/batch-client re-exports these) and the local engine names them with it.
 */

/** `<parentId>:<index>`, the id Batch gives child `index` of an array job. */
export const childJobId = (parentJobId: string, index: number): string => `${parentJobId}:${index}`;

/** Splits an array child's id into parent id and index; undefined for any other id. */
export function parseChildJobId(jobId: string): { parentJobId: string; index: number } | undefined {
  const match = /^(.+):(\d+)$/.exec(jobId);
  return match ? { parentJobId: match[1], index: Number(match[2]) } : undefined;
}

/** The parent's id for an array child, the id itself otherwise. */
export const parentJobIdOf = (jobId: string): string => parseChildJobId(jobId)?.parentJobId ?? jobId;
