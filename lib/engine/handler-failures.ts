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
