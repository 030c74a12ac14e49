import { performance } from 'node:perf_hooks';
import { TENCENT_WAIT_MS } from '../protocol/constants.js';

/** A fetch function: the global one, or one a test passes in. */
export type FetchFunction = (input: URL, init: RequestInit) => Promise<Response>;

/** An HTTP reply, whatever its status and body. */
export interface ReceivedReply {
  status: number;
  statusText: string;
  /** The `Content-Type` header, or `''` without one. */
  contentType: string;
  text: string;
  durationMs: number;
}

/**
 * The most of a reply the tool reads, in bytes. A reply to Tencent is a small JSON object; this
 * bounds the memory a broken or hostile server can make the tool use.
 */
export const MAX_REPLY_BYTES = 1024 * 1024;

/** {@link MAX_REPLY_BYTES} as the help and the messages say it. */
export const MAX_REPLY_SIZE_TEXT = `${MAX_REPLY_BYTES / (1024 * 1024)} MiB`;

const TOO_LARGE = `the reply is larger than ${MAX_REPLY_SIZE_TEXT}, the most this tool reads`;

/** No reply at all; the message says why, in one line. */
export interface SendFailure {
  failure: string;
}

/** The first `code` on the error, its causes, or the errors of an AggregateError (as undici nests them). */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  const fromCause = errorCode(cause, depth + 1);
  if (fromCause !== undefined) return fromCause;
  return Array.isArray(errors) ? errorCode(errors[0], depth + 1) : undefined;
}

interface ErrorLike {
  message: string;
  cause?: unknown;
}

// Duck-typed, not `instanceof Error`: fetch's errors may come from another realm (vm, jest).
function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function innermostMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 5 && isErrorLike(current) && isErrorLike(current.cause); depth += 1) {
    current = current.cause;
  }
  return isErrorLike(current) ? current.message : String(current);
}

function describeFailure(error: unknown, url: URL): string {
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `could not connect to ${url.host}: connection refused; is the server running on that port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not connect to ${url.host}: host ${url.hostname} not found`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${url.host} closed the connection without a complete reply`;
    default: {
      const message = innermostMessage(error);
      // fetch refuses the ports browsers block (1, 6000, 6667 and others) before connecting.
      if (message === 'bad port') return `fetch refuses to connect to port ${url.port}; run the server on another port`;
      return `the request to ${url.host} failed: ${message}${code ? ` (${code})` : ''}`;
    }
  }
}

/**
 * The body as text (UTF-8, as `response.text()` decodes it), or `undefined` once it passes
 * {@link MAX_REPLY_BYTES}: then the stream is cancelled, which closes the connection, so a server
 * that sends without end is not read to the time-out.
 */
async function readCappedText(response: Response): Promise<string | undefined> {
  if (response.body === null) return '';
  // The typings leave a fetch body's chunks untyped; by the Fetch standard they are bytes.
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * POSTs the body as Tencent does and reads the whole reply, giving up after `timeoutMs` or past
 * {@link MAX_REPLY_BYTES}.
 * Redirects are not followed: a 3xx is shown as the non-200 reply it is (whether Tencent
 * follows redirects is not documented).
 */
export async function sendRequest(
  url: URL,
  json: string,
  timeoutMs: number,
  fetchFunction: FetchFunction,
): Promise<ReceivedReply | SendFailure> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const startedAt = performance.now();
  try {
    const response = await fetchFunction(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: json,
      redirect: 'manual',
      signal: controller.signal,
    });
    const text = await readCappedText(response);
    if (text === undefined) return { failure: TOO_LARGE };
    return {
      status: response.status,
      statusText: response.statusText,
      contentType: response.headers.get('content-type') ?? '',
      text,
      durationMs: Math.round(performance.now() - startedAt),
    };
  } catch (error) {
    if (controller.signal.aborted) {
      return {
        failure: `no complete reply within ${timeoutMs} ms (--timeout-ms); Tencent itself waits only ${TENCENT_WAIT_MS} ms`,
      };
    }
    return { failure: describeFailure(error, url) };
  } finally {
    clearTimeout(timer);
  }
}
