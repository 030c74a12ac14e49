import type { CommandRunner, HandlerResult } from '../engine/command-runner.js';
import { allowedAfterError, createFailureLogger } from '../engine/handler-failures.js';
import { isFunction, misconfigured, type SharedConfig } from '../engine/resolve-shared-options.js';
import { eventValidator, validateMsgBody, type EventValidator } from '../engine/validate-event.js';
import { UserCallbackError } from '../errors.js';
import { MESSAGE_ELEMENT_TYPES } from '../commands/shared/schemas.js';
import type { CodeRange, CommandRules } from '../commands/define.js';

type MessageGateRules = Extract<CommandRules, { kind: 'message-gate' }>;
type ActionGateRules = Extract<CommandRules, { kind: 'action-gate' }>;
import { MESSAGE_MAX_BYTES } from '../protocol/constants.js';
import { readRejection } from './read-rejection.js';
import { acknowledgement, reasonText, refusal } from '../protocol/reply.js';
import { isPlainObject } from '../engine/plain-object.js';
import { quoted } from '../engine/log-lines.js';
import { GATE_OPTIONS, namesOf } from '../engine/option-table.js';
import { settleBeforeAbort } from '../engine/settle-before-abort.js';
import type { CallbackContext, TencentReply } from '../types.js';
import type { GateDecisionReport } from '../handlers.js';
import {
  checkHandlerObject,
  resolveCommandTimeout,
  resolveErrorPolicy,
  resolvePolicy,
} from './resolve-handler-options.js';

type Decision = GateDecisionReport<never>['decision'];

/** A decision read from what `decide` returned: the reply and what to report. */
interface ReadDecision {
  reply: TencentReply;
  decision: Decision;
}

const HANDLER_OPTIONS = namesOf(GATE_OPTIONS);
const MODIFIABLE_FIELDS: ReadonlySet<string> = new Set(['MsgBody', 'CloudCustomData']);
const KNOWN_ELEMENT_TYPES: ReadonlySet<unknown> = new Set(MESSAGE_ELEMENT_TYPES);
const UTF8 = new TextEncoder();

const ALLOWED: ReadDecision = { reply: acknowledgement(), decision: 'allowed' };
const REFUSED: ReadDecision = { reply: refusal(), decision: 'refused' };
const DROPPED: ReadDecision = { reply: { ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' }, decision: 'dropped' };

function invalid(command: string, message: string): UserCallbackError {
  return new UserCallbackError('ERR_DECIDE_RESULT_INVALID', `decide for ${command} ${message}`);
}

/** What a gate accepts besides `true` and `false`: its family's codes for `{ reject }`, and `'drop'` and `{ modify }` where documented. */
interface GateRules {
  customCodes: CodeRange;
  drop: boolean;
  modify: boolean;
}

function rulesOf(definition: MessageGateRules | ActionGateRules): GateRules {
  const message = definition.kind === 'message-gate';
  return {
    customCodes: definition.customCodes,
    drop: message && definition.drop,
    modify: message && definition.modify,
  };
}

/**
 * Reads what `decide` returned. A JSON round trip copies the user's values before anything is
 * checked, so a getter runs once, here, inside the failure policy, and the reply holds plain data.
 */
function createDecisionReader(command: string, rules: GateRules): (value: unknown) => ReadDecision | UserCallbackError {
  const expected = [
    'true',
    'false',
    ...(rules.drop ? ["'drop'"] : []),
    ...(rules.modify ? ['{ modify: { MsgBody?, CloudCustomData? } }'] : []),
    '{ reject: { code, info } }',
  ].join(', ');

  function readModification(modification: unknown): ReadDecision | UserCallbackError {
    if (!isPlainObject(modification)) return invalid(command, 'returned { modify } without an object of new fields');
    const unknown = Object.keys(modification).filter((key) => !MODIFIABLE_FIELDS.has(key));
    if (unknown.length > 0) return invalid(command, `returned { modify } with unknown field(s) ${unknown.join(', ')}`);
    const reply: TencentReply = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
    const { MsgBody: msgBody, CloudCustomData: cloudCustomData } = modification;
    if (msgBody !== undefined) {
      // An empty body is not documented to mean anything; Tencent's page only says a missing one keeps the original.
      if (validateMsgBody(msgBody) instanceof Error || (msgBody as unknown[]).length === 0) {
        return invalid(command, 'returned a MsgBody that is not an array of { MsgType, MsgContent } elements');
      }
      // Tencent cannot deliver an element type it does not know, and would then deliver the original.
      const unknownType = (msgBody as readonly { MsgType: unknown }[]).find(
        ({ MsgType }) => !KNOWN_ELEMENT_TYPES.has(MsgType),
      );
      if (unknownType) {
        return invalid(
          command,
          // The schema above has made MsgType a string.
          `returned a MsgBody with the MsgType ${quoted(unknownType.MsgType as string)}, which Tencent does not document`,
        );
      }
      reply.MsgBody = msgBody as TencentReply['MsgBody'] & object;
    }
    if (cloudCustomData !== undefined) {
      if (typeof cloudCustomData !== 'string')
        return invalid(command, 'returned a CloudCustomData that is not a string');
      reply.CloudCustomData = cloudCustomData;
    }
    // `{ modify: {} }` changes nothing: it is sent, and reported, as a plain `true`.
    if (reply.MsgBody === undefined && reply.CloudCustomData === undefined) return ALLOWED;
    const bytes = UTF8.encode(JSON.stringify(reply)).length;
    if (bytes > MESSAGE_MAX_BYTES) {
      return invalid(
        command,
        `returned { modify } whose reply is ${bytes} bytes; Tencent takes at most ${MESSAGE_MAX_BYTES}`,
      );
    }
    return { reply, decision: 'modified' };
  }

  function readReject(rejection: unknown): ReadDecision | UserCallbackError {
    const read = readRejection(rejection, rules.customCodes);
    if (typeof read === 'string') return invalid(command, `returned ${read}`);
    return { reply: { ActionStatus: 'OK', ErrorCode: read.code, ErrorInfo: read.info }, decision: 'rejected' };
  }

  function read(value: unknown): ReadDecision | UserCallbackError {
    if (value === true) return ALLOWED;
    if (value === false) return REFUSED;
    if (value === 'drop' && rules.drop) return DROPPED;
    const copy: unknown = isPlainObject(value) ? JSON.parse(JSON.stringify(value)) : undefined;
    if (isPlainObject(copy)) {
      const keys = Object.keys(copy);
      if (keys.length === 1 && keys[0] === 'reject') return readReject(copy['reject']);
      if (keys.length === 1 && keys[0] === 'modify' && rules.modify) return readModification(copy['modify']);
    }
    return invalid(command, `returned ${describeValue(value)}; it must return (or resolve to) one of ${expected}`);
  }

  return (value) => {
    // Reading the user's value runs the user's code (getters, a revoked Proxy's traps, toJSON).
    try {
      return read(value);
    } catch (error) {
      return new UserCallbackError(
        'ERR_DECIDE_RESULT_INVALID',
        `decide for ${command} returned a value that cannot be read as JSON`,
        {
          cause: error,
        },
      );
    }
  };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'a string';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object of another shape' : typeof value;
}

/**
 * A Before-callback decided once per request (BeforeSendMsg, BeforeCreateOfficialAccount): `decide`
 * runs under the deadline, and its failure or lateness is settled by `onError` or `onTimeout`
 * (both refuse by default), in a 200 reply, so a failure never lets the action through by accident.
 */
export function createSingleGate(
  definition: MessageGateRules | ActionGateRules,
  handler: unknown,
  config: SharedConfig,
  where: string,
): CommandRunner {
  const rules = rulesOf(definition);
  const usage = `{ decide: (event, context) => decision }`;
  checkHandlerObject(config, where, handler, usage, HANDLER_OPTIONS);
  const { decide } = handler;
  if (!isFunction(decide)) misconfigured(where, `\`decide\` must be a function: ${usage}.`, decide);
  const allowOnTimeout = resolvePolicy(where, 'onTimeout', handler['onTimeout']) === 'allow';
  const onError = resolveErrorPolicy(where, handler['onError']);
  const allowsRequestFailures = handler['onError'] === 'allow';
  const timeoutMs = resolveCommandTimeout(config, where, handler['timeoutMs']);
  const validate: EventValidator<unknown> = eventValidator(definition.command);
  const readDecision = createDecisionReader(definition.command, rules);
  const logFailure = createFailureLogger(config);
  const { command } = definition;
  // The reply has gone by then: whoever runs the app must still hear that decide went wrong.
  const logLateFailure = (cause: unknown): void =>
    config.logger.warn(
      `${config.entry}: decide for ${definition.command} failed after the deadline`,
      new UserCallbackError('ERR_DECIDE_FAILED', `decide failed for ${definition.command}`, { cause }),
    );

  function result(read: ReadDecision, timedOut: boolean, errored: boolean, event: unknown): HandlerResult {
    return {
      reply: read.reply,
      report: { command, event, decision: read.decision, errorCode: read.reply.ErrorCode, timedOut, errored },
    };
  }

  function settleFailure(error: UserCallbackError, thrown: unknown, context: CallbackContext<unknown>): HandlerResult {
    logFailure(error);
    const allowed = allowedAfterError(() => onError(thrown, context), logFailure, 'the request');
    return result(allowed ? ALLOWED : REFUSED, false, true, context.event);
  }

  return {
    command: definition.command,
    timeoutMs,
    validate,
    run: async (context, deadline) => {
      const settled = await settleBeforeAbort(
        deadline,
        () => (decide as (...args: unknown[]) => unknown)(context.event, context),
        logLateFailure,
      );
      if ('aborted' in settled) {
        if (deadline.cause === 'deadline') {
          config.logger.warn(
            `${config.entry}: decide for ${definition.command} did not settle before the deadline; onTimeout ${allowOnTimeout ? 'allowed' : 'refused'} the request`,
          );
        }
        return result(allowOnTimeout ? ALLOWED : REFUSED, true, false, context.event);
      }
      if ('error' in settled) {
        const error = new UserCallbackError('ERR_DECIDE_FAILED', `decide failed for ${definition.command}`, {
          cause: settled.error,
        });
        return settleFailure(error, settled.error, context);
      }
      const read = readDecision(settled.value);
      if (read instanceof UserCallbackError) return settleFailure(read, read, context);
      return result(read, false, false, context.event);
    },
    // A function `onError` is asked about failures of `decide`, with a valid event; before one
    // exists only `'allow'` lets the request through.
    refuse: (error) => ({ reply: allowsRequestFailures ? acknowledgement() : refusal(reasonText(error)) }),
  };
}
