import { availableParallelism, totalmem } from 'node:os';

export interface Capacity {
  vcpus: number;
  memoryMiB: number;
}

/** This machine's capacity: every CPU the process may use, all physical memory. */
export function machineCapacity(): Capacity {
  return { vcpus: availableParallelism(), memoryMiB: Math.floor(totalmem() / (1024 * 1024)) };
}
