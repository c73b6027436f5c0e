import { adaptIndexCreation } from './on-demand-index';

describe('adaptIndexCreation', () => {
  const create = { IndexName: 'i', KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } };

  it('gives an on-demand index creation the throughput dynalite insists on', () => {
    const body = Buffer.from(JSON.stringify({ TableName: 't', GlobalSecondaryIndexUpdates: [{ Create: create }] }));
    const adapted = JSON.parse(adaptIndexCreation('DynamoDB_20120810.UpdateTable', body).toString());
    expect(adapted.GlobalSecondaryIndexUpdates[0].Create).toEqual({ ...create, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } });
  });

  it('leaves everything else byte for byte', () => {
    const withThroughput = Buffer.from(JSON.stringify({ TableName: 't', GlobalSecondaryIndexUpdates: [{ Create: { ...create, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } }] }));
    expect(adaptIndexCreation('DynamoDB_20120810.UpdateTable', withThroughput)).toBe(withThroughput);
    const other = Buffer.from('{"TableName":"t"}');
    expect(adaptIndexCreation('DynamoDB_20120810.PutItem', other)).toBe(other);
    const broken = Buffer.from('{not json');
    expect(adaptIndexCreation('DynamoDB_20120810.UpdateTable', broken)).toBe(broken);
    const nulls = Buffer.from('{"GlobalSecondaryIndexUpdates":[null,{"Delete":{"IndexName":"i"}}]}');
    expect(adaptIndexCreation('DynamoDB_20120810.UpdateTable', nulls)).toBe(nulls);
  });
});
