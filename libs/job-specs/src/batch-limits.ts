/**
 * AWS Batch's own limits, defined once: the client checks them before a request leaves the
 * process (@framefarm/batch-client), the local engine refuses what AWS would refuse
 * (@framefarm/local-aws), and the chunk rule keeps a run's render array within them.
 */

/** Children of one array job. */
export const MAX_ARRAY_SIZE = 10_000;
/** `dependsOn` entries of one SubmitJob. */
export const MAX_DEPENDENCIES = 20;
/** Job ids in one DescribeJobs request. */
export const MAX_DESCRIBE_JOBS = 100;
