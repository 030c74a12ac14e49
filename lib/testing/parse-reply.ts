import { CUSTOM_ERROR_CODE_MAX, CUSTOM_ERROR_CODE_MIN } from '../protocol/constants.js';
import type { CustomRejection, MessageModification, TencentReply } from '../types.js';
import { InvalidReplyError } from './invalid-reply-error.js';

/**
 * What a reply tells Tencent to do. The fields read the reply as the Before-callbacks do
 * (BeforeAddSubscriber, BeforeSendMsg, BeforeCreateOfficialAccount); Tencent ignores the reply to
 * an After-callback, whatever it says. A `FAIL` reply is read as neither accepted, dropped,
 * modified nor refused with a custom code: what Tencent does with one is not documented.
 */
export interface ReplySummary {
  /**
   * `true` when `ActionStatus` is `OK` and `ErrorCode` is `0`: Tencent goes on. It adds every
   * subscriber except the refused ones, sends the message (as `modified` says), creates the
   * Official Account. `false` for any other reply.
   */
  accepted: boolean;
  /**
   * `RefusedSubscribers_Account` (BeforeAddSubscriber), or `[]` when the reply has none. When
   * `accepted` is `false`, nobody is added, whatever this list says.
   */
  refused: string[];
  /** `ErrorInfo` when the reply is not accepted; `undefined` when it is. */
  rejectedReason: string | undefined;
  /** `ErrorCode`, always present: its meaning depends on the command and on `ActionStatus`. */
  errorCode: number;
  /** `true` when `ActionStatus` is `FAIL`; `false` when it is `OK`. */
  failed: boolean;
  /**
   * `true` when `ActionStatus` is `OK` and `ErrorCode` is `2`: BeforeSendMsg drops the message
   * silently, and the sender is told it was sent. `false` for any other reply.
   */
  dropped: boolean;
  /**
   * The app's own refusal, when `ActionStatus` is `OK` and `ErrorCode` is from 120001 to 130000:
   * BeforeSendMsg and BeforeCreateOfficialAccount refuse, and Tencent passes `code` and `info`
   * (the `ErrorInfo`) on to the client. `undefined` for any other reply.
   */
  customRejection: CustomRejection | undefined;
  /**
   * The fields that replace those of the message, when an accepted reply carries `MsgBody` or
   * `CloudCustomData` (BeforeSendMsg); only the fields the reply has are present. `undefined` when
   * the reply is not accepted (Tencent sends a changed message only with `ErrorCode` 0) or has
   * neither field.
   */
  modified: MessageModification | undefined;
  /** The reply itself, checked. Fields Tencent does not read are kept. */
  reply: TencentReply;
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

function checkReply(value: unknown): TencentReply {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`it must be a JSON object, ${describeValue(value)}`);
  }
  const reply = value as Record<string, unknown>;
  const { ActionStatus: status, ErrorCode: code, ErrorInfo: info } = reply;
  const refused = reply['RefusedSubscribers_Account'];
  if (status !== 'OK' && status !== 'FAIL') {
    throw invalid(`ActionStatus must be "OK" or "FAIL", ${describeValue(status)}`);
  }
  if (typeof code !== 'number' || !Number.isInteger(code)) {
    throw invalid(`ErrorCode must be an integer, ${describeValue(code)}`);
  }
  if (typeof info !== 'string') {
    throw invalid(`ErrorInfo must be a string, ${describeValue(info)}`);
  }
  if (refused === undefined && 'RefusedMembers_Account' in reply) {
    throw invalid("it has RefusedMembers_Account, a typo on Tencent's page; Tencent reads RefusedSubscribers_Account");
  }
  if (refused !== undefined && (!Array.isArray(refused) || !refused.every((id) => typeof id === 'string'))) {
    throw invalid(`RefusedSubscribers_Account must be an array of UserIDs, ${describeValue(refused)}`);
  }
  checkModification(reply);
  return value as TencentReply;
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

function isCustomCode(code: number): boolean {
  return code >= CUSTOM_ERROR_CODE_MIN && code <= CUSTOM_ERROR_CODE_MAX;
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

/**
 * Checks that a reply is one Tencent can read and says what it decides. Pass the body as text
 * (`await response.text()` with fetch, `response.text` with supertest), as bytes, or already
 * parsed (`response.body` with supertest). Throws an {@link InvalidReplyError} when the reply is
 * not JSON or not in Tencent's format; unknown extra fields are allowed.
 */
export function parseReply(body: unknown): ReplySummary {
  let value = body;
  if (typeof value === 'string') value = parseText(value);
  else if (value instanceof Uint8Array) value = parseText(new TextDecoder().decode(value));
  else if (typeof value === 'object' && value !== null && looksLikeResponse(value)) {
    throw new TypeError(
      'parseReply: pass the reply body, not the response: parseReply(response.text) with supertest, ' +
        'parseReply(await response.text()) with fetch.',
    );
  }
  const reply = checkReply(value);
  const ok = reply.ActionStatus === 'OK';
  const accepted = ok && reply.ErrorCode === 0;
  return {
    accepted,
    refused: [...(reply.RefusedSubscribers_Account ?? [])],
    rejectedReason: accepted ? undefined : reply.ErrorInfo,
    errorCode: reply.ErrorCode,
    failed: !ok,
    dropped: ok && reply.ErrorCode === 2,
    customRejection: ok && isCustomCode(reply.ErrorCode) ? { code: reply.ErrorCode, info: reply.ErrorInfo } : undefined,
    modified: accepted ? modificationOf(reply) : undefined,
    reply,
  };
}
