import type { Cancellation } from './deadline.js';
import { UserCallbackError } from './errors.js';
import type { Outcome } from './outcome.js';
import { settleBeforeAbort } from './settle-before-abort.js';
import type { DecideSubscriberBatch, DecisionContext } from './types.js';

/** The refused UserIDs, read once (a generator can only be read once), or undefined if not strings. */
function refusedList(value: unknown): string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') return undefined;
  const items = Array.from(value as Iterable<unknown>);
  return items.every((item) => typeof item === 'string') ? items : undefined;
}

/** Calls `decideBatch` once for the whole list, bound by the same cancellation as `decide`. */
export async function decideBatch(
  subscribers: readonly string[],
  decide: DecideSubscriberBatch,
  context: DecisionContext,
  cancellation: Cancellation,
): Promise<Outcome[]> {
  const settled = await settleBeforeAbort(cancellation, () => decide(subscribers, context));
  if ('aborted' in settled) return subscribers.map(() => 'timed-out');
  if ('error' in settled) {
    const error = new UserCallbackError('ERR_DECIDE_FAILED', 'decideBatch failed', { cause: settled.error });
    return subscribers.map(() => ({ error, thrown: settled.error }));
  }
  const list = refusedList(settled.value);
  if (!list) {
    const error = new UserCallbackError(
      'ERR_DECIDE_RESULT_INVALID',
      'decideBatch must return (or resolve to) an array or other iterable of the UserIDs to refuse',
    );
    return subscribers.map(() => ({ error, thrown: error }));
  }
  const refused = new Set(list);
  return subscribers.map((subscriber) => (refused.has(subscriber) ? 'refused' : 'allowed'));
}
