/**
 * What fresh memory costs on this machine: the CPU a new process spends writing memory it has
 * never touched, which the kernel must fault in (and, in a virtual machine, the host may have to
 * back first). Every process a run starts pays it for its heap and buffers; a run of several
 * processes (the CLI with its stack, plan, render and encode jobs, their ffmpegs) pays it more
 * often than the ideal's one long-lived drawing process and one x264, so where it is dear the
 * CPU ratios against the ideal are worse for it, whatever framefarm does.
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/fresh-memory.ts [--mb 256]
 */
import { execFileSync } from 'node:child_process';

export interface FreshMemoryCost {
  /** CPU (user + sys) per MB written for the first time, in milliseconds. */
  msPerMb: number;
  /** The same memory written a second time, once it is in place: what the writing itself costs. */
  rewriteMsPerMb: number;
  /** CPU per page fault taken meanwhile, in microseconds (a 4 KB page, unless the kernel gave huge pages). */
  usPerFault: number;
  faults: number;
}

// Runs in a new process: allocates `mb` MB (untouched), writes every byte once, then once more,
// and reports the CPU and the minor faults of each writing.
const PROBE = `
const mb = Number(process.argv[1]);
const buffer = Buffer.allocUnsafeSlow(mb << 20);
const cpuUs = (usage) => usage.userCPUTime + usage.systemCPUTime;
const before = process.resourceUsage();
buffer.fill(1);
const written = process.resourceUsage();
buffer.fill(2);
const rewritten = process.resourceUsage();
process.stdout.write(JSON.stringify({
  cpuUs: cpuUs(written) - cpuUs(before),
  faults: written.minorPageFault - before.minorPageFault,
  rewriteUs: cpuUs(rewritten) - cpuUs(written),
}));
`;

export function freshMemoryCost(mb = 256): FreshMemoryCost {
  if (!Number.isInteger(mb) || mb < 16) throw new RangeError(`--mb ${mb} must be a whole number of at least 16`);
  const probe = JSON.parse(execFileSync(process.execPath, ['-e', PROBE, String(mb)], { encoding: 'utf8' })) as { cpuUs: number; faults: number; rewriteUs: number };
  return {
    msPerMb: probe.cpuUs / 1000 / mb,
    rewriteMsPerMb: probe.rewriteUs / 1000 / mb,
    usPerFault: probe.faults > 0 ? probe.cpuUs / probe.faults : Number.NaN,
    faults: probe.faults,
  };
}

/** As the benchmark report prints it. */
export function describeFreshMemory(cost: FreshMemoryCost): string {
  const faults = Number.isNaN(cost.usPerFault) ? 'no page faults' : `${cost.usPerFault.toFixed(1)} µs per page fault`;
  // A rewrite too quick for the process's CPU clock to see leaves no ratio to give.
  const ratio = cost.rewriteMsPerMb > 0 ? `, ${(cost.msPerMb / cost.rewriteMsPerMb).toFixed(0)}× the ${cost.rewriteMsPerMb.toFixed(3)} ms of writing it again` : '';
  return `${cost.msPerMb.toFixed(2)} ms of CPU per MB written for the first time (${faults}${ratio})`;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const mb = argv.includes('--mb') ? Number(argv[argv.indexOf('--mb') + 1]) : 256;
  try {
    console.log(`fresh memory: ${describeFreshMemory(freshMemoryCost(mb))}`);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
