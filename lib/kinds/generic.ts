import type { CommandRunner, HandlerResult } from '../engine/command-runner.js';
import { createFailureLogger } from '../engine/handler-failures.js';
import { isFunction, misconfigured, type SharedConfig } from '../engine/resolve-shared-options.js';
import { createEventValidator } from '../engine/validate-event.js';
import { UserCallbackError } from '../errors.js';
import { acknowledgement } from '../protocol/reply.js';
import type { TencentReply } from '../types.js';
import { handlerFailedReply, runHandler, type HandlerEnd } from './notification.js';

/** A command of another family is checked only for being an object that names its command. */
export const genericEventSchema = {
  $id: 'https://github.com/express-tencent-chat-webhook/schemas/generic-event.json',
  type: 'object',
  required: ['CallbackCommand'],
  properties: { CallbackCommand: { type: 'string', minLength: 1 } },
} as const;

const TIMED_OUT_REPLY: TencentReply = {
  ActionStatus: 'FAIL',
  ErrorCode: 1,
  ErrorInfo: 'ERR_HANDLER_TIMEOUT: the handler did not finish before the deadline',
};

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a returned reply cannot be sent, or `undefined` when it can. */
function replyProblem(reply: Readonly<Record<string, unknown>>): string | undefined {
  const { ActionStatus: status, ErrorCode: code, ErrorInfo: info } = reply;
  if (status !== undefined && status !== 'OK' && status !== 'FAIL') return "ActionStatus must be 'OK' or 'FAIL'";
  if (code !== undefined && !Number.isInteger(code)) return 'ErrorCode must be an integer';
  if (info !== undefined && typeof info !== 'string') return 'ErrorInfo must be a string';
  return undefined;
}

/**
 * A command of a family this package has no spec for yet (C2C, Group, Sns…): the handler gets the
 * parsed body and may return the reply's fields. We cannot tell a Before- from an After-callback
 * here, so a failure or a timeout is answered `ErrorCode: 1` in a 200 reply: a Before-callback is
 * refused rather than let through, and Tencent ignores it for an After-callback.
 */
export function createGenericCommand(
  command: string,
  handler: unknown,
  config: SharedConfig,
  where: string,
): CommandRunner {
  if (!isFunction(handler)) misconfigured(where, 'must be a function (event, context) => reply fields or nothing.');
  const logFailure = createFailureLogger(config);
  const failed = (cause: unknown): UserCallbackError =>
    new UserCallbackError('ERR_HANDLER_FAILED', `the handler of ${command} failed`, { cause });
  const onLateFailure = (cause: unknown): void => logFailure(failed(cause));

  function invalidResult(message: string, cause?: unknown): HandlerResult {
    logFailure(new UserCallbackError('ERR_HANDLER_RESULT_INVALID', `the handler of ${command} ${message}`, { cause }));
    return { reply: handlerFailedReply() };
  }

  function readResult(value: unknown): HandlerResult {
    if (value === undefined) return { reply: acknowledgement() };
    // A copy through JSON runs the user's getters (and a revoked Proxy's traps) once, here, inside
    // the failure policy, and leaves plain data to send.
    let copy: unknown;
    try {
      copy = isPlainObject(value) ? JSON.parse(JSON.stringify(value)) : undefined;
    } catch (error) {
      return invalidResult('returned a reply that cannot be written as JSON', error);
    }
    if (!isPlainObject(copy)) return invalidResult('must return nothing or an object of reply fields');
    const problem = replyProblem(copy);
    if (problem !== undefined) return invalidResult(`returned a reply whose ${problem}`);
    return { reply: { ...acknowledgement(), ...copy } };
  }

  function reply(end: HandlerEnd): HandlerResult {
    if (end === 'deadline') {
      config.logger.warn(`${config.entry}: the handler of ${command} was still running at the deadline`);
      return { reply: TIMED_OUT_REPLY };
    }
    if ('error' in end) {
      logFailure(failed(end.error));
      return { reply: handlerFailedReply() };
    }
    return readResult(end.value);
  }

  return {
    command,
    timeoutMs: config.timeoutMs,
    validate: createEventValidator(genericEventSchema),
    run: (context, deadline) => {
      const end = runHandler(() => handler(context.event as never, context as never), deadline, onLateFailure);
      return end instanceof Promise ? end.then(reply) : reply(end);
    },
  };
}
