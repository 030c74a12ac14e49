import { UserCallbackError } from './errors.js';
import type { Cancellation } from './deadline.js';
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
  cancellation: Cancellation,
): Promise<Outcome[]> {
  const outcomes: (Outcome | undefined)[] = new Array<Outcome | undefined>(subscribers.length).fill(undefined);
  let started = 0;
  let inFlight = 0;
  let settled = 0;
  let finished = false;

  return new Promise((resolve) => {
    let stopListening = (): void => undefined;
    const finish = (): void => {
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
    const startMore = (): void => {
      while (!finished && inFlight < concurrency && started < subscribers.length) {
        const index = started++;
        const subscriber = subscribers[index] as string;
        let verdict: boolean | Promise<boolean>;
        try {
          verdict = decide(subscriber, context);
        } catch (error) {
          record(index, failure(error, subscriber));
          continue;
        }
        if (!isThenable(verdict)) {
          record(index, outcomeOf(verdict, subscriber));
          continue;
        }
        inFlight += 1;
        // Promise.resolve adopts any thenable, so even one whose `then` throws ends up handled here.
        Promise.resolve(verdict).then(
          (value) => {
            inFlight -= 1;
            record(index, outcomeOf(value, subscriber));
            startMore();
          },
          (error: unknown) => {
            inFlight -= 1;
            record(index, failure(error, subscriber));
            startMore();
          },
        );
      }
    };

    if (subscribers.length === 0 || cancellation.cancelled) return finish();
    // finish() stops this listener, so it can only run while decisions are pending.
    stopListening = cancellation.onCancel(finish);
    startMore();
  });
}
