import type { CommandRunner, HandlerResult } from '../engine/command-runner.js';
import { createFailureLogger } from '../engine/handler-failures.js';
import { isPlainObject } from '../engine/plain-object.js';
import { isFunction, misconfigured, type SharedConfig } from '../engine/resolve-shared-options.js';
import { validateGenericEvent } from '../engine/validate-event.js';
import { UserCallbackError } from '../errors.js';
import { acknowledgement, reasonText, refusal } from '../protocol/reply.js';
import { runFunctionHandler } from '../engine/run-function-handler.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Why a returned reply cannot be sent (what follows "returned …"), or `undefined` when it can. */
function replyProblem(reply: Readonly<Record<string, unknown>>): string | undefined {
  // A gate's decision returned where reply fields are expected would otherwise be merged over an
  // `ErrorCode: 0` and allow what it meant to refuse.
  if ('reject' in reply || 'modify' in reply) {
    return '{ reject } or { modify }, which only typed gates take; return reply fields such as { ErrorCode: 1 }';
  }
  const { ActionStatus: status, ErrorCode: code, ErrorInfo: info } = reply;
  if (status !== undefined && status !== 'OK' && status !== 'FAIL')
    return "a reply whose ActionStatus is not 'OK' or 'FAIL'";
  if (
    code !== undefined &&
    !(Number.isInteger(code) && (code as number) >= INT32_MIN && (code as number) <= INT32_MAX)
  ) {
    return 'a reply whose ErrorCode is not a 32-bit integer';
  }
  if (info !== undefined && typeof info !== 'string') return 'a reply whose ErrorInfo is not a string';
  return undefined;
}

/**
 * A command the registry does not have (one Tencent adds after this release, given in `generic`, or
 * a key of a family the package does not know): the handler gets the parsed body and may return the
 * reply's fields. We cannot tell a Before- from an After-callback
 * here, so a failure, a reply that cannot be sent, or a timeout is answered `ErrorCode: 1` in a
 * 200 reply: a Before-callback is refused rather than let through, and Tencent ignores it for an
 * After-callback.
 */
export function createGenericCommand(
  command: string,
  handler: unknown,
  config: SharedConfig,
  where: string,
): CommandRunner {
  if (!isFunction(handler)) {
    misconfigured(where, 'must be a function (event, context) => reply fields or nothing.', handler);
  }
  const logFailure = createFailureLogger(config);

  function invalidResult(message: string, cause?: unknown): HandlerResult {
    logFailure(new UserCallbackError('ERR_HANDLER_RESULT_INVALID', `the handler of ${command} ${message}`, { cause }));
    return { reply: refusal() };
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
    if (!isPlainObject(copy)) return invalidResult('must return nothing or a plain object of reply fields');
    const problem = replyProblem(copy);
    if (problem !== undefined) return invalidResult(`returned ${problem}`);
    return { reply: { ...acknowledgement(), ...copy } };
  }

  return {
    command,
    timeoutMs: config.timeoutMs,
    validate: validateGenericEvent,
    run: runFunctionHandler(command, handler, config, (settled) =>
      'value' in settled ? readResult(settled.value) : { reply: refusal() },
    ),
    refuse: (error) => ({ reply: refusal(reasonText(error)) }),
  };
}
