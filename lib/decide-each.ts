import { UserCallbackError } from './errors.js';
import type { TimedCancellation } from './deadline.js';
import { isThenable, type Outcome } from './outcome.js';
import type { DecideSubscriber, DecisionContext } from './types.js';

function outcomeOf(verdict: unknown, subscriber: string): Outcome {
  if (verdict === true) return 'allowed';
  if (verdict === false) return 'refused';
  const error = new UserCallbackError(
    'ERR_DECIDE_RESULT_INVALID',
    `decide returned ${verdict === null ? 'null' : typeof verdict} for subscriber ${JSON.stringify(subscriber)}; ` +
      'it must return (or resolve to) true or false',
  );
  return { error, thrown: error };
}

function failure(thrown: unknown, subscriber: string): Outcome {
  const message = `decide failed for subscriber ${JSON.stringify(subscriber)}`;
  return { error: new UserCallbackError('ERR_DECIDE_FAILED', message, { cause: thrown }), thrown };
}

/**
 * Calls `decide` for each subscriber with at most `concurrency` calls in flight, and resolves
 * once every outcome is in or `cancellation` fires; subscribers still waiting then are
 * `timed-out` (those not yet started are never started). Synchronous verdicts cost no promise.
 */
export function decideEach(
  subscribers: readonly string[],
  decide: DecideSubscriber,
  context: DecisionContext,
  concurrency: number,
  cancellation: TimedCancellation,
): Promise<Outcome[]> {
  const outcomes: (Outcome | undefined)[] = new Array<Outcome | undefined>(subscribers.length).fill(undefined);
  let started = 0;
  let inFlight = 0;
  let settled = 0;
  let finished = false;

  return new Promise((resolve) => {
    let stopListening = (): void => undefined;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      stopListening();
      resolve(outcomes.map((outcome) => outcome ?? 'timed-out'));
    };
    const record = (index: number, outcome: Outcome): void => {
      if (finished) return;
      outcomes[index] = outcome;
      settled += 1;
      if (settled === subscribers.length) finish();
    };
    // `await` adopts any thenable and turns whatever it does (a throwing `then` getter, a promise
    // whose `constructor` getter throws) into a verdict or a failure, never an unhandled rejection.
    const awaitVerdict = async (index: number, subscriber: string, pending: PromiseLike<unknown>): Promise<void> => {
      let outcome: Outcome;
      try {
        outcome = outcomeOf(await pending, subscriber);
      } catch (error) {
        outcome = failure(error, subscriber);
      }
      inFlight -= 1;
      record(index, outcome);
      startMore();
    };
    const startMore = (): void => {
      while (!finished && inFlight < concurrency && started < subscribers.length) {
        // The deadline's timer cannot fire while synchronous decisions run one after another.
        if (cancellation.cancelledNow()) return finish();
        const index = started++;
        const subscriber = subscribers[index] as string;
        let verdict: unknown;
        try {
          verdict = decide(subscriber, context);
          // Reading `then` runs user code too, so it is inside the try.
          if (isThenable(verdict)) {
            inFlight += 1;
            void awaitVerdict(index, subscriber, verdict);
            continue;
          }
        } catch (error) {
          record(index, failure(error, subscriber));
          continue;
        }
        record(index, outcomeOf(verdict, subscriber));
      }
    };

    if (subscribers.length === 0 || cancellation.cancelled) return finish();
    // finish() stops this listener, so it can only run while decisions are pending.
    stopListening = cancellation.onCancel(finish);
    startMore();
  });
}
