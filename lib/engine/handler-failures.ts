import { UserCallbackError } from '../errors.js';
import type { SharedConfig } from './resolve-shared-options.js';

/**
 * Logs a failure of the user's code with its cause. Without a logger, failures would vanish: a
 * one-time warning says so and how to see them.
 */
export function createFailureLogger(config: SharedConfig): (error: UserCallbackError) => void {
  let warnedAboutSilentFailures = false;
  return (error) => {
    config.logger.error(`${config.entry}: ${error.message}`, error);
    if (!config.loggerGiven && !warnedAboutSilentFailures) {
      warnedAboutSilentFailures = true;
      config.warn(
        `${config.entry}: a handler failed and was settled by its failure policy (\`onError\`). Pass a \`logger\` to see ` +
          'each failure (this warning is shown once).',
      );
    }
  };
}

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
    return policy() === true;
  } catch (policyError) {
    logFailure(
      new UserCallbackError('ERR_ON_ERROR_FAILED', `onError threw; ${what} is refused`, { cause: policyError }),
    );
    return false;
  }
}
