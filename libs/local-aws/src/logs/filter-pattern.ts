import { invalidParameter } from './logs-errors';

/**
 * A CloudWatch Logs filter pattern for unstructured text: terms separated by spaces must all
 * occur (`ERROR timeout`), a quoted term is one phrase (`"render failed"`), `-term` excludes and
 * `?term` terms match when any of them occurs. Matching is a case-sensitive substring test, as on
 * AWS. JSON (`{ $.x = … }`) and space-delimited (`[a, b]`) patterns are not supported locally.
 */
export function compileFilterPattern(pattern: string | undefined): (message: string) => boolean {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{') || text.startsWith('[')) {
    throw invalidParameter(`The local stack supports plain-text filter patterns only, not "${text}"; use words or a quoted phrase.`);
  }
  const terms = [...text.matchAll(/([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)].map((m) => ({
    op: m[1],
    value: m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3],
  }));
  const required = terms.filter((t) => t.op === '').map((t) => t.value);
  const excluded = terms.filter((t) => t.op === '-').map((t) => t.value);
  const optional = terms.filter((t) => t.op === '?').map((t) => t.value);
  return (message) =>
    required.every((t) => message.includes(t)) &&
    !excluded.some((t) => message.includes(t)) &&
    (optional.length === 0 || optional.some((t) => message.includes(t)));
}
