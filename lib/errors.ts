/**
 * Every failure this package reports has a stable `code`. Errors that answer a request carry the
 * HTTP status; their message is written for the caller and becomes the reply's `ErrorInfo`.
 */
export type WebhookErrorCode =
  | 'ERR_QUERY_REPEATED'
  | 'ERR_SIGN_MISSING'
  | 'ERR_SIGN_MALFORMED'
  | 'ERR_SIGN_MISMATCH'
  | 'ERR_REQUEST_TIME_MISSING'
  | 'ERR_REQUEST_TIME_MALFORMED'
  | 'ERR_REQUEST_TIME_STALE'
  | 'ERR_CLOCK_INVALID'
  | 'ERR_SDKAPPID_MISMATCH'
  | 'ERR_BODY_TOO_LARGE'
  | 'ERR_BODY_TIMEOUT'
  | 'ERR_BODY_NOT_UTF8'
  | 'ERR_BODY_NOT_JSON'
  | 'ERR_BODY_INVALID'
  | 'ERR_COMMAND_MISMATCH'
  | 'ERR_COMMAND_MISSING'
  | 'ERR_BODY_UNAVAILABLE'
  | 'ERR_INTERNAL'
  | 'ERR_DECIDE_FAILED'
  | 'ERR_DECIDE_RESULT_INVALID'
  | 'ERR_REJECT_REQUEST_FAILED'
  | 'ERR_REJECT_REQUEST_RESULT_INVALID'
  | 'ERR_ON_ERROR_FAILED'
  | 'ERR_ON_DECISION_FAILED'
  | 'ERR_HANDLER_FAILED'
  | 'ERR_HANDLER_RESULT_INVALID'
  | 'ERR_REPLY_NOT_JSON'
  | 'ERR_REPLY_INVALID';

/** The base of every error this package creates. */
export class TencentWebhookError extends Error {
  readonly code: WebhookErrorCode;

  constructor(code: WebhookErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * Something about the request we cannot accept. A request that fails authentication is answered
 * with this `status`; one that passed it is answered 200 by its command's failure policy, and
 * this error is the reason logged.
 */
export abstract class RequestError extends TencentWebhookError {
  abstract readonly status: number;
}

/** The query or body is malformed or does not match the callback's schema (400 before authentication). */
export class InvalidRequestError extends RequestError {
  readonly status = 400;
}

/** 401: `Sign` or `RequestTime` is missing, malformed, wrong or stale. */
export class AuthenticationError extends RequestError {
  readonly status = 401;
}

/** 403: the request is for another SDKAppID. */
export class ForbiddenAppError extends RequestError {
  readonly status = 403;
}

/** The body did not arrive before the deadline (408 as a status; a refusal in a 200 once authenticated). */
export class BodyTimeoutError extends RequestError {
  readonly status = 408;
}

/** The body is larger than `bodyLimitBytes` (413 as a status; a refusal in a 200 once authenticated). */
export class PayloadTooLargeError extends RequestError {
  readonly status = 413;
}

/**
 * A fault of the server's set-up or of this package; the reply never says more. 500 before
 * authentication; a refusal in a 200 after it.
 */
export class InternalError extends RequestError {
  readonly status = 500;
}

/** Code you passed in (a handler, `decide`, `decideBatch`, `rejectRequest`, `onError`, `onDecision`) failed. */
export class UserCallbackError extends TencentWebhookError {}
