import { MAX_DEPENDENCIES } from './limits';

/** A dependency on a planned submission (a workflow job or a barrier), by its key. */
export interface PlannedEdge {
  on: string;
  nToN: boolean;
}

/** A no-op job that only waits for `dependsOn`, standing in for them in a larger fan-in. */
export interface PlannedBarrier {
  key: string;
  /** The workflow job this barrier serves. */
  barrierFor: string;
  /** 1 for plain dependencies; the job's array size for N_TO_N ones (child i waits for child i). */
  arraySize: number;
  dependsOn: PlannedEdge[];
}

export interface FanIn {
  /** What the job itself depends on: at most 20 entries together with a SEQUENTIAL one. */
  dependsOn: PlannedEdge[];
  /** Barriers to submit first, in an order where each comes after its own dependencies. */
  barriers: PlannedBarrier[];
}

/** Splits `items` into `groups` runs of nearly equal length, keeping the order. */
function balanced<T>(items: readonly T[], groups: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let g = 0; g < groups; g++) {
    const size = Math.floor(items.length / groups) + (g < items.length % groups ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}

/**
 * Batch takes at most 20 dependencies per job. Past that, dependencies are grouped under barrier
 * jobs (≤ 20 each), level by level, until the job's own list fits: a tree of barriers. Plain and
 * N_TO_N dependencies are grouped separately, N_TO_N ones under array barriers of the job's size so
 * that child i still waits only for child i.
 */
export function planFanIn(key: string, edges: readonly PlannedEdge[], options: { sequential: boolean; arraySize: number }): FanIn {
  let plain = edges.filter((e) => !e.nToN);
  let nToN = edges.filter((e) => e.nToN);
  const slots = MAX_DEPENDENCIES - (options.sequential ? 1 : 0);
  const barriers: PlannedBarrier[] = [];
  const group = (list: PlannedEdge[], isNToN: boolean): PlannedEdge[] =>
    balanced(list, Math.ceil(list.length / MAX_DEPENDENCIES)).map((members) => {
      const barrier: PlannedBarrier = {
        // '#' cannot appear in a workflow job name, so a barrier key never collides with one.
        key: `${key}#barrier${barriers.length + 1}`,
        barrierFor: key,
        arraySize: isNToN ? options.arraySize : 1,
        dependsOn: members,
      };
      barriers.push(barrier);
      return { on: barrier.key, nToN: isNToN };
    });
  while (plain.length + nToN.length > slots) {
    // Shrink the longer list first: it frees the most slots for the fewest barriers.
    if (plain.length >= nToN.length && plain.length > 1) plain = group(plain, false);
    else nToN = group(nToN, true);
  }
  return { dependsOn: [...plain, ...nToN], barriers };
}
