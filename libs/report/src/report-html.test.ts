import { collectRunData } from './collect-run-data';
import { renderReportHtml } from './report-html';
import { fixtureRun } from '../test/fixture-run';

describe('renderReportHtml', () => {
  it('is one self-contained document: no external scripts, styles, images or fonts', () => {
    const html = renderReportHtml(collectRunData(fixtureRun()), { posterSrc: 'data:image/png;base64,AAAA', videoSrc: 'video.mp4' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link\b|@import|url\((?!"data:|#)/);
    expect(html).toContain('<source src="video.mp4" type="video/mp4">');
  });

  it('escapes what jobs and spans report about themselves', () => {
    const input = fixtureRun();
    input.jobs.encode = { ...input.jobs.encode!, status: 'FAILED', statusReason: '<img src=x onerror=alert(1)> & "quoted"' };
    input.spans[0] = { ...input.spans[0], name: '</title><script>alert(2)</script>' };
    const html = renderReportHtml(collectRunData(input));
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(2)');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;');
  });

  it('says so when Batch knows no jobs of the run', () => {
    const html = renderReportHtml(collectRunData({ run: { runId: 'empty' }, jobs: { renderChildren: [] }, spans: [], now: 0 }));
    expect(html).toContain('Batch knows no jobs of this run.');
    expect(html).not.toContain('data-job-row');
  });

  it('shows the run’s cost, failed attempts apart, and no cost section when none was given', () => {
    const cost = {
      currency: 'USD' as const,
      totalUsd: 0.0125,
      succeededUsd: 0.01,
      failedUsd: 0.0025,
      runningUsd: 0,
      byStep: { plan: 0.001, render: 0.0105, encode: 0.001 },
      vcpuHours: 0.5,
      prices: { region: 'us-east-1', asOf: '2025-06-01' },
    };
    const html = renderReportHtml(collectRunData({ ...fixtureRun(), cost }));
    expect(html).toContain('<section id="cost"><h2>Cost · $0.013</h2>');
    expect(html).toContain('at us-east-1 prices of 2025-06-01: succeeded $0.010, failed $0.0025.');
    expect(html).toContain('<td>render</td><td class="num">$0.011</td>');
    expect(html).toMatch(/data-total="cost".*\$0\.013.*\$0\.0025 in failed attempts/s);
    expect(renderReportHtml(collectRunData(fixtureRun()))).not.toContain('id="cost"');
  });
});
