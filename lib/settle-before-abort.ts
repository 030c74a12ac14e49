import { isThenable } from './outcome.js';

export type Settled<T> = { value: T } | { error: unknown } | { aborted: true };

/**
 * Runs user code and waits for it, but no longer than until `signal` aborts. A synchronous result
 * is taken as it is; a late result is ignored and its rejection is never left unhandled.
 */
export function settleBeforeAbort<T>(signal: AbortSignal, work: () => T | PromiseLike<T>): Promise<Settled<T>> {
  if (signal.aborted) return Promise.resolve({ aborted: true });
  let result: T | PromiseLike<T>;
  try {
    result = work();
  } catch (error) {
    return Promise.resolve({ error });
  }
  if (!isThenable(result)) return Promise.resolve({ value: result });
  const pending = result;
  return new Promise((resolve) => {
    const onAbort = (): void => resolve({ aborted: true });
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve({ value });
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        resolve({ error });
      },
    );
  });
}
