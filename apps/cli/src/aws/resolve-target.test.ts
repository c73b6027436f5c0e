import { LocalCredentialsError } from '@framefarm/local-aws';
import { UsageError } from '../errors';
import { resolveTarget } from './resolve-target';

/** Keys in the environment: a local target takes them when no stack answers at its endpoint. */
const KEYS = { AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' };

describe('the connection layer every command uses', () => {
  it('takes --endpoint, else the endpoint variables in order, else the local default; the region from AWS_REGION or AWS_DEFAULT_REGION', async () => {
    await expect(resolveTarget({}, KEYS)).resolves.toMatchObject({ kind: 'local', endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' });
    await expect(resolveTarget({}, { ...KEYS, AWS_DEFAULT_REGION: 'eu-north-1' })).resolves.toMatchObject({ region: 'eu-north-1' });
    await expect(resolveTarget({}, { ...KEYS, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-north-1' })).resolves.toMatchObject({ region: 'eu-west-1' });
    await expect(resolveTarget({ endpoint: 'http://127.0.0.1:4611/' }, { ...KEYS, AWS_ENDPOINT_URL: 'http://127.0.0.1:1' })).resolves.toMatchObject({ endpoint: 'http://127.0.0.1:4611' });
    await expect(resolveTarget({}, { ...KEYS, AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_BATCH: 'http://127.0.0.1:2' }, ['AWS_ENDPOINT_URL_BATCH', 'AWS_ENDPOINT_URL'])).resolves.toMatchObject({ endpoint: 'http://127.0.0.1:2' });
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

  it('gives a local target the keys of the environment when no stack answers, and says so when there are none', async () => {
    await expect(resolveTarget({ endpoint: 'http://127.0.0.1:1' }, KEYS)).resolves.toMatchObject({ credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
    await expect(resolveTarget({ endpoint: 'http://127.0.0.1:1' }, {})).rejects.toThrow(LocalCredentialsError);
    await expect(resolveTarget({ endpoint: 'http://127.0.0.1:1' }, {})).rejects.toThrow('No local stack answers at http://127.0.0.1:1');
  });
});
