import { collectRunData } from './collect-run-data';
import { layoutTimeline } from './timeline-layout';
import { ARRAY_ID, fixtureRun } from '../test/fixture-run';

describe('layoutTimeline', () => {
  // 31 s of run over a 1000-unit wide chart (1246 - 230 - 16) keeps the arithmetic readable.
  const data = collectRunData(fixtureRun());
  const layout = layoutTimeline(data, { width: 1246, labelWidth: 230 });
  const px = (ms: number) => 230 + (ms / 31000) * 1000;

  it('has one row per job, stacked without overlap', () => {
    expect(layout.rows.map((row) => row.label)).toEqual(['plan', 'render 0', 'render 1', 'render 2', 'render 3', 'encode']);
    for (let i = 1; i < layout.rows.length; i += 1) expect(layout.rows[i].y).toBe(layout.rows[i - 1].y + layout.rows[i - 1].height);
    const last = layout.rows[layout.rows.length - 1];
    expect(layout.height).toBeGreaterThanOrEqual(last.y + last.height);
  });

  it('draws queued time, then each attempt, on the time scale', () => {
    const retried = layout.rows[2];
    expect(retried.bars.map((bar) => bar.kind)).toEqual(['queued', 'failed', 'queued', 'succeeded']);
    expect(retried.bars[0].x).toBeCloseTo(px(4000));
    expect(retried.bars[0].width).toBeCloseTo(px(5500) - px(4000));
    expect(retried.bars[1].title).toBe('attempt 1 · 3.50 s · failed (exit 1): Essential container in task exited');
    expect(retried.bars[2].title).toBe('waiting to retry · 3.00 s');
    expect(retried.bars[3].x + retried.bars[3].width).toBeCloseTo(px(24000));
    expect(retried.detail).toBe('succeeded · 2 attempts');
  });

  it('marks the jobs on the critical path', () => {
    expect(layout.rows.filter((row) => row.critical).map((row) => row.jobId)).toEqual([data.jobs[0].jobId, `${ARRAY_ID}:1`, data.jobs[5].jobId]);
  });

  it('puts spans in lanes by depth under the bar', () => {
    const plan = layout.rows[0];
    const lanes = plan.spans.map((s) => s.y);
    expect(lanes[0]).toBe(plan.barY + plan.barHeight + 3);
    expect(lanes[1] - lanes[0]).toBe(6);
    expect(lanes[2] - lanes[1]).toBe(6);
    expect(plan.height).toBeGreaterThan(plan.barY - plan.y + plan.barHeight + 3 * 6);
    const verify = layout.rows[5].spans.find((s) => s.name === 'encode.verify');
    expect(verify?.error).toBe(true);
    expect(verify?.x).toBeCloseTo(px(29000));
  });

  it('labels the axis in round steps covering the run', () => {
    expect(layout.ticks.map((tick) => tick.label)).toEqual(['0s', '5s', '10s', '15s', '20s', '25s', '30s']);
    expect(layout.ticks[1].x).toBeCloseTo(px(5000));
  });
});
