import type { CommandRunner, HandlerResult } from '../engine/command-runner.js';
import type { CommandSpec } from '../engine/command-spec.js';
import { createFailureLogger } from '../engine/handler-failures.js';
import { isFunction, misconfigured, type SharedConfig } from '../engine/resolve-shared-options.js';
import { createEventValidator } from '../engine/validate-event.js';
import { UserCallbackError } from '../errors.js';
import { isThenable } from '../engine/thenable.js';
import { acknowledgement } from '../protocol/reply.js';
import type { TencentReply } from '../types.js';
import type { Deadline } from '../engine/deadline.js';

/** What a handler's run came to: it finished, it failed with this, or the deadline came first. */
export type HandlerEnd = { value: unknown } | { error: unknown } | 'deadline';

/**
 * Runs a handler and waits for it no longer than the deadline. A failure that comes after the
 * deadline (the reply has gone) is handed to `onLateFailure`, never left unhandled.
 */
export function runHandler(
  call: () => unknown,
  deadline: Deadline,
  onLateFailure: (error: unknown) => void,
): HandlerEnd | Promise<HandlerEnd> {
  let pending: PromiseLike<unknown>;
  try {
    const value = call();
    if (!isThenable(value)) return { value };
    pending = value;
  } catch (error) {
    return { error };
  }
  return new Promise((resolve) => {
    let replied = false;
    const stopListening = deadline.onCancel(() => {
      replied = true;
      resolve('deadline');
    });
    // `await` adopts any thenable, and turns a throwing `then` getter into a rejection.
    const settle = async (): Promise<void> => {
      try {
        const value: unknown = await pending;
        stopListening();
        if (!replied) resolve({ value });
      } catch (error) {
        stopListening();
        if (replied) onLateFailure(error);
        else resolve({ error });
      }
    };
    void settle();
  });
}

/** The reply to a handler that failed: `ErrorCode: 1`, which refuses a Before-callback of another family. */
export function handlerFailedReply(): TencentReply {
  return { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'ERR_HANDLER_FAILED: the handler failed' };
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
  const logFailure = createFailureLogger(config);
  const failed = (cause: unknown): UserCallbackError =>
    new UserCallbackError('ERR_HANDLER_FAILED', `the handler of ${spec.command} failed`, { cause });
  const onLateFailure = (cause: unknown): void => logFailure(failed(cause));

  function reply(end: HandlerEnd): HandlerResult {
    if (end === 'deadline') {
      config.logger.warn(
        `${config.entry}: the handler of ${spec.command} was still running at the deadline; acknowledged`,
      );
      return { reply: acknowledgement() };
    }
    if ('error' in end) {
      logFailure(failed(end.error));
      return { reply: handlerFailedReply() };
    }
    return { reply: acknowledgement() };
  }

  return {
    command: spec.command,
    timeoutMs: config.timeoutMs,
    validate: createEventValidator(spec.schema),
    run: (context, deadline) => {
      const end = runHandler(() => handler(context.event as never, context as never), deadline, onLateFailure);
      return end instanceof Promise ? end.then(reply) : reply(end);
    },
  };
}
