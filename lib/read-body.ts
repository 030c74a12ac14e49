import type { IncomingMessage } from 'node:http';
import type { Cancellation } from './deadline.js';
import { PayloadTooLargeError } from './errors.js';

/** `not-received`: reading stopped before the end, because the client went away or the deadline passed. */
export type BodyOutcome = Buffer | PayloadTooLargeError | 'not-received';

function tooLarge(limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError('ERR_BODY_TOO_LARGE', `body is larger than ${limit} bytes`);
}

/**
 * Reads the request body into one buffer, counting the bytes actually received (Content-Length
 * can lie, or be absent with chunked encoding). Stops at the limit, when `cancellation` fires, or when
 * the client goes away, and always removes its listeners.
 */
export function readBody(req: IncomingMessage, limit: number, cancellation: Cancellation): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(tooLarge(limit));

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;

    const finish = (outcome: BodyOutcome): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onClose);
      stopListening();
      if (!Buffer.isBuffer(outcome)) req.pause();
      resolve(outcome);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish(Buffer.concat(chunks, received));
    const onGone = (): void => finish('not-received');
    const onClose = (): void => {
      if (!req.complete) onGone();
    };

    // A client that left before this middleware ran never sends another event.
    if (cancellation.cancelled || req.destroyed) return resolve('not-received');
    const stopListening = cancellation.onCancel(() => finish('not-received'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onClose);
  });
}
