import { UserCallbackError } from '../errors.js';
import type { SharedConfig } from './resolve-shared-options.js';
import { isThenable } from './thenable.js';

/**
 * Logs a failure of the user's code with its cause. Without a logger, failures would vanish: a
 * one-time warning says so and how to see them.
 */
export function createFailureLogger(config: SharedConfig): (error: UserCallbackError) => void {
  return (error) => {
    config.logger.error(`${config.entry}: ${error.message}`, error);
    // Once per router or middleware, whichever of its handlers fails first.
    if (!config.loggerGiven && !warnedConfigs.has(config)) {
      warnedConfigs.add(config);
      config.warn(
        `${config.entry}: a handler failed, and the reply followed its failure policy. Pass a \`logger\` ` +
          'to see each failure (this warning is shown once).',
      );
    }
  };
}

const warnedConfigs = new WeakSet<SharedConfig>();

/**
 * Settles an `onError` function's answer: anything but `true` refuses, and a function that throws
 * refuses too, since a gate must not fail open on a bug in its own failure policy.
 */
export function allowedAfterError(
  policy: () => unknown,
  logFailure: (error: UserCallbackError) => void,
  what: string,
): boolean {
  try {
    const answer = policy();
    // An async onError cannot answer in time; its rejection must still never go unhandled.
    if (isThenable(answer)) {
      Promise.resolve(answer).catch((policyError: unknown) =>
        logFailure(new UserCallbackError('ERR_ON_ERROR_FAILED', 'onError failed', { cause: policyError })),
      );
      logFailure(
        new UserCallbackError(
          'ERR_ON_ERROR_FAILED',
          `onError returned a promise; it must return a boolean, so ${what} is refused`,
        ),
      );
      return false;
    }
    return answer === true;
  } catch (policyError) {
    logFailure(
      new UserCallbackError('ERR_ON_ERROR_FAILED', `onError threw; ${what} is refused`, { cause: policyError }),
    );
    return false;
  }
}

/**
 * Reports the first failure of a request's decisions that comes after the deadline, once per
 * request, at warn: the reply has gone, but whoever runs the app must hear that a decision failed.
 * Make one per request.
 */
export function lateFailureReporter(
  log: Pick<SharedConfig, 'logger' | 'entry'>,
  command: string,
): (error: unknown) => void {
  let reported = false;
  return (cause) => {
    if (reported) return;
    reported = true;
    log.logger.warn(
      `${log.entry}: a decision for ${command} failed after the deadline`,
      new UserCallbackError('ERR_DECIDE_FAILED', 'a decision failed after the deadline', { cause }),
    );
  };
}

/** The one warn line of a request whose item decisions did not all come before the deadline. */
export function warnDecisionsTimedOut(
  log: Pick<SharedConfig, 'logger' | 'entry'>,
  command: string,
  counts: { timedOut: number; asked: number },
  allowed: boolean,
): void {
  log.logger.warn(
    `${log.entry}: ${counts.timedOut} of ${counts.asked} decision(s) for ${command} did not come before the deadline; onTimeout ${allowed ? 'allowed' : 'refused'} them`,
  );
}
