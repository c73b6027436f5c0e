/**
 * Runs one stage of a job, e.g. inside a tracing span. The jobs take one of these so their logic
 * does not depend on how (or whether) it is traced.
 */
export type StageSpan = <T>(name: string, attributes: Record<string, string | number>, fn: () => Promise<T>) => Promise<T>;

/** No tracing: just run the stage. */
export const untraced: StageSpan = (_name, _attributes, fn) => fn();
