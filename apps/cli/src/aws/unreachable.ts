import { RunFailedError } from '../errors';
import type { Target } from './target';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * Turns "the endpoint is not there" (anywhere in the error's causes) into advice; other errors
 * pass through unchanged. `endpointVariables` are those the command reads (see resolveTarget).
 */
export function explainUnreachable(error: unknown, target: Target, endpointVariables: readonly string[] = ['AWS_ENDPOINT_URL']): unknown {
  let cause: unknown = error;
  while (cause && typeof cause === 'object') {
    const code = (cause as { code?: string }).code;
    if (code && UNREACHABLE.has(code)) {
      const where = target.endpoint ?? `AWS in ${target.region}`;
      return new RunFailedError(`Cannot reach ${where} (${code}). Start the local stack with \`framefarm up\`, or point --endpoint (or ${endpointVariables.join(', ')}) at a running one.`);
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return error;
}
