import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError } from './errors.js';

/** Reading stopped before the end: the client went away or the deadline passed (see the signal). */
export class BodyNotReceived {}

export type BodyOutcome = Buffer | PayloadTooLargeError | BodyNotReceived;

function tooLarge(limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError('ERR_BODY_TOO_LARGE', `body is larger than ${limit} bytes`);
}

/**
 * Reads the request body into one buffer, counting the bytes actually received (Content-Length
 * can lie, or be absent with chunked encoding). Stops at the limit, when `signal` aborts, or when
 * the client goes away, and always removes its listeners.
 */
export function readBody(req: IncomingMessage, limit: number, signal: AbortSignal): Promise<BodyOutcome> {
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
      signal.removeEventListener('abort', onAbort);
      if (!(outcome instanceof Buffer)) req.pause();
      resolve(outcome);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
    const onGone = (): void => finish(new BodyNotReceived());
    const onClose = (): void => {
      if (!req.complete) onGone();
    };
    const onAbort = (): void => finish(new BodyNotReceived());

    if (signal.aborted) return onAbort();
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onClose);
    signal.addEventListener('abort', onAbort);
  });
}
