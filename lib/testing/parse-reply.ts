import type { TencentReply } from '../types.js';
import { InvalidReplyError } from './invalid-reply-error.js';

/** What a reply to `OfficialAccount.CallbackBeforeAddSubscriber` tells Tencent to do. */
export interface ReplySummary {
  /**
   * `true` when `ActionStatus` is `OK` and `ErrorCode` is `0`: Tencent adds every subscriber
   * except the refused ones.
   */
  accepted: boolean;
  /**
   * `RefusedSubscribers_Account`, or `[]` when the reply has none. When `accepted` is `false`,
   * nobody is added, whatever this list says.
   */
  refused: string[];
  /** `ErrorInfo` when the whole request was rejected or failed; otherwise `undefined`. */
  rejectedReason: string | undefined;
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
  return value as TencentReply;
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
  const accepted = reply.ActionStatus === 'OK' && reply.ErrorCode === 0;
  return {
    accepted,
    refused: [...(reply.RefusedSubscribers_Account ?? [])],
    rejectedReason: accepted ? undefined : reply.ErrorInfo,
    reply,
  };
}
