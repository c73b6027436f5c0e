import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV, INTERMEDIATE_OBJECT_TAGGING, planChunks } from '@framefarm/job-specs';
import { createDocumentClient, createS3Client } from './clients';
import { MissingConfigError, RunConflictError } from './errors';
import { chunkManifestKey, chunkPreviewKey, chunkSegmentKey, chunksPrefix, runManifestKey } from './keys';
import { ObjectStore, StoredFile } from './object-store';
import { RunRecord, RunRecords } from './records';
import { ChunkManifest, ChunkManifestSchema, RunManifest, RunManifestSchema } from './schemas';
import type { RunSettings } from './run-settings';
import { settingsHash } from './settings-hash';

/** The bucket and the table of one stack, through the SDK. Shared by the three jobs and the CLI. */
export class RunStore {
  constructor(
    readonly objects: ObjectStore,
    readonly records: RunRecords,
  ) {}

  /**
   * FRAMEFARM_BUCKET and FRAMEFARM_TABLE from the job definition; endpoints from the SDK's own
   * variables. `instrument` may add middleware to both clients (tracing).
   */
  static fromEnv(env: Record<string, string | undefined> = process.env, options: { instrument?: <C extends S3Client | DynamoDBDocumentClient>(client: C) => C } = {}): RunStore {
    const bucket = env[ENV.bucket];
    const table = env[ENV.table];
    const missing = [!bucket && ENV.bucket, !table && ENV.table].filter(Boolean);
    if (missing.length > 0) {
      throw new MissingConfigError(`${missing.join(' and ')} not set: the job definition provides them (jobDefinitionEnvironment); set them when running by hand`);
    }
    const instrument = options.instrument ?? (<C>(client: C) => client);
    return new RunStore(new ObjectStore(instrument(createS3Client(env)), bucket!), new RunRecords(instrument(createDocumentClient(env)), table!));
  }

  readRunManifest(runId: string): Promise<RunManifest | undefined> {
    return this.objects.getJson(runManifestKey(runId), RunManifestSchema);
  }

  readChunkManifest(runId: string, index: number): Promise<ChunkManifest | undefined> {
    return this.objects.getJson(chunkManifestKey(runId, index), ChunkManifestSchema);
  }

  /** Chunk objects are intermediate: tagged so the AWS stack's lifecycle rule expires them. */
  async writeChunkManifest(manifest: ChunkManifest): Promise<void> {
    await this.objects.putJson(chunkManifestKey(manifest.runId, manifest.index), ChunkManifestSchema.parse(manifest), INTERMEDIATE_OBJECT_TAGGING);
  }

  uploadChunkSegment(runId: string, index: number, path: string): Promise<StoredFile> {
    return this.objects.uploadFile(chunkSegmentKey(runId, index), path, 'video/mp2t', INTERMEDIATE_OBJECT_TAGGING);
  }

  /** The latest preview of a rendering chunk (JPEG), replaced as the chunk goes on. */
  writeChunkPreview(runId: string, index: number, jpeg: Buffer): Promise<void> {
    return this.objects.putBytes(chunkPreviewKey(runId, index), jpeg, 'image/jpeg', INTERMEDIATE_OBJECT_TAGGING);
  }

  /** Every chunk manifest under the run's prefix, whatever indexes they have. */
  async listChunkManifests(runId: string): Promise<ChunkManifest[]> {
    const keys = (await this.objects.listKeys(chunksPrefix(runId))).filter((key) => key.endsWith('.json'));
    const manifests = await Promise.all(keys.map((key) => this.objects.getJson(key, ChunkManifestSchema)));
    return manifests.filter((m): m is ChunkManifest => m !== undefined).sort((a, b) => a.index - b.index || a.start - b.start);
  }

  /**
   * Writes the run manifest and the PLANNED run item, once per run id. Planning the same run id
   * again with the same settings returns what is stored (`created: false`); other settings are
   * a RunConflictError.
   */
  async recordPlan(settings: RunSettings, options: { planJobId?: string; startedAt: Date }): Promise<{ manifest: RunManifest; record: RunRecord; created: boolean }> {
    const hash = settingsHash(settings);
    const existing = await this.readRunManifest(settings.runId);
    if (existing && existing.settingsHash !== hash) {
      throw new RunConflictError(`run ${settings.runId} was planned before with other settings; choose another RUN_ID or leave it unset`);
    }
    const manifest: RunManifest = existing ?? {
      version: 1,
      runId: settings.runId,
      settings,
      settingsHash: hash,
      chunks: planChunks(settings.totalFrames, settings.framesPerRenderJob),
      createdAt: options.startedAt.toISOString(),
    };
    if (!existing) await this.objects.putJson(runManifestKey(settings.runId), RunManifestSchema.parse(manifest));
    const now = new Date().toISOString();
    const record: RunRecord = {
      runId: settings.runId,
      status: 'PLANNED',
      settings,
      settingsHash: hash,
      chunkCount: manifest.chunks.length,
      ...(options.planJobId ? { planJobId: options.planJobId } : {}),
      createdAt: manifest.createdAt,
      updatedAt: now,
      timings: {},
    };
    const created = await this.records.createRun(record);
    return { manifest, record: created ? record : ((await this.records.getRun(settings.runId)) ?? record), created };
  }
}
