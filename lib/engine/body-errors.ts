import { InternalError, PayloadTooLargeError } from '../errors.js';

/** 413: more bytes came (or were declared) than `bodyLimitBytes`; every adapter says it the same way. */
export function bodyTooLarge(limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError('ERR_BODY_TOO_LARGE', `body is larger than ${limit} bytes`);
}

/** 500: an earlier stage read or destroyed the stream and left nothing to use. */
export function bodyUnavailable(): InternalError {
  return new InternalError('ERR_BODY_UNAVAILABLE', 'the request body was consumed before this middleware');
}
