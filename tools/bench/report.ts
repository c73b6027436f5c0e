import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

export interface Table {
  headers: string[];
  rows: string[][];
}

export interface Bar {
  label: string;
  value: number;
  min?: number;
  max?: number;
}

export interface Chart {
  unit: string;
  groups: Array<{ name: string; bars: Bar[] }>;
}

export interface Target {
  what: string;
  measured: string;
  met: boolean;
  /** For a target judged by the median of repetitions: how many of them met it on their own. */
  repetitions?: { met: number; of: number };
  /** Why it is missed and what would close it (docs/benchmarks.md shows it under the table). */
  note?: string;
}

/** The "met" column: by the median, with how many repetitions met the target on their own where there were several. */
export function metCell(target: Target, no: string): string {
  const verdict = target.met ? 'yes' : no;
  const reps = target.repetitions;
  return reps && reps.of > 1 ? `${verdict} (${reps.met} of ${reps.of} repetitions)` : verdict;
}

export interface Section {
  id: string;
  title: string;
  intro: string;
  tables: Table[];
  chart?: Chart;
  targets: Target[];
  notes?: string[];
}

export function markdownTable({ headers, rows }: Table): string {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function textTable({ headers, rows }: Table): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Horizontal bars, grouped, with the min–max range as a whisker. */
export function svgChart(title: string, chart: Chart): string {
  const labelWidth = 240;
  const plotWidth = 440;
  const rowHeight = 20;
  const all = chart.groups.flatMap((g) => g.bars);
  const top = Math.max(...all.map((b) => b.max ?? b.value), 1e-9);
  const scale = plotWidth / top;
  const parts: string[] = [];
  let y = 30;
  for (const group of chart.groups) {
    parts.push(`<text x="4" y="${y + 12}" font-weight="bold">${escape(group.name)}</text>`);
    y += rowHeight;
    for (const bar of group.bars) {
      const w = Math.max(1, bar.value * scale);
      parts.push(`<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end">${escape(bar.label)}</text>`);
      parts.push(`<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="#4a7bd0"/>`);
      if (bar.min !== undefined && bar.max !== undefined && bar.max > bar.min) {
        const cy = y + rowHeight / 2;
        parts.push(`<line x1="${(labelWidth + bar.min * scale).toFixed(1)}" x2="${(labelWidth + bar.max * scale).toFixed(1)}" y1="${cy}" y2="${cy}" stroke="#111" stroke-width="1.5"/>`);
      }
      parts.push(`<text x="${(labelWidth + Math.max(w, (bar.max ?? 0) * scale) + 4).toFixed(1)}" y="${y + 13}">${bar.value.toFixed(bar.value < 10 ? 2 : 1)} ${escape(chart.unit)}</text>`);
      y += rowHeight;
    }
    y += 6;
  }
  const width = labelWidth + plotWidth + 90;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 6}" viewBox="0 0 ${width} ${y + 6}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="4" y="16" font-size="14" font-weight="bold">${escape(title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

export interface Environment {
  date: string;
  /** The command that measured it, as a reader would type it. */
  command: string;
  cores: number;
  cpuModel: string;
  node: string;
  ffmpeg: string;
  loadBefore: string;
  loadAfter: string;
  /** What writing fresh memory costs (fresh-memory.ts), before and after: it weighs on every process a run starts. */
  freshMemoryBefore: string;
  freshMemoryAfter: string;
}

/** docs/benchmarks.md and one SVG per benchmark beside it, in docs/benchmarks/. */
export function writeBenchmarksDoc(file: string, env: Environment, sections: Section[], preface: string, appendix = ''): void {
  const svgDir = join(dirname(file), basename(file, '.md'));
  mkdirSync(svgDir, { recursive: true });
  const out: string[] = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (tools/bench/main.ts); the text between the tables comes from there too. -->',
    '',
    preface,
    '',
    `Measured ${env.date} with \`${env.command}\` on ${env.cores} cores (${env.cpuModel}), Node ${env.node}, ${env.ffmpeg}.`,
    `Load average (1, 5, 15 min) before: ${env.loadBefore}; after: ${env.loadAfter}.`,
    `Fresh memory (tools/bench/fresh-memory.ts, 256 MB in a new process) before: ${env.freshMemoryBefore}; after: ${env.freshMemoryAfter}.`,
    '',
  ];
  for (const section of sections) {
    out.push(`## ${section.title}`, '', section.intro, '');
    for (const table of section.tables) out.push(markdownTable(table), '');
    if (section.chart) {
      const svg = join(svgDir, `${section.id}.svg`);
      writeFileSync(svg, svgChart(section.title, section.chart));
      out.push(`![${section.title}](${relative(dirname(file), svg)})`, '');
    }
    if (section.targets.length > 0) {
      out.push(markdownTable({ headers: ['target', 'measured', 'met'], rows: section.targets.map((t) => [t.what, t.measured, metCell(t, '**no**')]) }), '');
      // One paragraph per reason, naming every target it explains.
      const byNote = new Map<string, string[]>();
      for (const t of section.targets.filter((t) => !t.met && t.note)) byNote.set(t.note!, [...(byNote.get(t.note!) ?? []), t.what]);
      for (const [note, whats] of byNote) out.push(`- **Missed: ${whats.join('; ')}.** ${note}`);
      out.push('');
    }
    for (const note of section.notes ?? []) out.push(note, '');
  }
  if (appendix) out.push(appendix);
  writeFileSync(file, `${out.join('\n').trimEnd()}\n`);
}
