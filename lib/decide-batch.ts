import { UserCallbackError } from './errors.js';
import type { Outcome } from './outcome.js';
import { settleBeforeAbort } from './settle-before-abort.js';
import type { DecideSubscriberBatch, DecisionContext } from './types.js';

function isIterableOfStrings(value: unknown): value is Iterable<string> {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') return false;
  for (const item of value as Iterable<unknown>) if (typeof item !== 'string') return false;
  return true;
}

/** Calls `decideBatch` once for the whole list, bound by the context's signal like `decide`. */
export async function decideBatch(
  subscribers: readonly string[],
  decide: DecideSubscriberBatch,
  context: DecisionContext,
): Promise<Outcome[]> {
  const settled = await settleBeforeAbort(context.signal, () => decide(subscribers, context));
  if ('aborted' in settled) return subscribers.map(() => 'timed-out');
  if ('error' in settled) {
    const error = new UserCallbackError('ERR_DECIDE_FAILED', 'decideBatch failed', { cause: settled.error });
    return subscribers.map(() => ({ error }));
  }
  if (!isIterableOfStrings(settled.value)) {
    const error = new UserCallbackError(
      'ERR_DECIDE_RESULT_INVALID',
      'decideBatch must return (or resolve to) an array or other iterable of the UserIDs to refuse',
    );
    return subscribers.map(() => ({ error }));
  }
  const refused = new Set(settled.value);
  return subscribers.map((subscriber) => (refused.has(subscriber) ? 'refused' : 'allowed'));
}
