import { TENCENT_WAIT_MS } from '../protocol/constants.js';
import { buildCallback } from '../testing/build-callback.js';
import type { InvalidReplyError } from '../testing/invalid-reply-error.js';
import { parseReply, type ReplySummary } from '../testing/parse-reply.js';
import type { GenericEvent } from '../types.js';
import { escapeControlCharacters, terminalSafeJson } from './escape-control-characters.js';
import { EXIT_CODES } from './exit-codes.js';
import { replyLines, requestLines, statusOf } from './format-exchange.js';
import type { SimulateSettings } from './parse-simulate-args.js';
import { sendRequest, type FetchFunction, type ReceivedReply } from './send-request.js';
import { TOKEN_ENV } from './simulate-options.js';
import { verdictLine, verdictOf, type Verdict } from './verdict.js';

/** What `simulate --json` prints: one object, also when the exchange failed. */
export interface SimulationRecord {
  request: { method: 'POST'; url: string; body: GenericEvent };
  /** `null` when no reply came. `body` is the parsed JSON, or the text when it is not JSON. */
  reply: { status: number; statusText: string; durationMs: number; body: unknown } | null;
  /** `null` unless the reply was a 200 in Tencent's format. */
  verdict: Verdict | null;
  /** Why the exchange failed, or `null`. */
  error: string | null;
}

/** What `simulate` writes to and reads from. */
export interface SimulateIO {
  /** Writes one line (without its newline) to standard output. */
  out: (line: string) => void;
  /** Writes one line (without its newline) to standard error. */
  err: (line: string) => void;
  fetch: FetchFunction;
  /** The clock for `RequestTime` and `EventTime`. */
  now: () => number;
}

const PROGRAM = 'tencent-chat-webhook';
const FAILED_CALLBACK = 'Tencent counts that as a failed callback';
/**
 * What a 403 page in HTML usually means: this package answers 403 in JSON only (another SDKAppID),
 * so the page comes from something in front of the router, most often a CSRF check.
 */
const FORBIDDEN_PAGE_HINT =
  'hint: a 403 with an HTML page comes from the framework, not from this package, which answers in JSON: ' +
  "usually a CSRF or security middleware in front of the router rejected the POST (Egg's egg-security " +
  'answers "missing csrf token"). Mount the router before it, e.g. first in Egg\'s config.coreMiddleware ' +
  '(docs/recipes/egg.md), rather than exempting the path from the CSRF check';

/** An HTML page, by its `Content-Type` or by how it starts. */
function isHtml(reply: ReceivedReply): boolean {
  return /\bhtml\b/i.test(reply.contentType) || /^\s*<(!doctype html|html)\b/i.test(reply.text);
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorInfoOf(text: string): string {
  try {
    return ` (ErrorInfo ${JSON.stringify(parseReply(text).reply.ErrorInfo)})`;
  } catch {
    return '';
  }
}

/** Sends one callback built from the settings, prints the exchange, and returns the exit code. */
export async function simulate(settings: SimulateSettings, io: SimulateIO): Promise<number> {
  // Tencent's example for the command, with the fields the options give.
  const callback = buildCallback({
    command: settings.command,
    event: settings.event,
    token: settings.token,
    sdkAppId: settings.sdkAppId,
    clientIP: settings.clientIP,
    optPlatform: settings.platform,
    path: `${settings.url.pathname}${settings.url.search}`,
    now: io.now,
  });
  const target = new URL(callback.path, settings.url);
  const record: SimulationRecord = {
    request: { method: 'POST', url: target.href, body: callback.body },
    reply: null,
    verdict: null,
    error: null,
  };
  // Every line goes out escaped: UserIDs, ErrorInfo, status text and body come from the server,
  // and the body sent may hold anything --event gave.
  const asText = !settings.json;
  const printText = (lines: string[]): void => {
    if (asText) for (const line of lines) io.out(escapeControlCharacters(line));
  };
  const printError = (message: string): void => io.err(escapeControlCharacters(`${PROGRAM}: ${message}`));
  const finish = (error?: string, hint?: string): number => {
    record.error = error ?? null;
    if (!asText) io.out(terminalSafeJson(record));
    if (error === undefined) return EXIT_CODES.ok;
    printError(error);
    if (hint !== undefined) printError(hint);
    return EXIT_CODES.failed;
  };

  if (settings.tokenSource === 'environment') printText([`(signed with the token from $${TOKEN_ENV})`]);
  printText(requestLines(target, callback.json));
  const received = await sendRequest(target, callback.json, settings.timeoutMs, io.fetch);
  if ('failure' in received) return finish(received.failure);

  record.reply = {
    status: received.status,
    statusText: received.statusText,
    durationMs: received.durationMs,
    body: parsedOrText(received.text),
  };
  printText(replyLines(received));
  if (received.durationMs > TENCENT_WAIT_MS) {
    printError(
      `warning: the reply took ${received.durationMs} ms; Tencent stops waiting after ` +
        `${TENCENT_WAIT_MS} ms and goes on as its console policy says`,
    );
  }
  if (received.status !== 200) {
    return finish(
      `the server answered ${statusOf(received)}, not 200${errorInfoOf(received.text)}; ${FAILED_CALLBACK}`,
      received.status === 403 && isHtml(received) ? FORBIDDEN_PAGE_HINT : undefined,
    );
  }

  let summary: ReplySummary;
  try {
    summary = parseReply(received.text, { command: settings.command });
  } catch (error) {
    // Given text, parseReply throws nothing but an InvalidReplyError.
    return finish(`${(error as InvalidReplyError).message}; ${FAILED_CALLBACK}`);
  }
  record.verdict = verdictOf(settings.command, summary, callback.body);
  printText([verdictLine(record.verdict)]);
  return finish();
}
