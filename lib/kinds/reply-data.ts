import type { CommandRunner } from '../engine/command-runner.js';
import { createFailureLogger } from '../engine/handler-failures.js';
import { isFunction, misconfigured, type SharedConfig } from '../engine/resolve-shared-options.js';
import { runFunctionHandler } from '../engine/run-function-handler.js';
import { eventValidator } from '../engine/validate-event.js';
import { UserCallbackError } from '../errors.js';
import type { CommandRules } from '../commands/define.js';
import { MESSAGE_MAX_BYTES } from '../protocol/constants.js';
import { reasonText, refusal } from '../protocol/reply.js';

const UTF8 = new TextEncoder();

/**
 * A command whose reply carries the handler's data back (`Chatbot.OnC2CSignalMessage`): the string
 * the handler returns goes in the definition's `replyField` with `ErrorCode` 0. A failure, a value
 * that is not a string (or one larger than a message may be), or the deadline is answered
 * `ErrorCode: 1`, which Tencent reads as a failure and for which it ignores the data.
 */
export function createReplyData(
  definition: Extract<CommandRules, { kind: 'reply-data' }>,
  handler: unknown,
  config: SharedConfig,
  where: string,
): CommandRunner {
  if (!isFunction(handler)) misconfigured(where, 'must be a function (event, context) => string, or async.', handler);
  const logFailure = createFailureLogger(config);
  const { command, replyField } = definition;

  function invalid(message: string) {
    logFailure(new UserCallbackError('ERR_HANDLER_RESULT_INVALID', `the handler of ${command} ${message}`));
    return { reply: refusal() };
  }

  return {
    command,
    timeoutMs: config.timeoutMs,
    validate: eventValidator(definition.command),
    run: runFunctionHandler(command, handler, config, (settled) => {
      if (!('value' in settled)) return { reply: refusal() };
      const data = settled.value;
      if (typeof data !== 'string')
        return invalid(`returned ${data === null ? 'null' : typeof data}; it must return a string`);
      const bytes = UTF8.encode(data).length;
      if (bytes > MESSAGE_MAX_BYTES)
        return invalid(`returned ${bytes} bytes; Tencent takes at most ${MESSAGE_MAX_BYTES}`);
      return { reply: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', [replyField]: data } };
    }),
    refuse: (error) => ({ reply: refusal(reasonText(error)) }),
  };
}
