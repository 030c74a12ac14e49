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
 * Runs user code and waits for it, but no longer than until `cancellation` fires: every handler
 * of every kind runs through here. Nothing starts once the deadline has passed. A synchronous
 * result counts only if it came in time (the deadline's timer cannot fire while synchronous code
 * runs, so the clock is read after it); a late result is ignored, and a late failure goes to
 * `onLateFailure` (when given), never left unhandled.
 */
export function settleBeforeAbort<T>(
  cancellation: TimedCancellation,
  work: () => T | PromiseLike<T>,
  onLateFailure?: (error: unknown) => void,
): Promise<Settled<T>> {
  if (cancellation.cancelledNow()) return Promise.resolve({ aborted: true });
  let result: T | PromiseLike<T>;
  try {
    result = work();
    if (!isThenable(result))
      return Promise.resolve(cancellation.cancelledNow() ? { aborted: true } : { value: result });
  } catch (error) {
    return Promise.resolve(cancellation.cancelledNow() ? { aborted: true } : { error });
  }
  const settled = settle(result);
  return new Promise((resolve) => {
    let late = false;
    const abort = (): void => {
      late = true;
      resolve({ aborted: true });
    };
    const stopListening = cancellation.onCancel(abort);
    // A client that went away inside `work` fired the cancellation before anything listened.
    if (cancellation.cancelled) abort();
    void settled.then((outcome) => {
      stopListening();
      if (!late) resolve(outcome);
      else if ('error' in outcome) onLateFailure?.(outcome.error);
    });
  });
}
