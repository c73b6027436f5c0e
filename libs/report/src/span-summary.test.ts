import { collectRunData } from './collect-run-data';
import { summarizeSpans } from './span-summary';
import { fixtureRun } from '../test/fixture-run';

describe('summarizeSpans', () => {
  it("sums every step's spans across jobs, longest total first, leaving out the jobs' own spans", () => {
    const rows = summarizeSpans(collectRunData(fixtureRun()).jobs);
    expect(rows.map((row) => row.name)).toEqual(['render.frames', 'encode.join', 'encode.verify', 'plan.submit', 'S3.PutObject', 'Batch.SubmitJob']);
    expect(rows[0]).toEqual({ name: 'render.frames', count: 4, totalMs: 9200 + 11200 + 7200 + 3200, maxMs: 11200, errors: 0 });
    expect(rows.find((row) => row.name === 'encode.verify')?.errors).toBe(1);
    // Equal totals (1.2 s each) fall back to the name.
    expect(rows[3].totalMs).toBe(rows[4].totalMs);
  });
});
