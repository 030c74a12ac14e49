import type { Cancellation } from './deadline.js';
import { isThenable } from './outcome.js';

export type Settled<T> = { value: T } | { error: unknown } | { aborted: true };

/**
 * Runs user code and waits for it, but no longer than until `cancellation` fires. A synchronous
 * result is taken as it is; a late result is ignored and its rejection is never left unhandled.
 */
export function settleBeforeAbort<T>(cancellation: Cancellation, work: () => T | PromiseLike<T>): Promise<Settled<T>> {
  if (cancellation.cancelled) return Promise.resolve({ aborted: true });
  let result: T | PromiseLike<T>;
  try {
    result = work();
  } catch (error) {
    return Promise.resolve({ error });
  }
  if (!isThenable(result)) return Promise.resolve({ value: result });
  const pending = result;
  return new Promise((resolve) => {
    const stopListening = cancellation.onCancel(() => resolve({ aborted: true }));
    // Promise.resolve adopts any thenable, so even one whose `then` throws ends up handled here.
    Promise.resolve(pending).then(
      (value) => {
        stopListening();
        resolve({ value });
      },
      (error: unknown) => {
        stopListening();
        resolve({ error });
      },
    );
  });
}
