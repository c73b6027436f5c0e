import type { BatchClient } from '@aws-sdk/client-batch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { RunStore } from '@framefarm/run-store';

/** Where a run is read from: Batch for its jobs, CloudWatch Logs for their output, the run's table. */
export interface RunSources {
  batch: Pick<BatchClient, 'send'>;
  logs: Pick<CloudWatchLogsClient, 'send'>;
  store: { records: Pick<RunStore['records'], 'getRun' | 'listChunks' | 'table'> };
}
