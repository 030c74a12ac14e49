import { decideBatch } from './decide-batch.js';
import type { TimedCancellation } from './deadline.js';
import { decideEach } from './decide-each.js';
import { UserCallbackError } from './errors.js';
import type { Outcome } from './outcome.js';
import { proceedReply, rejectReply } from './reply.js';
import type { ResolvedConfig } from './resolve-options.js';
import { settleBeforeAbort } from './settle-before-abort.js';
import type { DecisionContext, DecisionReport, TencentReply } from './types.js';

/** A reply to send and what to report about it once it is sent. */
export interface RequestVerdict {
  reply: TencentReply;
  report: Omit<DecisionReport, 'durationMs' | 'deadlineFired'>;
}

/** `rejectRequest` said no to the whole request, with this reason. */
interface Rejection {
  rejectedReason: string;
}

function distinctSubscribers(context: DecisionContext): string[] {
  const seen = new Set<string>();
  for (const entry of context.event.SubscribeAccountList) seen.add(entry.Subscriber_Account);
  return [...seen];
}

/** Decides every subscriber of one validated request: `rejectRequest` first, then the decisions. */
export function createRequestDecider(
  config: ResolvedConfig,
): (context: DecisionContext, cancellation: TimedCancellation) => Promise<RequestVerdict> {
  const { decider, rejectRequest, logger, concurrency } = config;
  let warnedAboutSilentErrors = false;

  function logFailure(error: UserCallbackError): void {
    logger.error(`beforeAddSubscriber: ${error.message}`, error);
    if (!config.loggerGiven && !warnedAboutSilentErrors) {
      warnedAboutSilentErrors = true;
      config.warn(
        'beforeAddSubscriber: a decision failed and was settled by `onError`. Pass a `logger` to see ' +
          'each failure (this warning is shown once).',
      );
    }
  }

  function allowAfterError(thrown: unknown, subscriber: string, context: DecisionContext): boolean {
    try {
      return config.allowOnError(thrown, subscriber, context) === true;
    } catch (policyError) {
      logFailure(
        new UserCallbackError('ERR_ON_ERROR_FAILED', 'onError threw; the subscriber is refused', {
          cause: policyError,
        }),
      );
      return false;
    }
  }

  async function outcomesFor(
    subscribers: string[],
    context: DecisionContext,
    cancellation: TimedCancellation,
  ): Promise<Outcome[] | Rejection> {
    if (rejectRequest) {
      const settled = await settleBeforeAbort(cancellation, () => rejectRequest(context));
      if ('aborted' in settled) return subscribers.map(() => 'timed-out');
      if ('error' in settled) {
        const error = new UserCallbackError('ERR_REJECT_REQUEST_FAILED', 'rejectRequest failed', {
          cause: settled.error,
        });
        return subscribers.map(() => ({ error, thrown: settled.error }));
      }
      const verdict: unknown = settled.value;
      if (typeof verdict === 'string' && verdict !== '') return { rejectedReason: verdict };
      // Anything but a reason or nothing is a bug in the check, and a gate must not fail open on it.
      if (!(verdict === '' || verdict === false || verdict === null || verdict === undefined)) {
        const error = new UserCallbackError(
          'ERR_REJECT_REQUEST_RESULT_INVALID',
          `rejectRequest returned ${typeof verdict}; return a reason (a string) to reject, or nothing to go on`,
        );
        return subscribers.map(() => ({ error, thrown: error }));
      }
    }
    return decider.kind === 'each'
      ? decideEach(subscribers, decider.decide, context, concurrency, cancellation)
      : decideBatch(subscribers, decider.decideBatch, context, cancellation);
  }

  return async function decideRequest(context, cancellation) {
    const subscribers = distinctSubscribers(context);
    const report: RequestVerdict['report'] = {
      officialAccount: context.event.Official_Account,
      operator: context.event.Operator_Account,
      asked: subscribers.length,
      allowed: 0,
      refused: 0,
      timedOut: 0,
      errored: 0,
      refusedSubscribers: [],
      rejectedReason: undefined,
    };
    // An empty list has nothing to add, so there is nothing to ask the user's code about.
    const outcomes = subscribers.length === 0 ? [] : await outcomesFor(subscribers, context, cancellation);
    if (!Array.isArray(outcomes)) {
      report.rejectedReason = outcomes.rejectedReason;
      return { reply: rejectReply(outcomes.rejectedReason), report };
    }

    // One failure shared by many subscribers (decideBatch, rejectRequest) is logged once.
    const logged = new Set<UserCallbackError>();
    outcomes.forEach((outcome, index) => {
      const subscriber = subscribers[index] as string;
      let allowed: boolean;
      if (outcome === 'allowed' || outcome === 'refused') {
        allowed = outcome === 'allowed';
      } else if (outcome === 'timed-out') {
        report.timedOut += 1;
        allowed = config.allowOnTimeout;
      } else {
        report.errored += 1;
        if (!logged.has(outcome.error)) {
          logged.add(outcome.error);
          logFailure(outcome.error);
        }
        allowed = allowAfterError(outcome.thrown, subscriber, context);
      }
      if (allowed) report.allowed += 1;
      else report.refusedSubscribers.push(subscriber);
    });
    report.refused = report.refusedSubscribers.length;
    return { reply: proceedReply(report.refusedSubscribers), report };
  };
}
