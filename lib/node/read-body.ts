import type { IncomingMessage } from 'node:http';
import type { Cancellation } from '../engine/deadline.js';
import { bodyTooLarge as tooLarge, bodyUnavailable } from '../engine/body-errors.js';
import type { InternalError, PayloadTooLargeError } from '../errors.js';

/**
 * `not-received`: reading stopped before the end, because the client went away or the deadline passed.
 * An `InternalError`: the stream was destroyed before it was read, so no body will come.
 */
export type BodyOutcome = Buffer | PayloadTooLargeError | InternalError | 'not-received';

/**
 * Reads the request body into one buffer, counting the bytes actually received (Content-Length
 * can lie, or be absent with chunked encoding), and calls `done` once with the outcome. Stops at
 * the limit, when `cancellation` fires, or when the client goes away, and always removes its
 * listeners. Whether the client is gone is the caller's to tell, through `cancellation`: a destroyed
 * request stream does not mean it. A callback, not a promise: a body that came with its headers is
 * then answered within the task that received it, with no microtask in between.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  cancellation: Cancellation,
  done: (outcome: BodyOutcome) => void,
): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return done(tooLarge(limit));
  if (cancellation.cancelled) return done('not-received');
  // Destroyed before its end while the client is still there (else `cancellation` has fired): no
  // event will come, so this is answered now rather than as a body timeout at the deadline.
  if (req.destroyed) return done(bodyUnavailable());

  const chunks: Buffer[] = [];
  let received = 0;

  const finish = (outcome: BodyOutcome): void => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onGone);
    req.off('close', onClose);
    cancelListenLater(listenLater);
    stopListening();
    if (!Buffer.isBuffer(outcome)) req.pause();
    done(outcome);
  };
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > limit) finish(tooLarge(limit));
    else chunks.push(chunk);
  };
  // Most bodies arrive in one chunk, which is used as it is rather than copied.
  const onEnd = (): void => finish(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
  const onGone = (): void => finish('not-received');
  const onClose = (): void => {
    if (!req.complete) onGone();
  };

  // A body that came with its headers ends before the next turn of the event loop; only one that
  // has not needs the deadline's timer, which listening to the cancellation arms.
  let stopListening = (): void => undefined;
  // The clearImmediate of the setImmediate that made the handle: a test may swap fake timers for
  // real ones meanwhile, and Node's real clearImmediate, given a fake handle, stops running any.
  const cancelListenLater = clearImmediate;
  const listenLater = setImmediate(() => {
    stopListening = cancellation.onCancel(onGone);
  });
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onGone);
  req.on('close', onClose);
  // A 'data' listener does not restart a stream that an earlier middleware paused with req.pause().
  req.resume();
}
