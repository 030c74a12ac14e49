import type { CommandRunner, HandlerResult } from '../engine/command-runner.js';
import type { CommandSpec } from '../engine/command-spec.js';
import { createFailureLogger } from '../engine/handler-failures.js';
import { isFunction, misconfigured, type SharedConfig } from '../engine/resolve-shared-options.js';
import { settleBeforeAbort, type Settled } from '../engine/settle-before-abort.js';
import { createEventValidator } from '../engine/validate-event.js';
import { UserCallbackError } from '../errors.js';
import { acknowledgement, refusal } from '../protocol/reply.js';
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

/**
 * An After-callback: Tencent ignores the reply, so the plain `OK` goes as soon as the handler
 * settles or the deadline passes, whichever is first; the handler goes on in the background after
 * the deadline (its signal aborts). A failure is logged with its cause and answered `ErrorCode: 1`
 * in a 200 reply: a 500 would only count as a failed callback in Tencent's statistics.
 */
export function createNotification(
  spec: CommandSpec,
  handler: unknown,
  config: SharedConfig,
  where: string,
): CommandRunner {
  if (!isFunction(handler)) misconfigured(where, 'must be a function (event, context) => void, or async.');
  return {
    command: spec.command,
    timeoutMs: config.timeoutMs,
    validate: createEventValidator(spec.schema),
    run: runFunctionHandler(spec.command, handler, config, (settled) => ({
      reply: 'error' in settled ? refusal() : acknowledgement(),
    })),
  };
}
