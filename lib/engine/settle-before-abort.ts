import type { TimedCancellation } from './deadline.js';
import { isThenable } from './thenable.js';

export type Settled<T> = { value: T } | { error: unknown } | { aborted: true };

/**
 * Waits for user code's thenable. `await` adopts any thenable and turns whatever it does (a
 * throwing `then` getter, a promise whose `constructor` getter throws) into a value or an error.
 */
async function settle<T>(pending: PromiseLike<T>): Promise<Settled<T>> {
  try {
    return { value: await pending };
  } catch (error) {
    return { error };
  }
}

/**
 * Runs user code and waits for it, but no longer than until `cancellation` fires. A synchronous
 * result is taken as it is; a late result is ignored and its rejection is never left unhandled.
 */
export function settleBeforeAbort<T>(
  cancellation: TimedCancellation,
  work: () => T | PromiseLike<T>,
): Promise<Settled<T>> {
  if (cancellation.cancelledNow()) return Promise.resolve({ aborted: true });
  let result: T | PromiseLike<T>;
  try {
    result = work();
    if (!isThenable(result)) return Promise.resolve({ value: result });
  } catch (error) {
    return Promise.resolve({ error });
  }
  const settled = settle(result);
  return new Promise((resolve) => {
    const stopListening = cancellation.onCancel(() => resolve({ aborted: true }));
    void settled.then((outcome) => {
      stopListening();
      resolve(outcome);
    });
  });
}
