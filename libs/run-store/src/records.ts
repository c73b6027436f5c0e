import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RUNS_BY_TIME_INDEX, TABLE_KEYS } from '@framefarm/job-specs';
import { CHUNK_SK_PREFIX, chunkSk, RUN_SK, runPk } from './keys';
import type { RunSettings } from './run-settings';

export const RUN_STATUSES = ['PLANNED', 'RENDERING', 'ENCODING', 'SUCCEEDED', 'FAILED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const CHUNK_STATUSES = ['RENDERING', 'SUCCEEDED', 'SKIPPED', 'FAILED'] as const;
/** SKIPPED: a retry found the chunk already rendered with the same settings and left it alone. */
export type ChunkStatus = (typeof CHUNK_STATUSES)[number];

export type Stage = 'plan' | 'render' | 'encode';

/** ISO timestamps of one stage; render spans from the first chunk's start to the last chunk's end. */
export interface StageTiming {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

export interface StoredVideo {
  key: string;
  bytes: number;
  sha256: string;
  frames: number;
  durationSeconds: number;
}

/** Item `pk=RUN#<runId>, sk=RUN`. */
export interface RunRecord {
  runId: string;
  status: RunStatus;
  settings: RunSettings;
  settingsHash: string;
  chunkCount: number;
  planJobId?: string;
  renderJobId?: string;
  encodeJobId?: string;
  createdAt: string;
  updatedAt: string;
  timings: Partial<Record<Stage, StageTiming>>;
  /** Why the run FAILED, in words a user can act on. */
  error?: string;
  video?: StoredVideo;
  posterKey?: string;
}

/** Item `pk=RUN#<runId>, sk=CHUNK#<index padded to 5>`. */
export interface ChunkRecord {
  runId: string;
  index: number;
  start: number;
  end: number;
  status: ChunkStatus;
  /** Frames rendered and piped to ffmpeg so far, for progress bars. */
  framesDone: number;
  attempt: number;
  jobId?: string;
  startedAt: string;
  finishedAt?: string;
  renderMs?: number;
  uploadMs?: number;
  segmentBytes?: number;
  updatedAt: string;
  error?: string;
}

const stripKeys = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { [TABLE_KEYS.partitionKey]: _pk, [TABLE_KEYS.sortKey]: _sk, ...rest } = item;
  return rest as T;
};

/** One page of runs, newest first; `next` continues the list. */
export interface RunsPage {
  runs: RunRecord[];
  next?: string;
}

export class InvalidPageTokenError extends Error {
  override readonly name = 'InvalidPageTokenError';
}

const encodeNext = (key: Record<string, unknown> | undefined): string | undefined => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined);

function decodeNext(next: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(next, 'base64url').toString()) as unknown;
    if (key && typeof key === 'object' && !Array.isArray(key) && Object.values(key).every((v) => typeof v === 'string')) return key as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new InvalidPageTokenError('The page token is not one this list gave out: start again from the first page.');
}

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** SET expression for the given attributes, with placeholder names so reserved words (status) are fine. */
function setExpression(changes: Record<string, unknown>): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  return {
    expression: `SET ${entries.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
    names: Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])),
    values: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
  };
}

/** Run and chunk items of the single table. */
export class RunRecords {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  private key(runId: string, sk: string): Record<string, string> {
    return { [TABLE_KEYS.partitionKey]: runPk(runId), [TABLE_KEYS.sortKey]: sk };
  }

  /** Creates the run item; false (and no change) when it exists already. */
  async createRun(record: RunRecord): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...this.key(record.runId, RUN_SK), type: RUNS_BY_TIME_INDEX.runType, ...record },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const output = await this.db.send(new GetCommand({ TableName: this.table, Key: this.key(runId, RUN_SK), ConsistentRead: true }));
    return stripKeys<RunRecord>(output.Item);
  }

  /**
   * Updates an existing run item. With `onlyFrom`, only while its status is one of those (so a
   * late render retry cannot turn a SUCCEEDED run back into RENDERING); returns whether it applied.
   * `remove` drops attributes, e.g. the error of a failed attempt once the run succeeds.
   */
  async updateRun(runId: string, changes: Partial<Omit<RunRecord, 'runId'>>, onlyFrom?: RunStatus[], remove: Array<keyof RunRecord> = []): Promise<boolean> {
    const set = setExpression({ ...changes, updatedAt: changes.updatedAt ?? new Date().toISOString() });
    const expression = remove.length > 0 ? `${set.expression} REMOVE ${remove.map((_, i) => `#r${i}`).join(', ')}` : set.expression;
    const names = { ...set.names, ...Object.fromEntries(remove.map((name, i) => [`#r${i}`, name])) };
    const { values } = set;
    const conditions = ['attribute_exists(#pk)'];
    const conditionValues: Record<string, unknown> = {};
    if (onlyFrom) {
      conditions.push(`#status IN (${onlyFrom.map((_, i) => `:from${i}`).join(', ')})`);
      onlyFrom.forEach((status, i) => (conditionValues[`:from${i}`] = status));
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key(runId, RUN_SK),
          UpdateExpression: expression,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: { ...names, '#pk': TABLE_KEYS.partitionKey, ...(onlyFrom ? { '#status': 'status' } : {}) },
          ExpressionAttributeValues: { ...values, ...conditionValues },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async putChunk(record: ChunkRecord): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...this.key(record.runId, chunkSk(record.index)), type: 'chunk', ...record } }));
  }

  async updateChunk(runId: string, index: number, changes: Partial<Omit<ChunkRecord, 'runId' | 'index'>>): Promise<void> {
    const { expression, names, values } = setExpression({ ...changes, updatedAt: changes.updatedAt ?? new Date().toISOString() });
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: this.key(runId, chunkSk(index)),
        UpdateExpression: expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  async getChunk(runId: string, index: number): Promise<ChunkRecord | undefined> {
    const output = await this.db.send(new GetCommand({ TableName: this.table, Key: this.key(runId, chunkSk(index)), ConsistentRead: true }));
    return stripKeys<ChunkRecord>(output.Item);
  }

  /** Runs newest first, `limit` at a time, through the runs-by-time index. */
  async listRuns(options: { limit: number; next?: string }): Promise<RunsPage> {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: RUNS_BY_TIME_INDEX.name,
        KeyConditionExpression: '#type = :run',
        ExpressionAttributeNames: { '#type': RUNS_BY_TIME_INDEX.partitionKey },
        ExpressionAttributeValues: { ':run': RUNS_BY_TIME_INDEX.runType },
        ScanIndexForward: false,
        Limit: options.limit,
        ExclusiveStartKey: options.next ? decodeNext(options.next) : undefined,
      }),
    );
    const runs = (page.Items ?? []).map((item) => {
      const { type: _type, ...run } = stripKeys<RunRecord & { type: string }>(item)!;
      return run as RunRecord;
    });
    return { runs, next: encodeNext(page.LastEvaluatedKey) };
  }

  /** Every chunk item of a run, by index. */
  async listChunks(runId: string): Promise<ChunkRecord[]> {
    const chunks: ChunkRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :chunk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
          ExpressionAttributeValues: { ':pk': runPk(runId), ':chunk': CHUNK_SK_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) chunks.push(stripKeys<ChunkRecord>(item)!);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return chunks.sort((a, b) => a.index - b.index);
  }
}
