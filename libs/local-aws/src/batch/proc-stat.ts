import { readdirSync, readFileSync } from 'node:fs';

/** What a caller needs of /proc/<pid>/stat. CPU times are in clock ticks (USER_HZ, 100 a second on Linux). */
export interface ProcStat {
  pid: number;
  ppid: number;
  /** Process group. */
  pgid: number;
  /** One letter: R running, S sleeping, Z zombie… */
  state: string;
  /** utime + stime. */
  cpuTicks: number;
  /** cutime + cstime: of the children it has reaped. */
  childrenCpuTicks: number;
}

export const CLOCK_TICKS_PER_SECOND = 100;

/** /proc/<pid>/stat, or undefined once the process is gone. */
export function readProcStat(pid: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name, in parentheses, may itself hold spaces and parentheses: the fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    state: fields[0],
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    cpuTicks: Number(fields[11]) + Number(fields[12]),
    childrenCpuTicks: Number(fields[13]) + Number(fields[14]),
  };
}

/** Every process this user can see. */
export function listProcStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat) stats.push(stat);
  }
  return stats;
}
