import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { BatchClient, DescribeJobQueuesCommand } from '@aws-sdk/client-batch';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { startEdgeServer, type EdgeServer } from '../src/edge/edge-server';
import type { CoreServices } from '../src/core-services';
import { LOCAL_CREDENTIALS } from '../src/local-environment';
import { dynamoClient, logsClient, REGION, removeDir, s3Client, startCore, tempStateDir } from './helpers';

describe('edge routing by SigV4 credential scope', () => {
  let stateDir: string;
  let core: CoreServices;

  beforeAll(async () => {
    stateDir = tempStateDir();
    core = await startCore(stateDir);
  });
  afterAll(async () => {
    await core.stop();
    removeDir(stateDir);
  });

  it('sends each SDK client to its own service on one endpoint', async () => {
    const endpoint = core.edge.endpoint;
    await expect(s3Client(endpoint).send(new ListBucketsCommand({}))).resolves.toMatchObject({ Buckets: [] });
    await expect(dynamoClient(endpoint).send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
    await expect(logsClient(endpoint).send(new DescribeLogGroupsCommand({}))).resolves.toMatchObject({ logGroups: [] });
  });

  it('reports its services on GET /health', async () => {
    const response = await fetch(`${core.edge.endpoint}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { services: string[]; traces: boolean };
    expect(body.services).toEqual(['dynamodb', 'logs', 's3']);
    expect(body.traces).toBe(true);
  });

  it('answers a service it does not provide with a clear error the SDK understands', async () => {
    const batch = new BatchClient({ endpoint: core.edge.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    await expect(batch.send(new DescribeJobQueuesCommand({}))).rejects.toMatchObject({
      name: 'UnknownServiceException',
      message: expect.stringContaining('does not provide the service "batch"'),
    });
  });

  it('refuses unsigned requests it cannot attribute to a service', async () => {
    const response = await fetch(`${core.edge.endpoint}/some-bucket/key`);
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });
});

describe('edge with services added after it listens', () => {
  let edge: EdgeServer;
  afterEach(() => edge.stop());

  it('routes the credential scope of the Authorization header and of presigned URLs', async () => {
    const seen: string[] = [];
    edge = await startEdgeServer({ port: 0 });
    for (const service of ['batch', 's3']) {
      edge.setService(service, async (req, res) => {
        seen.push(`${service} ${req.method} ${req.url}`);
        res.end(service);
      });
    }
    const signed = await fetch(`${edge.endpoint}/v1/describejobs`, {
      method: 'POST',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/batch/aws4_request, SignedHeaders=host, Signature=00' },
      body: '{}',
    });
    expect(await signed.text()).toBe('batch');
    const presigned = await fetch(`${edge.endpoint}/bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request`);
    expect(await presigned.text()).toBe('s3');
    expect(seen).toEqual(['batch POST /v1/describejobs', 's3 GET /bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request']);
  });
});
