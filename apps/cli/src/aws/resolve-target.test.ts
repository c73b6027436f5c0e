import { LOCAL_CREDENTIALS } from '@framefarm/local-aws';
import { UsageError } from '../errors';
import { localTargetCredentials } from './local-credentials';
import { resolveTarget } from './resolve-target';

describe('the connection layer every command uses', () => {
  it('takes --endpoint, else the endpoint variables in order, else the local default; the region from AWS_REGION or AWS_DEFAULT_REGION', async () => {
    await expect(resolveTarget({}, {})).resolves.toMatchObject({ kind: 'local', endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' });
    await expect(resolveTarget({}, { AWS_DEFAULT_REGION: 'eu-north-1' })).resolves.toMatchObject({ region: 'eu-north-1' });
    await expect(resolveTarget({}, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-north-1' })).resolves.toMatchObject({ region: 'eu-west-1' });
    await expect(resolveTarget({ endpoint: 'http://127.0.0.1:4611/' }, { AWS_ENDPOINT_URL: 'http://other:1' })).resolves.toMatchObject({ endpoint: 'http://127.0.0.1:4611' });
    await expect(resolveTarget({}, { AWS_ENDPOINT_URL: 'http://general:1', AWS_ENDPOINT_URL_BATCH: 'http://batch:2' }, ['AWS_ENDPOINT_URL_BATCH', 'AWS_ENDPOINT_URL'])).resolves.toMatchObject({ endpoint: 'http://batch:2' });
  });

  it.each([
    [{ endpoint: 'ftp://127.0.0.1:4566' }, '--endpoint must be an http:// or https:// URL, got "ftp://127.0.0.1:4566"'],
    [{ endpoint: 'not a url' }, '--endpoint must be a URL'],
    [{ endpoint: 'http://a', stack: 's' }, 'give either --endpoint or --stack, not both'],
  ])('refuses %p', async (flags, message) => {
    await expect(resolveTarget(flags, {})).rejects.toThrow(UsageError);
    await expect(resolveTarget(flags, {})).rejects.toThrow(message);
  });

  it('refuses an endpoint variable that is not http(s), naming the variable', async () => {
    await expect(resolveTarget({}, { AWS_ENDPOINT_URL: 'file:///tmp' })).rejects.toThrow('AWS_ENDPOINT_URL must be an http:// or https:// URL');
  });

  it("gives a local target the local stack's credentials unless keys are set", () => {
    expect(localTargetCredentials({})).toEqual(LOCAL_CREDENTIALS);
    expect(localTargetCredentials({ AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' })).toEqual({ accessKeyId: 'k', secretAccessKey: 's' });
  });
});
