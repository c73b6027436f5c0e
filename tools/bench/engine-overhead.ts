import { benchBatch } from '../bench-batch/main';
import type { Section } from './report';
import { WHY_MISSED } from './why-missed';

/** tools/bench-batch: two arrays of no-op children (N_TO_N) through the engine against xargs -P <cores>. */
export async function engineOverhead(size: number): Promise<Section> {
  const r = await benchBatch(size);
  const s = r.sandboxed;
  return {
    id: 'engine-overhead',
    title: 'Batch engine overhead',
    intro: `Two arrays of ${size.toLocaleString('en')} no-op children, the second N_TO_N on the first, through the local Batch engine and the SDK, against \`xargs -P ${r.cores}\` starting the same ${(2 * size).toLocaleString('en')} processes (timed before and after the engine; their mean is the baseline). The engine starts every job in a bubblewrap sandbox (libs/local-aws/src/batch/sandbox.ts) and bare \`true\` pays nothing of it, so where the sandbox is available the second table puts the same work on both sides: xargs starting each \`true\` through the engine's own bwrap command, and the engine with the sandbox off against bare xargs. See tools/bench-batch/README.md.`,
    tables: [
      {
        headers: ['engine', `xargs -P ${r.cores} (before / after)`, 'ratio', 'CPU per job: engine + launchers and jobs / xargs', 'engine peak RSS', 'restart'],
        rows: [[
          `${r.engineSeconds.toFixed(2)} s`,
          `${r.xargsSeconds.toFixed(2)} s (${r.xargsBefore.toFixed(2)} / ${r.xargsAfter.toFixed(2)})`,
          `${r.ratio.toFixed(2)}×`,
          `${r.cpuPerJobMs.engine.toFixed(2)} + ${r.cpuPerJobMs.launchersAndJobs.toFixed(2)} ms / ${r.cpuPerJobMs.xargs.toFixed(2)} ms`,
          `${r.maxRssMiB.toFixed(0)} MiB`,
          `${r.restartSeconds.toFixed(2)} s`,
        ]],
      },
      ...(s
        ? [{
            headers: ['the same work on both sides', 'engine', `xargs -P ${r.cores} (before / after)`, 'ratio'],
            rows: [
              ['every process in the engine\'s bubblewrap sandbox', `${r.engineSeconds.toFixed(2)} s`, `${s.xargsSeconds.toFixed(2)} s (${s.xargsBefore.toFixed(2)} / ${s.xargsAfter.toFixed(2)})`, `${s.ratio.toFixed(2)}×`],
              ['no sandbox (the engine with FRAMEFARM_SANDBOX=off)', `${s.engineOffSeconds.toFixed(2)} s`, `${r.xargsSeconds.toFixed(2)} s`, `${s.ratioOff.toFixed(2)}×`],
            ],
          }]
        : []),
    ],
    chart: {
      unit: 's',
      groups: [
        { name: `${2 * size} processes`, bars: [{ label: 'engine', value: r.engineSeconds }, { label: `xargs -P ${r.cores}`, value: r.xargsSeconds, min: Math.min(r.xargsBefore, r.xargsAfter), max: Math.max(r.xargsBefore, r.xargsAfter) }] },
        ...(s
          ? [
              { name: 'both sandboxed', bars: [{ label: 'engine', value: r.engineSeconds }, { label: `xargs -P ${r.cores} + bwrap`, value: s.xargsSeconds, min: Math.min(s.xargsBefore, s.xargsAfter), max: Math.max(s.xargsBefore, s.xargsAfter) }] },
              { name: 'neither sandboxed', bars: [{ label: 'engine', value: s.engineOffSeconds }, { label: `xargs -P ${r.cores}`, value: r.xargsSeconds }] },
            ]
          : []),
      ],
    },
    targets: [
      { what: `engine ≤ 1.5× xargs -P ${r.cores} (bare \`true\`)`, measured: `${r.ratio.toFixed(2)}×`, met: r.ratio <= 1.5, note: s ? WHY_MISSED.engineSandbox : WHY_MISSED.engine },
      ...(s
        ? [
            { what: `engine ≤ 1.5× xargs -P ${r.cores} starting each process in the same sandbox`, measured: `${s.ratio.toFixed(2)}×`, met: s.ratio <= 1.5, note: WHY_MISSED.engine },
            { what: `engine without the sandbox ≤ 1.5× xargs -P ${r.cores}`, measured: `${s.ratioOff.toFixed(2)}×`, met: s.ratioOff <= 1.5, note: WHY_MISSED.engine },
          ]
        : []),
      { what: 'engine peak RSS < 300 MB', measured: `${r.maxRssMiB.toFixed(0)} MiB`, met: r.maxRssMiB * 1.048576 < 300 },
    ],
  };
}
