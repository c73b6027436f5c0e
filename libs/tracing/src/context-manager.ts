import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

let installed = false;

/**
 * Spans started inside `withSpan` callbacks must find their parent across `await`s, which needs
 * an async-aware context manager. Installed once per process; if the host already installed one,
 * that one is kept (the API refuses a second registration).
 */
export function ensureContextManager(): void {
  if (installed) return;
  installed = true;
  const manager = new AsyncLocalStorageContextManager();
  if (context.setGlobalContextManager(manager.enable())) return;
  manager.disable();
}
