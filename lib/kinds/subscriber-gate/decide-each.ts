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
 * yet started are never started). While every `decide` answers synchronously this is a plain loop:
 * no promise, no closure, no listener. The first thenable hands the rest over to
 * {@link decideConcurrently}.
 */
export function decideEach(
  subscribers: readonly string[],
  decide: DecideSubscriber,
  context: DecisionContext,
  concurrency: number,
  cancellation: TimedCancellation,
  onLateFailure?: (error: unknown) => void,
): SubscriberDecision[] | Promise<SubscriberDecision[]> {
  const decisions: SubscriberDecision[] = [];
  // The deadline's timer cannot fire while synchronous decisions run one after another, so the
  // clock is read before the first call and after each one (the reading after one call serves as
  // the reading before the next): no call starts, and no answer counts, past the deadline.
  if (cancellation.cancelledNow()) return timedOutFrom(decisions, subscribers.length);
  for (const subscriber of subscribers) {
    let decision: SubscriberDecision;
    try {
      const returned: unknown = decide(subscriber, context);
      // Reading `then` runs user code too, so it is inside the try.
      if (isThenable(returned)) {
        return decideConcurrently(
          subscribers,
          decide,
          context,
          concurrency,
          cancellation,
          decisions,
          returned,
          onLateFailure,
        );
      }
      decision = decisionOf(returned, subscriber);
    } catch (error) {
      decision = failure(error, subscriber);
    }
    // An answer that came after the deadline is late like any other: the subscriber timed out.
    if (cancellation.cancelledNow()) return timedOutFrom(decisions, subscribers.length);
    decisions.push(decision);
  }
  return decisions;
}

/** `decisions`, completed to `count` with `timed-out`. */
function timedOutFrom(decisions: SubscriberDecision[], count: number): SubscriberDecision[] {
  while (decisions.length < count) decisions.push('timed-out');
  return decisions;
}

/**
 * The rest of {@link decideEach} once a `decide` call returned a thenable: `decided` holds the
 * decisions before it, and `pending` is the answer of the subscriber right after them.
 */
function decideConcurrently(
  subscribers: readonly string[],
  decide: DecideSubscriber,
  context: DecisionContext,
  concurrency: number,
  cancellation: TimedCancellation,
  decided: readonly SubscriberDecision[],
  pending: PromiseLike<unknown>,
  onLateFailure: ((error: unknown) => void) | undefined,
): SubscriberDecision[] | Promise<SubscriberDecision[]> {
  const decisions: (SubscriberDecision | undefined)[] = [...decided];
  let started = decided.length + 1;
  let inFlight = 0;
  let settled = decided.length;
  let finished = false;
  let resolveLater!: (decisions: SubscriberDecision[]) => void;
  const result = new Promise<SubscriberDecision[]>((resolve) => (resolveLater = resolve));
  let stopListening = (): void => undefined;
  let complete: SubscriberDecision[] = [];

  // Called again only when a cancellation fires inside a `decide` call: then it changes nothing.
  const finish = (): void => {
    finished = true;
    stopListening();
    complete = [];
    for (let index = 0; index < subscribers.length; index += 1) complete.push(decisions[index] ?? 'timed-out');
    resolveLater(complete);
  };
  const record = (index: number, decision: SubscriberDecision): void => {
    if (finished) return;
    decisions[index] = decision;
    settled += 1;
    if (settled === subscribers.length) finish();
  };
  // `await` adopts any thenable and turns whatever it does (a throwing `then` getter, a promise
  // whose `constructor` getter throws) into a decision or a failure, never an unhandled rejection.
  const awaitDecision = async (index: number, subscriber: string, answer: PromiseLike<unknown>): Promise<void> => {
    let decision: SubscriberDecision;
    try {
      decision = decisionOf(await answer, subscriber);
    } catch (error) {
      // The reply may have gone already; a failure then is still reported, never swallowed.
      if (finished) onLateFailure?.(error);
      decision = failure(error, subscriber);
    }
    inFlight -= 1;
    record(index, decision);
    startMore();
  };
  function startMore(): void {
    // As in decideEach: the clock is read before a call and after each synchronous one.
    let clockRead = false;
    while (!finished && inFlight < concurrency && started < subscribers.length) {
      if (!clockRead && cancellation.cancelledNow()) return finish();
      clockRead = false;
      const index = started++;
      const subscriber = subscribers[index] as string;
      let decision: SubscriberDecision;
      try {
        const returned: unknown = decide(subscriber, context);
        if (isThenable(returned)) {
          inFlight += 1;
          void awaitDecision(index, subscriber, returned);
          continue;
        }
        decision = decisionOf(returned, subscriber);
      } catch (error) {
        decision = failure(error, subscriber);
      }
      if (cancellation.cancelledNow()) return finish();
      clockRead = true;
      record(index, decision);
    }
  }

  inFlight += 1;
  void awaitDecision(decided.length, subscribers[decided.length] as string, pending);
  startMore();
  // A client that went away inside the last call, one that returned a thenable, fired the
  // cancellation before anything listened to it, and no loop turn is left to read it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  if (!finished && cancellation.cancelled) finish();
  // The deadline passed or the client went away while the first calls ran (through the closures
  // above, which TypeScript cannot see): the decisions are complete now, as they are.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  if (finished) return complete;
  // From here on the deadline or a gone client may end the wait.
  stopListening = cancellation.onCancel(finish);
  return result;
}
