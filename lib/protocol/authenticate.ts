import { AuthenticationError, ForbiddenAppError, type RequestError } from '../errors.js';
import { REQUEST_TIME_PATTERN } from './constants.js';
import { createSignVerifier, isWellFormedSign, type SignVerifier } from './sign.js';
import type { CallbackQuery } from '../types.js';

/** What the check needs: the tokens, the app, the tolerance and the clock. */
export interface AuthenticationConfig {
  tokens: readonly string[];
  sdkAppId: string | undefined;
  toleranceMs: number;
  now: () => number;
}

function checkSign(
  query: CallbackQuery,
  config: AuthenticationConfig,
  verifySign: SignVerifier,
): AuthenticationError | undefined {
  const { Sign: sign, RequestTime: requestTime } = query;
  if (sign === undefined || sign === '') {
    return new AuthenticationError('ERR_SIGN_MISSING', 'query parameter Sign is missing');
  }
  if (requestTime === undefined || requestTime === '') {
    return new AuthenticationError('ERR_REQUEST_TIME_MISSING', 'query parameter RequestTime is missing');
  }
  if (!REQUEST_TIME_PATTERN.test(requestTime)) {
    return new AuthenticationError(
      'ERR_REQUEST_TIME_MALFORMED',
      'query parameter RequestTime must be Unix time in seconds (digits only)',
    );
  }
  if (!isWellFormedSign(sign)) {
    return new AuthenticationError('ERR_SIGN_MALFORMED', 'query parameter Sign must be 64 hexadecimal digits');
  }
  let now: unknown;
  try {
    now = config.now();
  } catch {
    now = undefined;
  }
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    return new AuthenticationError('ERR_CLOCK_INVALID', "RequestTime cannot be checked: the server's clock failed");
  }
  const skewMs = Math.abs(now - Number(requestTime) * 1000);
  // Written so that NaN fails: only a skew known to be within the tolerance passes.
  if (!(skewMs <= config.toleranceMs)) {
    return new AuthenticationError(
      'ERR_REQUEST_TIME_STALE',
      `RequestTime is more than ${config.toleranceMs / 1000} seconds away from the server's clock`,
    );
  }
  if (!verifySign(sign, requestTime)) {
    return new AuthenticationError('ERR_SIGN_MISMATCH', 'Sign does not match the configured callback token');
  }
  return undefined;
}

/**
 * Makes the check that decides from the query alone whether a request is genuine, so a forged
 * request is answered before a byte of its body is read.
 */
export function createAuthenticator(config: AuthenticationConfig): (query: CallbackQuery) => RequestError | undefined {
  const verifySign = config.tokens.length > 0 ? createSignVerifier(config.tokens) : undefined;
  return (query) => {
    if (verifySign) {
      const signError = checkSign(query, config, verifySign);
      if (signError) return signError;
    }
    return checkSdkAppId(query, config);
  };
}

function checkSdkAppId(query: CallbackQuery, config: AuthenticationConfig): ForbiddenAppError | undefined {
  if (config.sdkAppId !== undefined && query.SdkAppid !== config.sdkAppId) {
    return new ForbiddenAppError(
      'ERR_SDKAPPID_MISMATCH',
      query.SdkAppid === undefined
        ? 'query parameter SdkAppid is missing'
        : 'query parameter SdkAppid is not the SDKAppID this webhook serves',
    );
  }
  return undefined;
}
