// One request before any measurement: a benchmark of 401s or 400s would be fast and worthless.
import { isDeepStrictEqual } from 'node:util';

const VERIFY_TIMEOUT_MS = 70_000;

export async function verifyReply(url, body, expected, what) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
  });
  const text = await response.text();
  let reply;
  try {
    reply = JSON.parse(text);
  } catch {
    reply = undefined;
  }
  if (response.status !== 200 || !isDeepStrictEqual(reply, expected)) {
    throw new Error(
      `${what}: expected 200 ${JSON.stringify(expected).slice(0, 300)}, got ${response.status} ${text.slice(0, 300)}`,
    );
  }
}
