import type { CommandRunner, HandlerResult } from '../engine/command-runner.js';
import { allowedAfterError, createFailureLogger } from '../engine/handler-failures.js';
import { isFunction, misconfigured, type SharedConfig } from '../engine/resolve-shared-options.js';
import { createEventValidator, type EventValidator } from '../engine/validate-event.js';
import type { CommandSpec } from '../engine/command-spec.js';
import { UserCallbackError } from '../errors.js';
import { msgBodySchema } from '../official-account/schemas.js';
import { MESSAGE_ELEMENT_TYPES } from '../commands/shared/schemas.js';
import {
  CUSTOM_ERROR_CODE_MAX,
  CUSTOM_ERROR_CODE_MIN,
  MESSAGE_MAX_BYTES,
  REJECTION_INFO_MAX_LENGTH,
} from '../protocol/constants.js';
import { acknowledgement, reasonText, refusal } from '../protocol/reply.js';
import { isPlainObject } from '../engine/plain-object.js';
import { quoted } from '../engine/log-lines.js';
import { settleBeforeAbort } from '../engine/settle-before-abort.js';
import type { CallbackContext, GateDecisionReport, TencentReply } from '../types.js';
import {
  checkHandlerObject,
  resolveCommandTimeout,
  resolveErrorPolicy,
  resolvePolicy,
} from './resolve-handler-options.js';

type Decision = GateDecisionReport['decision'];

/** A decision read from what `decide` returned: the reply and what to report. */
interface ReadDecision {
  reply: TencentReply;
  decision: Decision;
}

const HANDLER_OPTIONS = ['decide', 'timeoutMs', 'onTimeout', 'onError'] as const;
const MODIFIABLE_FIELDS: ReadonlySet<string> = new Set(['MsgBody', 'CloudCustomData']);
const KNOWN_ELEMENT_TYPES: ReadonlySet<unknown> = new Set(MESSAGE_ELEMENT_TYPES);
const UTF8 = new TextEncoder();

const ALLOWED: ReadDecision = { reply: acknowledgement(), decision: 'allowed' };
const REFUSED: ReadDecision = { reply: refusal(), decision: 'refused' };
const DROPPED: ReadDecision = { reply: { ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' }, decision: 'dropped' };

function invalid(command: string, message: string): UserCallbackError {
  return new UserCallbackError('ERR_DECIDE_RESULT_INVALID', `decide for ${command} ${message}`);
}

/** The decisions a gate accepts besides `true`, `false` and `{ reject }`. */
interface GateRules {
  drop: boolean;
  modify: boolean;
}

/**
 * Reads what `decide` returned. A JSON round trip copies the user's values before anything is
 * checked, so a getter runs once, here, inside the failure policy, and the reply holds plain data.
 */
function createDecisionReader(command: string, rules: GateRules): (value: unknown) => ReadDecision | UserCallbackError {
  const validateMsgBody = createEventValidator<unknown>(msgBodySchema);
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

  function readRejection(rejection: unknown): ReadDecision | UserCallbackError {
    if (!isPlainObject(rejection)) return invalid(command, 'returned { reject } without { code, info }');
    const { code, info } = rejection;
    if (
      typeof code !== 'number' ||
      !Number.isInteger(code) ||
      code < CUSTOM_ERROR_CODE_MIN ||
      code > CUSTOM_ERROR_CODE_MAX
    ) {
      return invalid(
        command,
        `returned a rejection code outside ${CUSTOM_ERROR_CODE_MIN}–${CUSTOM_ERROR_CODE_MAX}, the range Tencent passes to clients`,
      );
    }
    if (typeof info !== 'string') return invalid(command, 'returned a rejection whose info is not a string');
    if (info.length > REJECTION_INFO_MAX_LENGTH) {
      return invalid(
        command,
        `returned a rejection whose info has ${info.length} characters; at most ${REJECTION_INFO_MAX_LENGTH} are sent`,
      );
    }
    return { reply: { ActionStatus: 'OK', ErrorCode: code, ErrorInfo: info }, decision: 'rejected' };
  }

  function read(value: unknown): ReadDecision | UserCallbackError {
    if (value === true) return ALLOWED;
    if (value === false) return REFUSED;
    if (value === 'drop' && rules.drop) return DROPPED;
    const copy: unknown = isPlainObject(value) ? JSON.parse(JSON.stringify(value)) : undefined;
    if (isPlainObject(copy)) {
      const keys = Object.keys(copy);
      if (keys.length === 1 && keys[0] === 'reject') return readRejection(copy['reject']);
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
  spec: CommandSpec,
  handler: unknown,
  config: SharedConfig,
  where: string,
  rules: GateRules,
): CommandRunner {
  const usage = `{ decide: (event, context) => decision }`;
  checkHandlerObject(config, where, handler, usage, HANDLER_OPTIONS);
  const { decide } = handler;
  if (!isFunction(decide)) misconfigured(where, `\`decide\` must be a function: ${usage}.`, decide);
  const allowOnTimeout = resolvePolicy(where, 'onTimeout', handler['onTimeout']) === 'allow';
  const onError = resolveErrorPolicy(where, handler['onError']);
  const allowsRequestFailures = handler['onError'] === 'allow';
  const timeoutMs = resolveCommandTimeout(config, where, handler['timeoutMs']);
  const validate: EventValidator<unknown> = createEventValidator(spec.schema);
  const readDecision = createDecisionReader(spec.command, rules);
  const logFailure = createFailureLogger(config);
  const command = spec.command as GateDecisionReport['command'];
  // The reply has gone by then: whoever runs the app must still hear that decide went wrong.
  const logLateFailure = (cause: unknown): void =>
    config.logger.warn(
      `${config.entry}: decide for ${spec.command} failed after the deadline`,
      new UserCallbackError('ERR_DECIDE_FAILED', `decide failed for ${spec.command}`, { cause }),
    );

  function result(read: ReadDecision, timedOut: boolean, errored: boolean): HandlerResult {
    return {
      reply: read.reply,
      report: { command, decision: read.decision, errorCode: read.reply.ErrorCode, timedOut, errored },
    };
  }

  function settleFailure(error: UserCallbackError, thrown: unknown, context: CallbackContext<unknown>): HandlerResult {
    logFailure(error);
    const allowed = allowedAfterError(() => onError(thrown, context), logFailure, 'the request');
    return result(allowed ? ALLOWED : REFUSED, false, true);
  }

  return {
    command: spec.command,
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
            `${config.entry}: decide for ${spec.command} did not settle before the deadline; onTimeout ${allowOnTimeout ? 'allowed' : 'refused'} the request`,
          );
        }
        return result(allowOnTimeout ? ALLOWED : REFUSED, true, false);
      }
      if ('error' in settled) {
        const error = new UserCallbackError('ERR_DECIDE_FAILED', `decide failed for ${spec.command}`, {
          cause: settled.error,
        });
        return settleFailure(error, settled.error, context);
      }
      const read = readDecision(settled.value);
      if (read instanceof UserCallbackError) return settleFailure(read, read, context);
      return result(read, false, false);
    },
    // A function `onError` is asked about failures of `decide`, with a valid event; before one
    // exists only `'allow'` lets the request through.
    refuse: (error) => ({ reply: allowsRequestFailures ? acknowledgement() : refusal(reasonText(error)) }),
  };
}
