import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INTERMEDIATE_OBJECT_TAGGING } from '@framefarm/job-specs';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { ObjectStore } from './object-store';
import { RunRecords } from './records';
import { RunStore } from './run-store';

// The AWS stack expires intermediate objects by this tag (lifecycle prefixes cannot wildcard
// runs/*/chunks/); the local S3 ignores tags, so the request itself is what is checked here.
describe('chunk objects are tagged as intermediate', () => {
  const s3 = mockClient(S3Client);
  const store = new RunStore(
    new ObjectStore(new S3Client({ region: 'us-east-1' }), 'bucket'),
    new RunRecords(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), 'table'),
  );
  beforeEach(() =>
    s3
      .reset()
      .on(PutObjectCommand)
      .callsFake(async (input: { Body: unknown }) => {
        // As S3 does, read a streamed body before answering.
        if (input.Body instanceof Readable) for await (const chunk of input.Body) void chunk;
        return {};
      }),
  );

  it('tags the segment and the chunk manifest, and nothing else', async () => {
    // Any file will do: only the requests are checked.
    await store.uploadChunkSegment('r1', 3, __filename);
    await store.writeChunkManifest({
      version: 3,
      runId: 'r1',
      index: 3,
      start: 30,
      end: 31,
      settingsHash: 'a'.repeat(64),
      frameChecksums: ['b'.repeat(16)],
      segment: { key: 'runs/r1/chunks/00003.ts', bytes: 20, sha256: 'c'.repeat(64) },
      renderedAt: new Date(0).toISOString(),
      jobId: 'job:3',
      attempt: 1,
    });
    await store.objects.putJson('runs/r1/manifest.json', {});
    const puts = s3.commandCalls(PutObjectCommand).map((c) => [c.args[0].input.Key, c.args[0].input.Tagging]);
    expect(puts).toEqual([
      ['runs/r1/chunks/00003.ts', INTERMEDIATE_OBJECT_TAGGING],
      ['runs/r1/chunks/00003.json', INTERMEDIATE_OBJECT_TAGGING],
      ['runs/r1/manifest.json', undefined],
    ]);
  });
});
