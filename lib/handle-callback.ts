import { createAuthenticator } from './authenticate.js';
import type { Cancellation, Deadline } from './deadline.js';
import { createRequestDecider, type RequestVerdict } from './decide-request.js';
import { BodyTimeoutError, InvalidRequestError, RequestError } from './errors.js';
import { parseBodyBytes, sanitizeParsedBody } from './parse-body.js';
import { parseQuery, type ParsedQuery } from './parse-query.js';
import { failureReply } from './reply.js';
import type { ResolvedConfig } from './resolve-options.js';
import { BEFORE_ADD_SUBSCRIBER_COMMAND, KNOWN_OPT_PLATFORMS, type CallbackQuery, type TencentReply } from './types.js';
import { createEventValidator } from './validate-event.js';

/** What a server adapter hands over as the body: raw bytes, or a value an earlier parser made. */
export type BodySource = { bytes: Buffer } | { parsed: unknown } | RequestError | 'not-received';

/** What the adapter should send. `undefined` from `handle` means: send nothing, the client is gone. */
export interface CallbackAnswer {
  status: number;
  reply: TencentReply;
  /** Set when the body was not read to its end, so the connection cannot be reused. */
  closeConnection: boolean;
  /** For `onDecision`, when the request was decided. */
  verdict?: RequestVerdict;
  /** The error behind a non-200 answer, for the logger. */
  error?: RequestError;
}

const KNOWN_PLATFORMS: ReadonlySet<string> = new Set(KNOWN_OPT_PLATFORMS);
// Bounded, so a stream of invented platform names cannot grow memory without limit.
const MAX_REPORTED_PLATFORMS = 32;

function commandOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const command = (body as { CallbackCommand?: unknown }).CallbackCommand;
  return typeof command === 'string' ? command : undefined;
}

function failed(error: RequestError, closeConnection: boolean): CallbackAnswer {
  return { status: error.status, reply: failureReply(error), closeConnection, error };
}

/**
 * The runtime-neutral core: routing, authenticity, body, schema, decisions and reply, in that
 * order. Server adapters only read the body and write the answer.
 */
export function createCallbackHandler(config: ResolvedConfig) {
  const authenticate = createAuthenticator(config);
  const validateEvent = createEventValidator();
  const decideRequest = createRequestDecider(config);
  const reportedPlatforms = new Set<string>();

  function noteUnknownPlatform(query: CallbackQuery): void {
    const platform = query.OptPlatform;
    if (platform === undefined || KNOWN_PLATFORMS.has(platform) || reportedPlatforms.has(platform)) return;
    if (reportedPlatforms.size >= MAX_REPORTED_PLATFORMS) return;
    reportedPlatforms.add(platform);
    config.logger.warn(`beforeAddSubscriber: unknown OptPlatform ${JSON.stringify(platform)} accepted`);
  }

  return {
    /** Whether this request is ours, from method and URL alone; other requests go to `next()`. */
    route(method: string | undefined, url: string | undefined): ParsedQuery | undefined {
      if (method !== 'POST') return undefined;
      const parsed = parseQuery(url);
      return parsed.commands.includes(BEFORE_ADD_SUBSCRIBER_COMMAND) ? parsed : undefined;
    },

    /** Checks what the query alone can tell, before the body is read. */
    precheck(parsed: ParsedQuery): CallbackAnswer | undefined {
      if (parsed.repeated.length > 0) {
        const error = new InvalidRequestError(
          'ERR_QUERY_REPEATED',
          `query parameter ${parsed.repeated.join(', ')} appears more than once`,
        );
        return failed(error, true);
      }
      const error = authenticate(parsed.query);
      return error ? failed(error, true) : undefined;
    },

    async handle(
      parsed: ParsedQuery,
      readBody: (cancellation: Cancellation) => Promise<BodySource>,
      deadline: Deadline,
    ): Promise<CallbackAnswer | undefined> {
      const source = await readBody(deadline);
      if (source === 'not-received') {
        if (deadline.cause !== 'deadline') return undefined;
        return failed(new BodyTimeoutError('ERR_BODY_TIMEOUT', 'body did not arrive before the deadline'), true);
      }
      if (source instanceof RequestError) return failed(source, true);

      const value = 'bytes' in source ? parseBodyBytes(source.bytes) : sanitizeParsedBody(source.parsed);
      if (value instanceof RequestError) return failed(value, false);
      // Checked before the schema, whose `const` would give a vaguer answer to a misrouted body.
      if (commandOf(value) !== undefined && commandOf(value) !== parsed.query.CallbackCommand) {
        const error = new InvalidRequestError(
          'ERR_COMMAND_MISMATCH',
          'body.CallbackCommand does not match the CallbackCommand query parameter',
        );
        return failed(error, false);
      }
      const event = validateEvent(value);
      if (event instanceof RequestError) return failed(event, false);
      noteUnknownPlatform(parsed.query);

      const context = {
        event,
        query: parsed.query,
        // Made on first read: an AbortSignal costs more than most decisions that never use it.
        get signal() {
          return deadline.signal;
        },
      };
      const verdict = await decideRequest(context, deadline);
      if (deadline.cause === 'client-gone') return undefined;
      return { status: 200, reply: verdict.reply, closeConnection: false, verdict };
    },
  };
}

export type CallbackHandler = ReturnType<typeof createCallbackHandler>;
