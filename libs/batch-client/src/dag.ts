import type { RetryPolicy } from './submit-job';

/** A dependency on another job of the workflow, by its name in `jobs`. */
export type DagDependency = string | { job: string; type?: 'N_TO_N' };

/** Settings every job of the workflow may share; a job's own values win (maps are merged). */
export interface DagJobSettings {
  queue?: string;
  definition?: string;
  command?: string[];
  environment?: Record<string, string>;
  parameters?: Record<string, string>;
  timeoutSeconds?: number;
  retry?: RetryPolicy;
  tags?: Record<string, string>;
  propagateTags?: boolean;
}

export interface DagJob extends DagJobSettings {
  /** 1 (the default) is a plain job; 2 … 10,000 an array job. */
  arraySize?: number;
  /** A plain name waits for the whole job (every child of an array); N_TO_N pairs child i with child i. */
  dependsOn?: DagDependency[];
  /** The array's children run one after another. */
  sequential?: boolean;
}

/** A workflow: named jobs and their dependencies. Batch job names are `<name>-<job>`. */
export interface Dag {
  name: string;
  jobs: Record<string, DagJob>;
  defaults?: DagJobSettings;
}
