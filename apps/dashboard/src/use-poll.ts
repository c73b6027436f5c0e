import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, getJson } from './api';

export interface Polled<T> {
  data?: T;
  error?: ApiFailure | Error;
  /** Fetch again now (after a button changed something). */
  refresh: () => void;
}

/** Live data without reloading: fetches `path` now and every `intervalMs` while the page shows it. */
export function usePoll<T>(path: string, intervalMs = 2000): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: Error }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        const data = await getJson<T>(path);
        if (live) setState({ data });
      } catch (error) {
        if (live) setState((previous) => ({ data: previous.data, error: error as Error }));
      }
      if (live) timer = setTimeout(() => void load(), intervalMs);
    };
    void load();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [path, intervalMs, tick]);
  return { ...state, refresh: () => setTick((t) => t + 1) };
}
