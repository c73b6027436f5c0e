import { SPAN_ATTRIBUTES, jobIdentityFromEnv, jobSpanAttributes } from './attributes';

describe('jobIdentityFromEnv', () => {
  it('reads what Batch sets for an array child', () => {
    expect(jobIdentityFromEnv({ AWS_BATCH_JOB_ID: 'abc:3', AWS_BATCH_JOB_ATTEMPT: '2', AWS_BATCH_JOB_ARRAY_INDEX: '3' })).toEqual({ jobId: 'abc:3', arrayIndex: 3, attempt: 2 });
  });

  it('never throws: outside Batch it uses the fallback id, and ignores malformed numbers', () => {
    expect(jobIdentityFromEnv({}, 'local-plan')).toEqual({ jobId: 'local-plan', attempt: 1 });
    expect(jobIdentityFromEnv({ AWS_BATCH_JOB_ID: 'j', AWS_BATCH_JOB_ATTEMPT: 'two', AWS_BATCH_JOB_ARRAY_INDEX: '-1' })).toEqual({ jobId: 'j', attempt: 1 });
    expect(jobIdentityFromEnv({}).jobId).toBe(`local-${process.pid}`);
  });
});

describe('jobSpanAttributes', () => {
  it('leaves the array index out for jobs that are not array children', () => {
    expect(jobSpanAttributes('r', { jobId: 'p', attempt: 1 })).toEqual({ [SPAN_ATTRIBUTES.runId]: 'r', [SPAN_ATTRIBUTES.jobId]: 'p', [SPAN_ATTRIBUTES.attempt]: 1 });
  });
});
