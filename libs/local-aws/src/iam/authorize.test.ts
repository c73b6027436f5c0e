import { assumedRoleArn, roleArn, type RolePrincipal } from '../auth/principals';
import { LOCAL_ACCOUNT_ID } from '../local-environment';
import { createRoleAuthorizer, denialMessage } from './authorize';
import { DecisionCache, policyReadsGlobalContext } from './decision-cache';
import { jobRoleName, localJobRoles, type LocalRole } from './local-roles';
import type { RequestToAuthorize } from './request-actions';

const region = 'eu-west-1';
const arns = { region, accountId: LOCAL_ACCOUNT_ID };
const roles = localJobRoles(region, LOCAL_ACCOUNT_ID);
const TABLE = 'framefarm-runs';

const session = (step: 'plan' | 'render' | 'encode', sessionName: string): RolePrincipal => {
  const roleName = jobRoleName(step);
  return {
    kind: 'role',
    accessKeyId: `ASIA${sessionName}`,
    roleName,
    roleArn: roleArn(LOCAL_ACCOUNT_ID, roleName),
    sessionName,
    arn: assumedRoleArn(LOCAL_ACCOUNT_ID, roleName, sessionName),
    expiresAt: Date.now() + 3_600_000,
  };
};
const s3 = (method: string, url: string): RequestToAuthorize => ({ service: 's3', method, url, headers: { host: '127.0.0.1' } });
const putItem = (pk: string): RequestToAuthorize => ({
  service: 'dynamodb',
  method: 'POST',
  url: '/',
  headers: { host: '127.0.0.1', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
  body: Buffer.from(JSON.stringify({ TableName: TABLE, Item: { pk: { S: pk } } })),
});

describe('role authorization remembers decisions without changing them', () => {
  it('answers a repeated request from the cache, and refuses what it refused, naming each caller', async () => {
    const decisions = new DecisionCache();
    const authorize = createRoleAuthorizer(roles, arns, decisions);
    const render = session('render', 'job-1');
    const chunk = s3('PUT', '/framefarm-local/runs/r1/chunks/00000.ts');
    expect(await authorize({ principal: render, ...chunk })).toBeUndefined();
    expect(await authorize({ principal: session('render', 'job-2'), ...chunk })).toBeUndefined();
    expect(decisions.hits).toBe(1);

    const video = s3('PUT', '/framefarm-local/runs/r1/video.mp4');
    const resource = 'arn:aws:s3:::framefarm-local/runs/r1/video.mp4';
    expect(await authorize({ principal: render, ...video })).toBe(denialMessage(render.arn, 's3:PutObject', resource));
    const other = session('render', 'job-3');
    expect(await authorize({ principal: other, ...video })).toBe(denialMessage(other.arn, 's3:PutObject', resource));
    expect(decisions.hits).toBe(2);

    // The same request with another role's policy is decided by that policy.
    expect(await authorize({ principal: session('encode', 'job-4'), ...video })).toBeUndefined();
  });

  it('keys on the request context: a cached allow for one partition does not allow another', async () => {
    const decisions = new DecisionCache();
    const authorize = createRoleAuthorizer(roles, arns, decisions);
    const plan = session('plan', 'job-1');
    expect(await authorize({ principal: plan, ...putItem('RUN#r1') })).toBeUndefined();
    expect(await authorize({ principal: plan, ...putItem('RUN#r1') })).toBeUndefined();
    expect(decisions.hits).toBe(1);
    expect(await authorize({ principal: plan, ...putItem('USER#u') })).toMatch(/is not authorized to perform: dynamodb:PutItem/);
    expect(await authorize({ principal: plan, ...putItem('USER#u') })).toMatch(/is not authorized to perform: dynamodb:PutItem/);
  });

  it('is bounded, forgetting the oldest decision first', () => {
    const decisions = new DecisionCache(2);
    decisions.set('a', { kind: 'allowed' });
    decisions.set('b', { kind: 'denied' });
    decisions.set('c', { kind: 'allowed' });
    expect(decisions.entries).toBe(2);
    expect(decisions.get('a')).toBeUndefined();
    expect(decisions.get('b')).toEqual({ kind: 'denied' });
  });

  it('caches nothing for a policy whose answer may depend on the caller or the time', () => {
    const role = roles.get(jobRoleName('plan')) as LocalRole;
    expect(policyReadsGlobalContext(role)).toBe(false);
    const withTime: LocalRole = {
      ...role,
      policy: { ...role.policy, Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'], Condition: { DateLessThan: { 'aws:CurrentTime': ['2030-01-01T00:00:00Z'] } } }] },
    };
    const withVariable: LocalRole = { ...role, policy: { ...role.policy, Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/${aws:username}/*'] }] } };
    const decisions = new DecisionCache();
    for (const r of [withTime, withVariable]) {
      expect(policyReadsGlobalContext(r)).toBe(true);
      expect(decisions.key(r, LOCAL_ACCOUNT_ID, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' })).toBeUndefined();
    }
  });
});
