import type { KeyValuePair } from '@aws-sdk/client-batch';
import type { EnvironmentEntry } from '../api-types';

/** Names whose values are credentials or could be: never shown, whoever looks. */
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|SESSION|API_?KEY|ACCESS_KEY|AUTH)/i;

export const MASK = '•••••• (hidden)';

/** A job's environment for the page, sorted by name, with secrets masked here, before they leave. */
export function maskEnvironment(environment: KeyValuePair[] | undefined): EnvironmentEntry[] {
  return (environment ?? [])
    .filter((pair): pair is { name: string; value?: string } => typeof pair.name === 'string')
    .map((pair) => (SECRET_NAME.test(pair.name) ? { name: pair.name, value: MASK, masked: true } : { name: pair.name, value: pair.value ?? '', masked: false }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
