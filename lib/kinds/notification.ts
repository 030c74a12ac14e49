import type { CommandRunner } from '../engine/command-runner.js';
import type { CommandRules } from '../commands/define.js';
import { isFunction, misconfigured, type SharedConfig } from '../engine/resolve-shared-options.js';
import { runFunctionHandler } from '../engine/run-function-handler.js';
import { eventValidator } from '../engine/validate-event.js';
import { acknowledgement, reasonText, refusal } from '../protocol/reply.js';

/**
 * An After-callback, alarm or batch: Tencent ignores the reply, so the plain `OK` goes as soon as the handler
 * settles or the deadline passes, whichever is first; the handler goes on in the background after
 * the deadline (its signal aborts). A failure is logged with its cause and answered `ErrorCode: 1`
 * in a 200 reply: a 500 would only count as a failed callback in Tencent's statistics.
 */
export function createNotification(
  definition: Extract<CommandRules, { kind: 'notification' }>,
  handler: unknown,
  config: SharedConfig,
  where: string,
): CommandRunner {
  if (!isFunction(handler)) misconfigured(where, 'must be a function (event, context) => void, or async.', handler);
  return {
    command: definition.command,
    timeoutMs: config.timeoutMs,
    validate: eventValidator(definition.command),
    run: runFunctionHandler(definition.command, handler, config, (settled) => ({
      reply: 'error' in settled ? refusal() : acknowledgement(),
    })),
    refuse: (error) => ({ reply: refusal(reasonText(error)) }),
  };
}
