import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableKeySchema } from '@framefarm/job-specs';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { waitForTable } from '../table-status';

/** s3rver and dynalite on free ports, with the bucket and table a stack would have: for tests. */
export interface LocalServices {
  bucket: string;
  table: string;
  /** The environment a job needs to reach them through the standard SDK variables. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLocalServices(bucket = 'framefarm-test', table = 'framefarm-test-runs'): Promise<LocalServices> {
  const dir = await mkdtemp(join(tmpdir(), 'framefarm-services-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  const s3Address = (await s3.run()) as AddressInfo;
  const db = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => db.listen(0, '127.0.0.1', resolve));
  const dbPort = (db.address() as AddressInfo).port;

  const env = {
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${s3Address.port}`,
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dbPort}`,
    AWS_REGION: 'us-east-1',
    // s3rver checks signatures against its one built-in key pair; dynalite accepts any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    FRAMEFARM_BUCKET: bucket,
    FRAMEFARM_TABLE: table,
  };
  const client = new DynamoDBClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      ...tableKeySchema(),
    }),
  );
  await waitForTable(client, table, 'ACTIVE'); // CreateTable returns while the table is CREATING
  client.destroy();

  return {
    bucket,
    table,
    env,
    stop: async () => {
      await s3.close();
      await new Promise<void>((resolve) => db.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
