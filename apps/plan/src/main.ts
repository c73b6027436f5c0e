import { jobSpec } from '@framefarm/job-specs'; console.log(jobSpec('plan').jobQueueName);
