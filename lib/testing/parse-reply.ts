import type { CodeRange, CommandDefinition } from '../commands/define.js';
import { DEFINITIONS, definitionOf } from '../commands/index.js';
import { assertNever } from '../engine/assert-never.js';
import { isPlainObject } from '../engine/plain-object.js';
import type { CallbackCommand } from '../generated/events.js';
import { CALLBACK_COMMAND_PATTERN } from '../protocol/constants.js';
import type { CustomRejection, MessageModification, TargetResult, TencentReply } from '../types.js';
import { lookUpCommand, typoMessage } from './command-lookup.js';
import { InvalidReplyError } from './invalid-reply-error.js';

/** How {@link parseReply} reads a reply. */
export interface ParseReplyOptions {
  /**
   * The command the reply answers, to read the reply by that command's rules: its family's range
   * of custom codes (`customRejection`: 10100–10200 for `Group.*`, 38000–39000 for `Sns.*`…), the
   * field of its refused members (`RefusedMembers_Account` for `Group.CallbackBeforeInviteJoinGroup`),
   * a target gate's `ResultItem` (`results`), `RspData` (`data`); `dropped` and `modified` only for
   * the message gates. A misspelt command of a known family throws a `TypeError` naming the closest
   * one; a command of a family this package does not know is read as without a command.
   * Defaults to `undefined`: the reply is read by the Official Account gates' rules, as in earlier
   * versions (120001–130000, `RefusedSubscribers_Account`, drops and changed messages).
   */
  command?: CallbackCommand | (string & {}) | undefined;
}

/**
 * What a reply tells Tencent to do. The fields read the reply as the Before-callbacks do (with
 * `command`, as that command does; without it, as the Official Account gates do); Tencent ignores
 * the reply to an After-callback, whatever it says. A `FAIL` reply is read as neither accepted,
 * dropped, modified nor refused with a custom code: what Tencent does with one is not documented.
 */
export interface ReplySummary {
  /**
   * `true` when `ActionStatus` is `OK` and `ErrorCode` is `0`: Tencent goes on. It adds every
   * member except the refused ones, sends the message (as `modified` says), creates the group or
   * Official Account, lets each allowed friend request through. `false` for any other reply.
   */
  accepted: boolean;
  /**
   * The refused UserIDs, or `[]` when the reply has none: `RefusedSubscribers_Account` (without
   * `command`, or for BeforeAddSubscriber), the list of a list gate given as `command`
   * (`RefusedMembers_Account` for `Group.CallbackBeforeInviteJoinGroup`), or, for a target gate, the
   * `To_Account` of each `ResultItem` whose `ResultCode` is not `0`, in reply order. When
   * `accepted` is `false`, a list gate adds nobody and a target gate lets every target through by
   * default, whatever this list says.
   */
  refused: string[];
  /** `ErrorInfo` when the reply is not accepted; `undefined` when it is. */
  rejectedReason: string | undefined;
  /** `ErrorCode`, always present: its meaning depends on the command and on `ActionStatus`. */
  errorCode: number;
  /** `true` when `ActionStatus` is `FAIL`; `false` when it is `OK`. */
  failed: boolean;
  /**
   * `true` when `ActionStatus` is `OK` and `ErrorCode` is `2`, for a message gate (or without
   * `command`): BeforeSendMsg drops the message silently, and the sender is told it was sent.
   * `false` for any other reply.
   */
  dropped: boolean;
  /**
   * The app's own refusal, when `ActionStatus` is `OK` and `ErrorCode` is in the range of the
   * command's family (120001–130000 without `command`; for a command that has no range, never):
   * the gates refuse, and Tencent passes `code` and `info` (the `ErrorInfo`) on to the client.
   * `undefined` for any other reply.
   */
  customRejection: CustomRejection | undefined;
  /**
   * The fields that replace those of the message, when an accepted reply to a message gate (or a
   * reply read without `command`) carries `MsgBody` or `CloudCustomData`; only the fields the reply
   * has are present. `undefined` when the reply is not accepted (Tencent sends a changed message
   * only with `ErrorCode` 0) or has neither field.
   */
  modified: MessageModification | undefined;
  /**
   * A target gate's `ResultItem`, checked, in a new array (`command` `Sns.CallbackPrevFriendAdd` or
   * `Sns.CallbackPrevFriendResponse`): one result per target, `ResultCode` `0` allowing it, a code
   * of the family's range refusing it. `undefined` when the reply has none, or when `command` is not
   * a target gate.
   */
  results: TargetResult[] | undefined;
  /**
   * The data an accepted reply sends back (`RspData`, `command` `Chatbot.OnC2CSignalMessage`).
   * `undefined` when the reply is not accepted (Tencent then ignores it), has none, or when
   * `command` is not one whose reply carries data.
   */
  data: string | undefined;
  /** The reply itself, checked. Fields Tencent does not read are kept. */
  reply: TencentReply;
}

/** What a command's reply may say, as the summary reads it. */
interface ReplyRules {
  /** The command, when one was given. */
  command: string | undefined;
  customCodes: CodeRange | undefined;
  /** The field of a list gate's refused members. */
  refusedField: string | undefined;
  drop: boolean;
  modify: boolean;
  /** Whether the reply has a target gate's `ResultItem`. */
  targets: boolean;
  /** The field of the data sent back. */
  dataField: string | undefined;
}

const NO_RULES: ReplyRules = {
  command: undefined,
  customCodes: undefined,
  refusedField: undefined,
  drop: false,
  modify: false,
  targets: false,
  dataField: undefined,
};

/** Without a command, a reply is read as the Official Account gates' were before the registry. */
const OFFICIAL_ACCOUNT_RULES: ReplyRules = {
  ...NO_RULES,
  customCodes: definitionOf('OfficialAccount.CallbackBeforeSendMsg', 'message-gate').customCodes,
  refusedField: definitionOf('OfficialAccount.CallbackBeforeAddSubscriber', 'list-gate').refusedField,
  drop: true,
  modify: true,
};

/** Every list gate's field of refused members: a reply with another's is a slip worth naming. */
const REFUSED_FIELDS: readonly string[] = [
  ...new Set(DEFINITIONS.flatMap((definition) => (definition.kind === 'list-gate' ? [definition.refusedField] : []))),
];

function rulesOf(definition: CommandDefinition): ReplyRules {
  const rules = { ...NO_RULES, command: definition.command };
  switch (definition.kind) {
    case 'message-gate':
      return { ...rules, customCodes: definition.customCodes, drop: definition.drop, modify: definition.modify };
    case 'action-gate':
      return { ...rules, customCodes: definition.customCodes };
    case 'list-gate':
      return { ...rules, customCodes: definition.customCodes, refusedField: definition.refusedField };
    case 'target-gate':
      return { ...rules, customCodes: definition.customCodes, targets: true };
    case 'reply-data':
      return { ...rules, dataField: definition.replyField };
    case 'notification':
      return rules;
    /* istanbul ignore next -- exhaustive: the type checker proves no value reaches it */
    default:
      return assertNever(definition);
  }
}

function readOptions(options: unknown): ReplyRules {
  if (options === undefined) return OFFICIAL_ACCOUNT_RULES;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError("parseReply: the options must be an object, e.g. { command: 'Group.CallbackBeforeSendMsg' }.");
  }
  const { command } = options as { command?: unknown };
  if (command === undefined) return OFFICIAL_ACCOUNT_RULES;
  if (typeof command !== 'string' || !CALLBACK_COMMAND_PATTERN.test(command)) {
    throw new TypeError('parseReply: `command` must be a CallbackCommand such as Group.CallbackBeforeSendMsg.');
  }
  const lookup = lookUpCommand(command);
  switch (lookup.status) {
    case 'known':
      return rulesOf(lookup.definition);
    case 'typo':
      throw new TypeError(`parseReply: ${typoMessage(command, lookup)}`);
    case 'unknown':
      return OFFICIAL_ACCOUNT_RULES;
    /* istanbul ignore next -- exhaustive: the type checker proves no value reaches it */
    default:
      return assertNever(lookup);
  }
}

const EXCERPT_LENGTH = 60;

function excerpt(text: string): string {
  return JSON.stringify(text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text);
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'it is missing';
  return `got ${JSON.stringify(value)}`;
}

function looksLikeResponse(value: object): boolean {
  return 'status' in value && 'headers' in value && !('ActionStatus' in value);
}

function parseText(text: string): unknown {
  if (text.trim() === '')
    throw new InvalidReplyError('ERR_REPLY_NOT_JSON', 'reply is empty; a JSON object was expected');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new InvalidReplyError('ERR_REPLY_NOT_JSON', `reply is not JSON: it starts with ${excerpt(text.trimStart())}`);
  }
}

function invalid(message: string): InvalidReplyError {
  return new InvalidReplyError('ERR_REPLY_INVALID', `reply is not in Tencent's format: ${message}`);
}

function checkReply(value: unknown, rules: ReplyRules): TencentReply {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`it must be a JSON object, ${describeValue(value)}`);
  }
  const reply = value as Record<string, unknown>;
  const { ActionStatus: status, ErrorCode: code, ErrorInfo: info } = reply;
  if (status !== 'OK' && status !== 'FAIL') {
    throw invalid(`ActionStatus must be "OK" or "FAIL", ${describeValue(status)}`);
  }
  if (typeof code !== 'number' || !Number.isInteger(code)) {
    throw invalid(`ErrorCode must be an integer, ${describeValue(code)}`);
  }
  if (typeof info !== 'string') {
    throw invalid(`ErrorInfo must be a string, ${describeValue(info)}`);
  }
  if (rules.refusedField !== undefined) checkRefusedList(reply, rules.refusedField, rules.command);
  if (rules.modify) checkModification(reply);
  if (rules.targets) checkResults(reply['ResultItem']);
  if (rules.dataField !== undefined && reply[rules.dataField] !== undefined) {
    const data = reply[rules.dataField];
    if (typeof data !== 'string') throw invalid(`${rules.dataField} must be a string, ${describeValue(data)}`);
  }
  return value as TencentReply;
}

/** A list gate's refused members: an array of UserIDs, in the field this command's reply uses. */
function checkRefusedList(reply: Readonly<Record<string, unknown>>, field: string, command: string | undefined): void {
  const refused = reply[field];
  const other = REFUSED_FIELDS.find((each) => each !== field && each in reply);
  if (refused === undefined && other !== undefined) {
    // BeforeAddSubscriber's page names its field `RefusedMembers_Account` once, in its prose.
    const slip =
      field === 'RefusedSubscribers_Account' && other === 'RefusedMembers_Account'
        ? "a typo on Tencent's page"
        : `which ${command ?? 'this command'} does not read`;
    const hint =
      command === undefined
        ? `; to read another command's reply, give it: parseReply(body, { command: 'Group.CallbackBeforeInviteJoinGroup' })`
        : '';
    throw invalid(`it has ${other}, ${slip}; Tencent reads ${field}${hint}`);
  }
  if (refused !== undefined && (!Array.isArray(refused) || !refused.every((id) => typeof id === 'string'))) {
    throw invalid(`${field} must be an array of UserIDs, ${describeValue(refused)}`);
  }
}

/** A target gate's `ResultItem`, when present: one `{ To_Account, ResultCode, ResultInfo }` per target. */
function checkResults(items: unknown): void {
  if (items === undefined) return;
  if (!Array.isArray(items)) {
    throw invalid(
      `ResultItem must be an array of { To_Account, ResultCode, ResultInfo }, one per target, ${describeValue(items)}`,
    );
  }
  (items as unknown[]).forEach((item, index) => {
    const where = `ResultItem[${index}]`;
    if (!isPlainObject(item)) {
      throw invalid(`${where} must be an object { To_Account, ResultCode, ResultInfo }, ${describeValue(item)}`);
    }
    const { To_Account: target, ResultCode: code, ResultInfo: info } = item;
    if (typeof target !== 'string') throw invalid(`${where}.To_Account must be a UserID, ${describeValue(target)}`);
    if (typeof code !== 'number' || !Number.isInteger(code)) {
      throw invalid(`${where}.ResultCode must be an integer, ${describeValue(code)}`);
    }
    if (typeof info !== 'string') throw invalid(`${where}.ResultInfo must be a string, ${describeValue(info)}`);
  });
}

function isElement(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { MsgType: type, MsgContent: content } = value as Record<string, unknown>;
  return typeof type === 'string' && typeof content === 'object' && content !== null && !Array.isArray(content);
}

/** The fields of BeforeSendMsg's reply that replace the message's, when present. */
function checkModification(reply: Readonly<Record<string, unknown>>): void {
  const { MsgBody: msgBody, CloudCustomData: cloudCustomData } = reply;
  if (msgBody !== undefined && (!Array.isArray(msgBody) || !msgBody.every(isElement))) {
    throw invalid(`MsgBody must be an array of { MsgType, MsgContent } elements, ${describeValue(msgBody)}`);
  }
  if (cloudCustomData !== undefined && typeof cloudCustomData !== 'string') {
    throw invalid(`CloudCustomData must be a string, ${describeValue(cloudCustomData)}`);
  }
}

/** The replaced fields of an accepted reply, in a new object; `undefined` when nothing is replaced. */
function modificationOf(reply: TencentReply): MessageModification | undefined {
  const { MsgBody: msgBody, CloudCustomData: cloudCustomData } = reply;
  if (msgBody === undefined && cloudCustomData === undefined) return undefined;
  return {
    ...(msgBody === undefined ? {} : { MsgBody: [...msgBody] }),
    ...(cloudCustomData === undefined ? {} : { CloudCustomData: cloudCustomData }),
  };
}

/** A target gate's results in new objects, or `undefined` when the reply has none. */
function resultsOf(reply: TencentReply): TargetResult[] | undefined {
  return reply.ResultItem?.map(({ To_Account, ResultCode, ResultInfo }) => ({ To_Account, ResultCode, ResultInfo }));
}

function refusedOf(reply: TencentReply, rules: ReplyRules, results: readonly TargetResult[] | undefined): string[] {
  if (rules.targets) return (results ?? []).filter((result) => result.ResultCode !== 0).map((each) => each.To_Account);
  if (rules.refusedField === undefined) return [];
  return [...((reply as unknown as Record<string, readonly string[] | undefined>)[rules.refusedField] ?? [])];
}

function isCustomCode(code: number, range: CodeRange | undefined): boolean {
  return range !== undefined && code >= range.min && code <= range.max;
}

/**
 * Checks that a reply is one Tencent can read and says what it decides. Pass the body as text
 * (`await response.text()` with fetch, `response.text` with supertest), as bytes, or already
 * parsed (`response.body` with supertest), and the `command` it answers to read it by that
 * command's rules. Throws an {@link InvalidReplyError} when the reply is not JSON or not in
 * Tencent's format; unknown extra fields are allowed.
 */
export function parseReply(body: unknown, options?: ParseReplyOptions): ReplySummary {
  const rules = readOptions(options);
  let value = body;
  if (typeof value === 'string') value = parseText(value);
  else if (value instanceof Uint8Array) value = parseText(new TextDecoder().decode(value));
  else if (typeof value === 'object' && value !== null && looksLikeResponse(value)) {
    throw new TypeError(
      'parseReply: pass the reply body, not the response: parseReply(response.text) with supertest, ' +
        'parseReply(await response.text()) with fetch.',
    );
  }
  const reply = checkReply(value, rules);
  const ok = reply.ActionStatus === 'OK';
  const accepted = ok && reply.ErrorCode === 0;
  const results = rules.targets ? resultsOf(reply) : undefined;
  const data =
    rules.dataField === undefined ? undefined : (reply as unknown as Record<string, unknown>)[rules.dataField];
  return {
    accepted,
    refused: refusedOf(reply, rules, results),
    rejectedReason: accepted ? undefined : reply.ErrorInfo,
    errorCode: reply.ErrorCode,
    failed: !ok,
    dropped: rules.drop && ok && reply.ErrorCode === 2,
    customRejection:
      ok && isCustomCode(reply.ErrorCode, rules.customCodes)
        ? { code: reply.ErrorCode, info: reply.ErrorInfo }
        : undefined,
    modified: rules.modify && accepted ? modificationOf(reply) : undefined,
    results,
    data: accepted ? (data as string | undefined) : undefined,
    reply,
  };
}
