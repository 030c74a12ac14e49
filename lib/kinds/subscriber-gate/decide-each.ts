import { UserCallbackError } from '../../errors.js';
import type { TimedCancellation } from '../../engine/deadline.js';
import { isThenable } from '../../engine/thenable.js';
import type { SubscriberDecision } from './subscriber-decision.js';
import type { DecideSubscriber, DecisionContext } from '../../types.js';

function decisionOf(returned: unknown, subscriber: string): SubscriberDecision {
  if (returned === true) return 'allowed';
  if (returned === false) return 'refused';
  const error = new UserCallbackError(
    'ERR_DECIDE_RESULT_INVALID',
    `decide returned ${returned === null ? 'null' : typeof returned} for subscriber ${JSON.stringify(subscriber)}; ` +
      'it must return (or resolve to) true or false',
  );
  return { error, thrown: error };
}

function failure(thrown: unknown, subscriber: string): SubscriberDecision {
  const message = `decide failed for subscriber ${JSON.stringify(subscriber)}`;
  return { error: new UserCallbackError('ERR_DECIDE_FAILED', message, { cause: thrown }), thrown };
}

/**
 * Calls `decide` for each subscriber with at most `concurrency` calls in flight, until every
 * decision is in or `cancellation` fires; subscribers still waiting then are `timed-out` (those not
 * yet started are never started). When every `decide` answers synchronously the decisions come back
 * as they are, with no promise and no listener: the common case costs nothing asynchronous.
 */
export function decideEach(
  subscribers: readonly string[],
  decide: DecideSubscriber,
  context: DecisionContext,
  concurrency: number,
  cancellation: TimedCancellation,
): SubscriberDecision[] | Promise<SubscriberDecision[]> {
  const decisions: (SubscriberDecision | undefined)[] = new Array<SubscriberDecision | undefined>(
    subscribers.length,
  ).fill(undefined);
  let started = 0;
  let inFlight = 0;
  let settled = 0;
  let finished = false;
  let result: SubscriberDecision[] = [];
  let resolveLater: ((decisions: SubscriberDecision[]) => void) | undefined;
  let stopListening = (): void => undefined;

  const finish = (): void => {
    if (finished) return;
    finished = true;
    stopListening();
    result = decisions.map((decision) => decision ?? 'timed-out');
    resolveLater?.(result);
  };
  const record = (index: number, decision: SubscriberDecision): void => {
    if (finished) return;
    decisions[index] = decision;
    settled += 1;
    if (settled === subscribers.length) finish();
  };
  // `await` adopts any thenable and turns whatever it does (a throwing `then` getter, a promise
  // whose `constructor` getter throws) into a decision or a failure, never an unhandled rejection.
  const awaitDecision = async (index: number, subscriber: string, pending: PromiseLike<unknown>): Promise<void> => {
    let decision: SubscriberDecision;
    try {
      decision = decisionOf(await pending, subscriber);
    } catch (error) {
      decision = failure(error, subscriber);
    }
    inFlight -= 1;
    record(index, decision);
    startMore();
  };
  function startMore(): void {
    // The deadline's timer cannot fire while synchronous decisions run one after another, so the
    // clock is read before a call and after each synchronous one (the reading after one call serves
    // as the reading before the next): no call starts, and no answer counts, past the deadline.
    let clockRead = false;
    while (!finished && inFlight < concurrency && started < subscribers.length) {
      if (!clockRead && cancellation.cancelledNow()) return finish();
      clockRead = false;
      const index = started++;
      const subscriber = subscribers[index] as string;
      let decision: SubscriberDecision;
      try {
        const returned: unknown = decide(subscriber, context);
        // Reading `then` runs user code too, so it is inside the try.
        if (isThenable(returned)) {
          inFlight += 1;
          void awaitDecision(index, subscriber, returned);
          continue;
        }
        decision = decisionOf(returned, subscriber);
      } catch (error) {
        decision = failure(error, subscriber);
      }
      // An answer that came after the deadline is late like any other: the subscriber timed out.
      if (cancellation.cancelledNow()) return finish();
      clockRead = true;
      record(index, decision);
    }
  }

  if (subscribers.length === 0 || cancellation.cancelled) finish();
  else startMore();
  // startMore() may have finished everything through the closures above; TypeScript cannot see it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  if (finished) return result;
  // Something is pending: from here on the deadline or a gone client may end the wait.
  stopListening = cancellation.onCancel(finish);
  return new Promise((resolve) => (resolveLater = resolve));
}
