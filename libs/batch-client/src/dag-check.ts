import type { Dag, DagDependency } from './dag';
import { InvalidDagError } from './errors';

/** A dependency after normalisation: which job, and whether child i waits only for child i. */
export interface DagEdge {
  on: string;
  nToN: boolean;
}

const edgeOf = (dep: DagDependency): DagEdge => (typeof dep === 'string' ? { on: dep, nToN: false } : { on: dep.job, nToN: dep.type === 'N_TO_N' });

/** Each job's dependencies, checked: known names, no self-dependency, no duplicates, N_TO_N sizes. */
export function dagEdges(dag: Dag): Map<string, DagEdge[]> {
  const edges = new Map<string, DagEdge[]>();
  for (const [name, job] of Object.entries(dag.jobs)) {
    const seen = new Set<string>();
    const list = (job.dependsOn ?? []).map((dep, i) => {
      const edge = edgeOf(dep);
      const field = `jobs.${name}.dependsOn[${i}]`;
      if (edge.on === name) {
        throw new InvalidDagError(
          `Job "${name}" depends on itself (${field}). Remove it; for children that run one after another use "sequential: true".`,
          'self-dependency',
          field,
        );
      }
      const target = dag.jobs[edge.on];
      if (!target) {
        const known = Object.keys(dag.jobs).join(', ');
        throw new InvalidDagError(`Job "${name}" depends on "${edge.on}", which is not a job of this workflow (${field}). Known jobs: ${known}.`, 'unknown-dependency', field);
      }
      if (seen.has(edge.on)) throw new InvalidDagError(`Job "${name}" lists "${edge.on}" twice (${field}). Keep one.`, 'invalid-field', field);
      seen.add(edge.on);
      if (edge.nToN) {
        const mine = job.arraySize ?? 1;
        const theirs = target.arraySize ?? 1;
        if (mine < 2 || mine !== theirs) {
          throw new InvalidDagError(
            `Job "${name}" (arraySize ${mine}) has an N_TO_N dependency on "${edge.on}" (arraySize ${theirs}) (${field}); N_TO_N needs two array jobs of the same size. Match the sizes or use a plain dependency.`,
            'n-to-n-size-mismatch',
            field,
          );
        }
      }
      return edge;
    });
    if (job.sequential && (job.arraySize ?? 1) < 2) {
      throw new InvalidDagError(`Job "${name}" is sequential but not an array job (jobs.${name}.sequential). Give it arraySize ≥ 2 or drop "sequential".`, 'invalid-field', `jobs.${name}.sequential`);
    }
    edges.set(name, list);
  }
  return edges;
}

/** A cycle as job names, first repeated at the end: ["A", "B", "A"]; undefined when acyclic. */
export function findCycle(edges: ReadonlyMap<string, readonly DagEdge[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const { on } of edges.get(name) ?? []) {
      const s = state.get(on);
      if (s === 'visiting') return [...stack.slice(stack.indexOf(on)), on];
      if (s === undefined) {
        const cycle = visit(on);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of edges.keys()) {
    if (state.get(name) === undefined) {
      const cycle = visit(name);
      // Found by following "depends on"; reversed it reads in the order the jobs would run.
      if (cycle) return cycle.reverse();
    }
  }
  return undefined;
}

/**
 * Jobs in an order where each comes after everything it depends on; among jobs that are ready
 * at the same time, the order of the workflow file is kept.
 */
export function topologicalOrder(edges: ReadonlyMap<string, readonly DagEdge[]>): string[] {
  const cycle = findCycle(edges);
  if (cycle) {
    throw new InvalidDagError(`The workflow has a dependency cycle: ${cycle.join(' → ')}. Break it by removing one of these dependencies.`, 'cycle');
  }
  const order: string[] = [];
  const placed = new Set<string>();
  const names = [...edges.keys()];
  while (order.length < names.length) {
    for (const name of names) {
      if (placed.has(name)) continue;
      if ((edges.get(name) ?? []).every((e) => placed.has(e.on))) {
        order.push(name);
        placed.add(name);
      }
    }
  }
  return order;
}
