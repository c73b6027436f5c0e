/**
 * Batch stops a timed-out or terminated attempt with SIGTERM and kills it 30 s later. Without a
 * handler the spans of that attempt would be lost, and they are the ones worth seeing. This one
 * runs `flush` (bounded by the caller), then, if it was the process's only SIGTERM handler,
 * raises SIGTERM again so the process ends exactly as it would have without tracing. When the
 * program has its own handler, that handler decides how the process ends.
 */
export function flushOnTerminate(flush: (signal: NodeJS.Signals) => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    process.off('SIGTERM', handler);
    const alone = process.listenerCount('SIGTERM') === 0;
    void flush(signal).finally(() => {
      if (alone) process.kill(process.pid, signal);
    });
  };
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGTERM', handler);
  };
}
