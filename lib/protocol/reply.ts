import type { RequestError } from '../errors.js';
import type { TencentReply } from '../types.js';

/** The reply to a request we cannot accept; the message is ours, never an internal error's. */
export function failureReply(error: RequestError): TencentReply {
  return { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: reasonText(error) };
}

/** The plain `OK`: what a gate's `true` gives, and what an After-callback's reply says (Tencent ignores it). */
export function acknowledgement(): TencentReply {
  return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
}

/**
 * `ErrorCode: 1` in an `OK` reply: Tencent refuses a Before-callback's action (its documented
 * meaning on every page) and ignores it for an After-callback. It answers a gate's `false`, and
 * any failure of the app's code, so that a failure never lets an action through.
 */
export function refusal(info = ''): TencentReply {
  return { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: info };
}

/** What `ErrorInfo` says of a refusal before the handler ran: the reason's code and our message, never an internal error's. */
export function reasonText(error: RequestError): string {
  return `${error.code}: ${error.message}`;
}
