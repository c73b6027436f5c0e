import { formatRate } from './format';
import { esc, num } from './html-escape';
import { ReportJob } from './run-data';

/** Frames per second of each render chunk as a bar chart, with the mean as a dashed line. */
export function speedChartSvg(renders: ReportJob[]): string {
  const measured = renders.filter((job) => job.framesPerSecond !== undefined);
  if (measured.length === 0) return '<p class="muted">No render chunk has finished yet.</p>';
  const width = 1100;
  const height = 170;
  const left = 48;
  const bottom = 28;
  const top = 18;
  const plotHeight = height - top - bottom;
  const max = Math.max(...measured.map((job) => job.framesPerSecond as number)) * 1.15;
  const slot = (width - left - 8) / renders.length;
  const barWidth = Math.max(2, Math.min(48, slot * 0.7));
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const mean = measured.reduce((sum, job) => sum + (job.framesPerSecond as number), 0) / measured.length;
  const showLabels = slot >= 26;
  const bars = renders
    .map((job, i) => {
      const cx = left + slot * i + slot / 2;
      const label = showLabels ? `<text class="axis-label" x="${num(cx)}" y="${height - 10}">${job.arrayIndex ?? i}</text>` : '';
      if (job.framesPerSecond === undefined) {
        const failed = job.status === 'FAILED' ? `<text class="speed-failed" x="${num(cx)}" y="${height - bottom - 6}" data-tip="${esc(`render ${job.arrayIndex ?? i} failed`)}">✕<title>render ${esc(job.arrayIndex ?? i)} failed</title></text>` : '';
        return failed + label;
      }
      const barTop = y(job.framesPerSecond);
      const frames = job.frames ? `frames ${job.frames.start}–${job.frames.end - 1}` : '';
      const tip = `render ${job.arrayIndex ?? i} · ${frames} · ${formatRate(job.framesPerSecond)}`;
      const value = showLabels ? `<text class="value-label" x="${num(cx)}" y="${num(barTop - 4)}">${num(job.framesPerSecond)}</text>` : '';
      return `<rect class="speed-bar" x="${num(cx - barWidth / 2)}" y="${num(barTop)}" width="${num(barWidth)}" height="${num(height - bottom - barTop)}" data-tip="${esc(tip)}"><title>${esc(tip)}</title></rect>${value}${label}`;
    })
    .join('');
  return `<svg class="speed" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Render speed per chunk">
<line class="axis" x1="${left}" y1="${height - bottom}" x2="${width - 8}" y2="${height - bottom}"/>
<text class="axis-label" x="${left - 8}" y="${num(y(max / 1.15) + 4)}" text-anchor="end">${num(max / 1.15)}</text>
<text class="axis-label" x="${left - 8}" y="${height - bottom + 4}" text-anchor="end">0</text>
${bars}
<line class="mean" x1="${left}" y1="${num(y(mean))}" x2="${width - 8}" y2="${num(y(mean))}"/><text class="mean-label" x="${width - 10}" y="${num(y(mean) - 5)}" text-anchor="end">mean ${esc(formatRate(mean))}</text>
</svg>`;
}
