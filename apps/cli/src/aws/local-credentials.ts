import type { AwsCredentialIdentity } from '@smithy/types';
import { LOCAL_CREDENTIALS } from '@framefarm/local-aws';

/**
 * The one answer to "which credentials for a local target": keys set in the environment
 * (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) win, else the local stack's own, from
 * @framefarm/local-aws. Every command's clients for a local stack get their keys here.
 */
export function localTargetCredentials(env: NodeJS.ProcessEnv = process.env): AwsCredentialIdentity {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  }
  return { accessKeyId: LOCAL_CREDENTIALS.accessKeyId, secretAccessKey: LOCAL_CREDENTIALS.secretAccessKey };
}
