import { esc, num } from './html-escape';
import { TimelineLayout, TimelineRow } from './timeline-layout';

/** The timeline as inline SVG. Rows carry `data-job-row` and `data-job-id` for tests and scripts. */
export function timelineSvg(layout: TimelineLayout): string {
  const { width, height, chartX, chartWidth, axisHeight } = layout;
  const grid = layout.ticks
    .map((tick) => `<line class="grid" x1="${num(tick.x)}" y1="${axisHeight - 4}" x2="${num(tick.x)}" y2="${height}"/><text class="tick" x="${num(tick.x)}" y="${axisHeight - 10}">${esc(tick.label)}</text>`)
    .join('');
  return `<svg class="timeline" viewBox="0 0 ${width} ${num(height)}" width="${width}" height="${num(height)}" role="img" aria-label="Timeline of the run's jobs">
<defs><pattern id="queued-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="queued-bg"/><line x1="0" y1="0" x2="0" y2="6" class="queued-line"/></pattern></defs>
<rect class="chart-bg" x="${chartX}" y="${axisHeight - 4}" width="${num(chartWidth)}" height="${num(height - axisHeight + 4)}"/>
${grid}
${layout.rows.map((row, index) => rowSvg(row, index, layout)).join('\n')}
</svg>`;
}

function rowSvg(row: TimelineRow, index: number, layout: TimelineLayout): string {
  const band = `<rect class="band${index % 2 ? ' odd' : ''}${row.critical ? ' critical' : ''}" x="0" y="${num(row.y)}" width="${layout.width}" height="${num(row.height)}"/>`;
  const marker = row.critical ? `<rect class="critical-mark" x="0" y="${num(row.y)}" width="4" height="${num(row.height)}"><title>on the critical path</title></rect>` : '';
  const labels =
    `<text class="row-label" x="12" y="${num(row.barY + 11)}">${esc(row.label)}<tspan class="row-detail" dx="8">${esc(row.detail)}</tspan></text>` +
    `<text class="job-id" x="12" y="${num(row.barY + row.barHeight + 11)}">${esc(row.jobId)}</text>`;
  const bars = row.bars
    .map((bar) => `<rect class="bar ${bar.kind}" x="${num(bar.x)}" y="${num(row.barY)}" width="${num(bar.width)}" height="${row.barHeight}" rx="2" data-tip="${esc(bar.title)}"><title>${esc(bar.title)}</title></rect>`)
    .join('');
  const spans = row.spans
    .map((span) => `<rect class="span${span.error ? ' error' : ''}" x="${num(span.x)}" y="${num(span.y)}" width="${num(span.width)}" height="${num(span.height)}" rx="1" data-tip="${esc(span.title)}"><title>${esc(span.title)}</title></rect>`)
    .join('');
  return `<g class="job-row" data-job-row data-job-id="${esc(row.jobId)}">${band}${marker}${labels}${bars}<g class="spans">${spans}</g></g>`;
}
