import type { CommandRunner, HandlerResult } from './command-runner.js';
import { createFailureLogger } from './handler-failures.js';
import type { SharedConfig } from './resolve-shared-options.js';
import { settleBeforeAbort, type Settled } from './settle-before-abort.js';
import { UserCallbackError } from '../errors.js';
import type { CallbackContext } from '../types.js';

/** Runs a function handler under the deadline; the reply is built from how it ended. */
export function runFunctionHandler(
  command: string,
  handler: (event: never, context: never) => unknown,
  config: SharedConfig,
  replyFor: (settled: Settled<unknown>) => HandlerResult,
): CommandRunner['run'] {
  const logFailure = createFailureLogger(config);
  const onLateFailure = (cause: unknown): void => logFailure(handlerFailed(command, cause));
  return (context: CallbackContext<unknown>, deadline) =>
    settleBeforeAbort(deadline, () => handler(context.event as never, context as never), onLateFailure).then(
      (settled) => {
        if ('error' in settled) logFailure(handlerFailed(command, settled.error));
        if ('aborted' in settled && deadline.cause === 'deadline') {
          config.logger.warn(`${config.entry}: the handler of ${command} did not finish before the deadline`);
        }
        return replyFor(settled);
      },
    );
}

/** What a handler's failure is logged as. */
export function handlerFailed(command: string, cause: unknown): UserCallbackError {
  return new UserCallbackError('ERR_HANDLER_FAILED', `the handler of ${command} failed`, { cause });
}
