import { CriticalPath } from './run-data';

/**
 * How a job waited on another: `dependency` — it could start only once the other finished
 * (`dependsOn`); `submission` — the other submitted it, so it could start once created.
 */
export type EdgeKind = 'dependency' | 'submission';

export interface PathNode {
  id: string;
  createdAt: number;
  endedAt: number;
  /** Running intervals [start, end) of the job's attempts. */
  running: Array<[number, number]>;
  predecessors: Array<{ id: string; kind: EdgeKind }>;
}

/**
 * The chain of jobs that decided the run's end: from the job that ended last, walk back to the
 * predecessor that released it last (for a dependency, the one that finished last; for a
 * submission, the submitter), until a job that waited on nothing. Each step covers the time from
 * when it was released to when it released the next one, split into waiting and running, so the
 * steps add up to the run's wall time along the path.
 */
export function computeCriticalPath(nodes: PathNode[]): CriticalPath {
  if (nodes.length === 0) return { steps: [], totalMs: 0 };
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const releaseTime = (node: PathNode, edge: { id: string; kind: EdgeKind }): number =>
    edge.kind === 'submission' ? node.createdAt : (byId.get(edge.id) as PathNode).endedAt;

  let current = nodes.reduce((last, node) => (node.endedAt >= last.endedAt ? node : last));
  const chain: Array<{ node: PathNode; releasedNextAt: number }> = [{ node: current, releasedNextAt: current.endedAt }];
  const seen = new Set([current.id]);
  for (;;) {
    const candidates = current.predecessors.filter((edge) => byId.has(edge.id) && !seen.has(edge.id));
    if (candidates.length === 0) break;
    const from: PathNode = current;
    const gating = candidates.reduce((best, edge) => (releaseTime(from, edge) >= releaseTime(from, best) ? edge : best));
    current = byId.get(gating.id) as PathNode;
    seen.add(current.id);
    chain.unshift({ node: current, releasedNextAt: releaseTime(from, gating) });
  }

  let readyAt = chain[0].node.createdAt;
  const steps = chain.map(({ node, releasedNextAt }) => {
    const windowEnd = Math.max(readyAt, releasedNextAt);
    const runningMs = node.running.reduce((sum, [start, end]) => sum + Math.max(0, Math.min(end, windowEnd) - Math.max(start, readyAt)), 0);
    const step = { jobId: node.id, waitMs: windowEnd - readyAt - runningMs, runningMs };
    readyAt = windowEnd;
    return step;
  });
  return { steps, totalMs: readyAt - chain[0].node.createdAt };
}
