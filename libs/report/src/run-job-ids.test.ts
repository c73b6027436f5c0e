import { jobIdsFromSpans } from './run-job-ids';
import { fixtureRun, ARRAY_ID, ENCODE_ID, PLAN_ID } from '../test/fixture-run';

describe('jobIdsFromSpans', () => {
  it('finds plan, the render array and encode by the service of their spans', () => {
    expect(jobIdsFromSpans(fixtureRun().spans)).toEqual({ planJobId: PLAN_ID, renderJobId: ARRAY_ID, encodeJobId: ENCODE_ID });
  });
});
