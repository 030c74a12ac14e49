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

/** Whether a well-formed `Sign` matches one of the tokens for this `RequestTime`. */
export type SignVerifier = (sign: string, requestTime: string) => boolean;

/**
 * Makes the Sign check for a set of tokens. The comparison is constant-time and tries every token,
 * so the time taken does not tell which one matched. RequestTime has one-second resolution and
 * callbacks that arrive together share it, so the expected digests of the last RequestTime are
 * kept: sha256 runs about once a second rather than once a request.
 */
export function createSignVerifier(tokens: readonly string[]): SignVerifier {
  let lastRequestTime: string | undefined;
  let lastDigests: readonly Buffer[] = [];

  function expectedDigests(requestTime: string): readonly Buffer[] {
    if (requestTime !== lastRequestTime) {
      lastDigests = tokens.map((token) => signDigest(token, requestTime));
      lastRequestTime = requestTime;
    }
    return lastDigests;
  }

  return (sign, requestTime) => {
    // Buffer.from would silently drop what is not hex; only 32 bytes can be compared safely.
    if (!isWellFormedSign(sign)) return false;
    const given = Buffer.from(sign, 'hex');
    let matched = false;
    for (const digest of expectedDigests(requestTime)) {
      if (timingSafeEqual(given, digest)) matched = true;
    }
    return matched;
  };
}
