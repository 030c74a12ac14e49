import { TencentWebhookError } from '../errors.js';

/** Why a reply is not one Tencent can read. */
export type InvalidReplyCode = 'ERR_REPLY_NOT_JSON' | 'ERR_REPLY_INVALID';

/**
 * Thrown by {@link parseReply} when a reply is not JSON, or is JSON but not in Tencent's reply
 * format. Tencent counts either as a failed callback and goes on with its console policy.
 */
export class InvalidReplyError extends TencentWebhookError {
  /** `ERR_REPLY_NOT_JSON` or `ERR_REPLY_INVALID`. */
  declare readonly code: InvalidReplyCode;

  // Not useless: it narrows the codes this error accepts to the two above.
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor
  constructor(code: InvalidReplyCode, message: string) {
    super(code, message);
  }
}
