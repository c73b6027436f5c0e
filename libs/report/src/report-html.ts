import { formatClock, formatDuration, formatRate } from './format';
import { formatUsd, pricesNote } from '@framefarm/cost/format';
import { esc } from './html-escape';
import { EmbeddedMedia } from './embedded-media';
import { ReportJob, RunData } from './run-data';
import { REPORT_JS } from './report-script';
import { REPORT_CSS } from './report-style';
import { summarizeSpans } from './span-summary';
import { speedChartSvg } from './speed-chart-svg';
import { layoutTimeline } from './timeline-layout';
import { timelineSvg } from './timeline-svg';

export interface ReportMedia {
  /** The poster: embedded (the report stays self-contained), or an image URL. */
  posterSrc?: string | EmbeddedMedia;
  /** A small video embedded, else a path relative to the report. */
  videoSrc?: string | EmbeddedMedia;
  videoMimeType?: string;
}

/** The whole report as one HTML document: pure, from data to string. */
export function renderReportHtml(data: RunData, media: ReportMedia = {}, generatedAt = data.endedAt): string {
  return [...renderReportParts(data, media, generatedAt)].join('');
}

/**
 * The same document in parts, an embedded file's base64 in parts of its own, made as they are
 * written: joined into one string, a video of a few megabytes would be copied again (into a
 * two-byte string, as the rest of the page has characters beyond Latin-1) and then encoded.
 */
export function* renderReportParts(data: RunData, media: ReportMedia = {}, generatedAt = data.endedAt): Generator<string> {
  yield pageStart(data);
  yield* mediaSection(media);
  yield pageEnd(data, generatedAt);
}

function pageStart(data: RunData): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>framefarm run ${esc(data.runId)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header><h1>Run <code>${esc(data.runId)}</code></h1><span class="pill ${esc(data.status)}" data-run-status>${esc(data.status)}</span></header>
<p class="subtitle">${esc(settingsLine(data))}</p>
${cards(data)}
`;
}

function pageEnd(data: RunData, generatedAt: number): string {
  const renders = data.jobs.filter((job) => job.step === 'render');
  const layout = layoutTimeline(data, { width: 1100, labelWidth: 290 });
  return `
${costSection(data)}
<section id="timeline">
<h2>Timeline</h2>
<div class="legend"><span><i style="background:#e6ebf1;border:1px solid #b3bdca"></i>queued / waiting</span><span><i style="background:var(--ok)"></i>attempt succeeded</span><span><i style="background:var(--fail)"></i>attempt failed</span><span><i style="background:var(--run)"></i>still running</span><span><i style="background:var(--span);opacity:.75"></i>span</span><span><i style="background:var(--crit)"></i>critical path</span><label><input type="checkbox" id="show-spans" checked> spans</label></div>
${data.jobs.length > 0 ? timelineSvg(layout) : '<p class="empty">Batch knows no jobs of this run.</p>'}
</section>
<section id="speed">
<h2>Render speed per chunk</h2>
${speedChartSvg(renders)}
</section>
${criticalPathSection(data)}
${stepsTable(data)}
${jobsTable(data)}
<p class="muted">Generated ${esc(formatClock(generatedAt))}${data.traceId ? ` · trace <code>${esc(data.traceId)}</code>` : ' · no spans found for this run'}${data.unattributedSpans ? ` · ${data.unattributedSpans} spans outside the run's jobs` : ''}</p>
</main>
<div id="tip"></div>
<script>${REPORT_JS}</script>
</body>
</html>
`;
}

function settingsLine(data: RunData): string {
  const s = data.settings;
  const parts = [
    s.sketch ? `sketch ${s.sketch}` : undefined,
    s.width && s.height ? `${s.width}×${s.height}` : undefined,
    s.fps ? `${s.fps} fps` : undefined,
    s.totalFrames !== undefined ? `${s.totalFrames} frames` : undefined,
    s.framesPerRenderJob ? `${s.framesPerRenderJob} per render job` : undefined,
    `started ${formatClock(data.startedAt)}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

function cards(data: RunData): string {
  const t = data.totals;
  const card = (label: string, value: string, name: string, sub = '') =>
    `<div class="card" data-total="${name}"><div class="label">${esc(label)}</div><div class="value">${esc(value)}${sub ? `<span class="sub">${esc(sub)}</span>` : ''}</div></div>`;
  return `<section class="cards">
${card('Wall time', formatDuration(t.wallMs), 'wall')}
${card('Critical path', formatDuration(data.criticalPath.totalMs), 'critical-path')}
${card('Throughput', formatRate(t.framesPerSecond), 'throughput')}
${card('Jobs', String(t.jobs), 'jobs', `${t.renderJobs} render`)}
${card('Attempts', String(t.attempts), 'attempts', t.failedAttempts ? `${t.failedAttempts} failed` : '')}
${card('Queued (sum)', formatDuration(t.queuedMs), 'queued')}
${card('Running (sum)', formatDuration(t.runningMs), 'running')}
${card('Spans', String(t.spans), 'spans')}
${data.cost ? card('Cost', formatUsd(data.cost.totalUsd), 'cost', data.cost.failedUsd > 0 ? `${formatUsd(data.cost.failedUsd)} in failed attempts` : '') : ''}
</section>`;
}

function costSection(data: RunData): string {
  const cost = data.cost;
  if (!cost) return '';
  const rows = Object.entries(cost.byStep)
    .map(([step, usd]) => `<tr><td>${esc(step)}</td><td class="num">${esc(formatUsd(usd))}</td></tr>`)
    .join('');
  return `<section id="cost"><h2>Cost · ${esc(formatUsd(cost.totalUsd))}</h2>
<p>What the run's job attempts held (vCPU and memory, for as long as each ran) at ${esc(pricesNote(cost.prices))}: succeeded ${esc(formatUsd(cost.succeededUsd))}, failed ${esc(formatUsd(cost.failedUsd))}${cost.runningUsd > 0 ? `, still running ${esc(formatUsd(cost.runningUsd))}` : ''}.</p>
<table><thead><tr><th>Step</th><th class="num">Cost</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function* mediaSection(media: ReportMedia): Generator<string> {
  const { posterSrc, videoSrc } = media;
  if (!posterSrc && !videoSrc) {
    yield '<section id="media"><h2>Result</h2><p class="empty">No poster or video yet.</p></section>';
    return;
  }
  yield '<section id="media"><h2>Result</h2><div class="media">';
  if (posterSrc) {
    yield '<figure><img src="';
    yield* srcParts(posterSrc);
    yield '" alt="Poster frame of the video"><figcaption>Poster</figcaption></figure>';
  }
  if (videoSrc) {
    yield `<figure><video controls preload="metadata"`;
    if (posterSrc) {
      yield ' poster="';
      yield* srcParts(posterSrc);
      yield '"';
    }
    yield '><source src="';
    yield* srcParts(videoSrc);
    yield `" type="${esc(media.videoMimeType ?? 'video/mp4')}"></video><figcaption>Video`;
    if (typeof videoSrc === 'string' && !videoSrc.startsWith('data:')) yield ` · <a href="${esc(videoSrc)}">${esc(videoSrc)}</a>`;
    yield '</figcaption></figure>';
  }
  yield '</div></section>';
}

/** An attribute value: a URL escaped, embedded bytes as their data URI (nothing in it to escape). */
const srcParts = (src: string | EmbeddedMedia): Iterable<string> => (typeof src === 'string' ? [esc(src)] : src.dataUriParts());

function criticalPathSection(data: RunData): string {
  const path = data.criticalPath;
  if (path.steps.length === 0) return '';
  const jobs = new Map(data.jobs.map((job) => [job.jobId, job]));
  const total = Math.max(1, path.totalMs);
  const bar = path.steps
    .flatMap((step) => [
      `<span class="wait" style="width:${((step.waitMs / total) * 100).toFixed(3)}%" title="${esc(`${label(jobs.get(step.jobId))} waiting · ${formatDuration(step.waitMs)}`)}"></span>`,
      `<span class="run" style="width:${((step.runningMs / total) * 100).toFixed(3)}%" title="${esc(`${label(jobs.get(step.jobId))} running · ${formatDuration(step.runningMs)}`)}"></span>`,
    ])
    .join('');
  const rows = path.steps
    .map((step) => `<tr><td>${esc(label(jobs.get(step.jobId)))}</td><td class="mono">${esc(step.jobId)}</td><td class="num">${esc(formatDuration(step.waitMs))}</td><td class="num">${esc(formatDuration(step.runningMs))}</td><td class="num">${((100 * (step.waitMs + step.runningMs)) / total).toFixed(0)}%</td></tr>`)
    .join('');
  return `<section id="critical-path"><h2>Critical path · ${esc(formatDuration(path.totalMs))}</h2>
<p class="muted">The chain of jobs that decided when the run ended: each waited for the one before it. Shortening anything else would not have made the run faster.</p>
<div class="path">${bar}</div>
<table><thead><tr><th>Job</th><th>Job id</th><th class="num">Waiting</th><th class="num">Running</th><th class="num">Share</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function stepsTable(data: RunData): string {
  const rows = summarizeSpans(data.jobs);
  if (rows.length === 0) return '';
  const total = Math.max(1, rows[0].totalMs);
  const body = rows
    .map(
      (row) =>
        `<tr><td class="mono">${esc(row.name)}</td><td class="num">${row.count}</td><td class="num">${esc(formatDuration(row.totalMs))}</td><td><span class="share" style="width:${((row.totalMs / total) * 160).toFixed(1)}px"></span></td><td class="num">${esc(formatDuration(row.totalMs / row.count))}</td><td class="num">${esc(formatDuration(row.maxMs))}</td><td class="num${row.errors ? ' failed' : ''}">${row.errors || ''}</td></tr>`,
    )
    .join('');
  return `<section id="steps"><h2>Where the time went</h2>
<p class="muted">Every step the jobs traced (their own spans and the AWS SDK calls), summed over all jobs.</p>
<table><thead><tr><th>Span</th><th class="num">Count</th><th class="num">Total</th><th></th><th class="num">Mean</th><th class="num">Longest</th><th class="num">Errors</th></tr></thead><tbody>${body}</tbody></table></section>`;
}

function jobsTable(data: RunData): string {
  const critical = new Set(data.criticalPath.steps.map((step) => step.jobId));
  const rows = data.jobs
    .map((job) => {
      const reason = [...failureLines(job), ...(job.status === 'FAILED' && job.statusReason ? [job.statusReason] : [])].join('; ');
      return `<tr${critical.has(job.jobId) ? ' class="critical"' : ''}><td>${esc(label(job))}</td><td class="mono">${esc(job.jobId)}</td><td>${esc(job.status)}</td><td class="num">${job.attempts.length}</td><td class="num">${esc(formatDuration(job.queuedMs))}</td><td class="num">${esc(formatDuration(job.runningMs))}</td><td class="num">${job.frames ? `${job.frames.start}–${job.frames.end - 1}` : ''}</td><td class="num">${esc(job.framesPerSecond !== undefined ? formatRate(job.framesPerSecond) : '')}</td><td class="reason">${esc(reason)}</td></tr>`;
    })
    .join('');
  return `<section id="jobs"><h2>Jobs</h2>
<table><thead><tr><th>Job</th><th>Job id</th><th>Status</th><th class="num">Attempts</th><th class="num">Queued</th><th class="num">Running</th><th class="num">Frames</th><th class="num">Speed</th><th>Failures</th></tr></thead><tbody>${rows}</tbody></table>
${data.renderArrayJobId ? `<p class="muted">Render array job <code>${esc(data.renderArrayJobId)}</code>.</p>` : ''}</section>`;
}

/** Failed attempts, those with the same exit code and reason in one line: `#1, #3: exit 137 (OutOfMemoryError…)`. */
function failureLines(job: ReportJob): string[] {
  const byCause = new Map<string, number[]>();
  for (const attempt of job.attempts.filter((a) => a.outcome === 'failed')) {
    const cause = `${attempt.exitCode !== undefined ? `exit ${attempt.exitCode}` : 'no exit code'}${attempt.reason ? ` (${attempt.reason})` : ''}`;
    byCause.set(cause, [...(byCause.get(cause) ?? []), attempt.number]);
  }
  return [...byCause].map(([cause, numbers]) => `${numbers.map((n) => `#${n}`).join(', ')}: ${cause}`);
}

function label(job: ReportJob | undefined): string {
  if (!job) return '';
  return job.step === 'render' && job.arrayIndex !== undefined ? `render ${job.arrayIndex}` : job.step;
}
