import { sha256Hex } from './sha256.js';

const SIGN_PATTERN = /^[0-9a-fA-F]{64}$/;

/** Tencent's `Sign`: lowercase hex of sha256(token + RequestTime), a plain concatenation. */
export function computeSign(token: string, requestTime: string | number): string {
  return sha256Hex(`${token}${requestTime}`);
}

/** Whether a `Sign` has the form of one (64 hex digits), before it is compared. */
export function isWellFormedSign(sign: string): boolean {
  return SIGN_PATTERN.test(sign);
}

/** Whether a `Sign` matches one of the tokens for this `RequestTime`. */
export type SignVerifier = (sign: string, requestTime: string) => boolean;

/**
 * Compares a given Sign with an expected one (lowercase hex) without an early exit, so the time
 * taken does not tell how many leading digits were right. Uppercase hex digits count as their
 * lowercase ones; anything that is not 64 hex digits never matches.
 */
function sameSign(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let index = 0; index < expected.length; index += 1) {
    const code = given.charCodeAt(index);
    // 'A'–'F' as 'a'–'f'; every other character as it is.
    const folded = code >= 0x41 && code <= 0x46 ? code + 0x20 : code;
    difference |= folded ^ expected.charCodeAt(index);
  }
  return difference === 0;
}

/**
 * Makes the Sign check for a set of tokens. The comparison is constant-time and tries every token,
 * so the time taken does not tell which one matched. RequestTime has one-second resolution and
 * callbacks that arrive together share it, so the expected Signs of the last RequestTime are
 * kept: sha256 runs about once a second rather than once a request.
 */
export function createSignVerifier(tokens: readonly string[]): SignVerifier {
  let lastRequestTime: string | undefined;
  let lastSigns: readonly string[] = [];

  function expectedSigns(requestTime: string): readonly string[] {
    if (requestTime !== lastRequestTime) {
      lastSigns = tokens.map((token) => computeSign(token, requestTime));
      lastRequestTime = requestTime;
    }
    return lastSigns;
  }

  return (sign, requestTime) => {
    let matched = false;
    for (const expected of expectedSigns(requestTime)) {
      if (sameSign(sign, expected)) matched = true;
    }
    return matched;
  };
}
