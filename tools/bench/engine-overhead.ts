import { benchBatch } from '../bench-batch/main';
import type { Section } from './report';
import { WHY_MISSED } from './why-missed';

/** tools/bench-batch: two arrays of no-op children (N_TO_N) through the engine against xargs -P <cores>. */
export async function engineOverhead(size: number): Promise<Section> {
  const r = await benchBatch(size);
  return {
    id: 'engine-overhead',
    title: 'Batch engine overhead',
    intro: `Two arrays of ${size.toLocaleString('en')} no-op children, the second N_TO_N on the first, through the local Batch engine and the SDK, against \`xargs -P ${r.cores}\` starting the same ${(2 * size).toLocaleString('en')} processes (timed before and after the engine; their mean is the baseline). See tools/bench-batch/README.md.`,
    tables: [{
      headers: ['engine', `xargs -P ${r.cores} (before / after)`, 'ratio', 'engine peak RSS', 'restart'],
      rows: [[`${r.engineSeconds.toFixed(2)} s`, `${r.xargsSeconds.toFixed(2)} s (${r.xargsBefore.toFixed(2)} / ${r.xargsAfter.toFixed(2)})`, `${r.ratio.toFixed(2)}×`, `${r.maxRssMiB.toFixed(0)} MiB`, `${r.restartSeconds.toFixed(2)} s`]],
    }],
    chart: { unit: 's', groups: [{ name: `${2 * size} processes`, bars: [{ label: 'engine', value: r.engineSeconds }, { label: `xargs -P ${r.cores}`, value: r.xargsSeconds, min: Math.min(r.xargsBefore, r.xargsAfter), max: Math.max(r.xargsBefore, r.xargsAfter) }] }] },
    targets: [
      { what: `engine ≤ 1.5× xargs -P ${r.cores}`, measured: `${r.ratio.toFixed(2)}×`, met: r.ratio <= 1.5, note: WHY_MISSED.engine },
      { what: 'engine peak RSS < 300 MB', measured: `${r.maxRssMiB.toFixed(0)} MiB`, met: r.maxRssMiB * 1.048576 < 300 },
    ],
  };
}
