/**
 * dynalite predates on-demand tables' indexes: it insists on ProvisionedThroughput when
 * UpdateTable creates a global secondary index, which AWS refuses for a PAY_PER_REQUEST table.
 * So a request that AWS accepts (no throughput) gets a nominal one added before dynalite sees it.
 */
const NOMINAL_THROUGHPUT = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };

interface IndexUpdate {
  Create?: { ProvisionedThroughput?: unknown };
}

export function adaptIndexCreation(target: string | undefined, body: Buffer): Buffer {
  if (target !== 'DynamoDB_20120810.UpdateTable') return body;
  let request: { GlobalSecondaryIndexUpdates?: IndexUpdate[] };
  try {
    request = JSON.parse(body.toString('utf8')) as typeof request;
  } catch {
    return body; // dynalite answers a malformed body with the right error itself
  }
  const updates = Array.isArray(request?.GlobalSecondaryIndexUpdates) ? request.GlobalSecondaryIndexUpdates : [];
  const creates = updates.filter((u) => u && typeof u.Create === 'object' && u.Create !== null && u.Create.ProvisionedThroughput === undefined);
  if (creates.length === 0) return body;
  for (const update of creates) (update.Create as { ProvisionedThroughput?: unknown }).ProvisionedThroughput = NOMINAL_THROUGHPUT;
  return Buffer.from(JSON.stringify(request));
}
