import { createHash, timingSafeEqual } from 'node:crypto';

const SIGN_PATTERN = /^[0-9a-fA-F]{64}$/;

function signDigest(token: string, requestTime: string | number): Buffer {
  return createHash('sha256').update(`${token}${requestTime}`).digest();
}

/** Tencent's `Sign`: lowercase hex of sha256(token + RequestTime), a plain concatenation. */
export function computeSign(token: string, requestTime: string | number): string {
  return signDigest(token, requestTime).toString('hex');
}

/** Whether a `Sign` has the form of one (64 hex digits), before it is compared. */
export function isWellFormedSign(sign: string): boolean {
  return SIGN_PATTERN.test(sign);
}

/**
 * Whether `sign` matches one of the tokens, compared in constant time. Every token is tried,
 * so the time taken does not tell which one matched.
 */
export function signMatchesAnyToken(sign: string, requestTime: string, tokens: readonly string[]): boolean {
  if (!isWellFormedSign(sign)) return false;
  const given = Buffer.from(sign, 'hex');
  let matched = false;
  for (const token of tokens) {
    // Both are 32-byte digests, so timingSafeEqual cannot throw on a length mismatch.
    if (timingSafeEqual(given, signDigest(token, requestTime))) matched = true;
  }
  return matched;
}
