import type { JobDependency } from '@aws-sdk/client-batch';

/** Wait for the whole job; for an array job, for every child. */
export const afterJob = (jobId: string): JobDependency => ({ jobId });

/** Child i of this array waits only for child i of `arrayJobId` (both arrays the same size). */
export const nToN = (arrayJobId: string): JobDependency => ({ jobId: arrayJobId, type: 'N_TO_N' });

/** The array's children run one after another: child i waits for child i-1 to succeed. */
export const sequential = (): JobDependency => ({ type: 'SEQUENTIAL' });
