import type { Cancellation } from '../engine/deadline.js';
import type { BodySource } from '../engine/engine.js';
import { bodyTooLarge as tooLarge, bodyUnavailable } from '../engine/body-errors.js';

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Reads to the end, or until one byte more than `limit` has come. */
async function readUpTo(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
): Promise<Uint8Array | 'too-large'> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(chunks, received);
    received += value.byteLength;
    if (received > limit) return 'too-large';
    chunks.push(value);
  }
}

function ignore(): undefined {
  return undefined;
}

/** Reads the whole body within the limit; cancelling the stream settles a waiting read at once. */
async function readOrCancel(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
  cancellation: Cancellation,
): Promise<BodySource> {
  const cancel = (): void => void reader.cancel().catch(ignore);
  const stopListening = cancellation.onCancel(cancel);
  try {
    const bytes = await readUpTo(reader, limit);
    if (cancellation.cancelled) return 'not-received';
    if (bytes !== 'too-large') return { bytes };
    cancel();
    return tooLarge(limit);
  } catch {
    // The stream failed: the client went away.
    return 'not-received';
  } finally {
    stopListening();
  }
}

/**
 * Reads a web `Request`'s body into bytes, counting the bytes received (Content-Length can lie, or
 * be absent), as the node adapter does. At the limit or when `cancellation` fires it cancels the
 * stream, so the runtime reads no more.
 */
export async function readWebBody(request: Request, limit: number, cancellation: Cancellation): Promise<BodySource> {
  if (Number(request.headers.get('content-length')) > limit) return tooLarge(limit);
  if (cancellation.cancelled) return 'not-received';
  const { body } = request;
  if (body === null) return { bytes: new Uint8Array(0) };
  if (body.locked || request.bodyUsed) return bodyUnavailable();
  return readOrCancel(body.getReader(), limit, cancellation);
}
