import { createAuthenticator } from '../protocol/authenticate.js';
import { Deadline, type Cancellation } from './deadline.js';
import { HandlerContext } from './handler-context.js';
import {
  AuthenticationError,
  BodyTimeoutError,
  InternalError,
  InvalidRequestError,
  RequestError,
  UserCallbackError,
} from '../errors.js';
import { parseBodyBytes, sanitizeParsedBody } from './parse-body.js';
import { normalizedPath, parseQuery, type ParsedQuery, type TencentQueryParameter } from '../protocol/query.js';
import { KNOWN_OPT_PLATFORMS } from '../protocol/constants.js';
import { acknowledgement, failureReply, reasonText, refusal } from '../protocol/reply.js';
import { describeCommand, quoted, RefusalLog } from './log-lines.js';
import type { CallbackQuery, TencentReply } from '../types.js';
import type { DecisionReport } from '../handlers.js';
import type { CommandRunner, HandlerResult, PendingReport } from './command-runner.js';
import type { SharedConfig } from './resolve-shared-options.js';

/**
 * What a server adapter hands over as the body: raw bytes (node's Buffers are Uint8Arrays too), or a
 * value an earlier parser made.
 */
export type BodySource = { bytes: Uint8Array } | { parsed: unknown } | RequestError | 'not-received';

/** What the adapter writes: a status and a JSON body. */
export interface Reply {
  status: number;
  body: TencentReply | Readonly<Record<string, unknown>>;
  /** Set when the body was not read to its end, so the connection cannot be reused. */
  closeConnection: boolean;
}

/**
 * What a server adapter provides for one request: its body, a way to reply, its client's state.
 * The engine calls `close()` once, last, whether it replied or not.
 */
export interface CallbackExchange {
  /**
   * Calls `done` once with the body as bytes, or as a value an earlier parser made; stops when
   * `cancellation` fires. `done` may be called before `readBody` returns.
   */
  readBody(cancellation: Cancellation, done: (source: BodySource) => void): void;
  /** Writes the reply, unless something else has replied already. */
  send(reply: Reply): void;
  /** Hands the request, authenticated and with its body unread, to whatever comes next. */
  passOn(): void;
  /** Whether the client has gone. */
  readonly clientGone: boolean;
  /** Calls `listener` when the client goes away, until `close()`. */
  onClientGone(listener: () => void): void;
  /** The engine is done with this request: stop listening to the client. Safe to call again. */
  close(): void;
}

/** What routing reads of a request besides its method: its URL, and Express's `originalUrl` when there is one. */
export interface RequestTarget {
  readonly url?: string | undefined;
  /** The URL before a framework stripped the path it is mounted on (Express and Connect set it). */
  readonly originalUrl?: string | undefined;
}

/** Which requests the engine answers, and what it does with a command that has no handler. */
export interface Routing {
  /** Whether a POST is ours to authenticate and answer; every other request goes to `next()` untouched. */
  readonly claims: (parsed: ParsedQuery, target: RequestTarget) => boolean;
  readonly runners: ReadonlyMap<string, CommandRunner>;
  readonly unhandled: 'next' | 'ack';
  readonly onDecision: ((report: DecisionReport) => void | PromiseLike<void>) | undefined;
}

/** A reply with what the engine logs and reports after sending it. */
interface Settled {
  reply: Reply;
  /** Why an unauthenticated request was answered with an error status. */
  error?: RequestError | undefined;
  /** Why an authenticated request was refused before its handler ran. */
  refusedBecause?: RequestError | undefined;
  report?: PendingReport | undefined;
}

const KNOWN_PLATFORMS: ReadonlySet<string> = new Set(KNOWN_OPT_PLATFORMS);
// Bounded, so a stream of invented platform names cannot grow memory without limit.
const MAX_REPORTED_PLATFORMS = 32;

const INTERNAL_ERROR = new InternalError('ERR_INTERNAL', 'internal error');

const INTERNAL_ERROR_REPLY: Reply = { status: 500, body: failureReply(INTERNAL_ERROR), closeConnection: true };

const ACK_REPLY: Reply = { status: 200, body: acknowledgement(), closeConnection: false };

// Sign and RequestTime are what authenticates: two different values of either cannot be checked.
const AUTHENTICATING_PARAMETERS: readonly TencentQueryParameter[] = ['Sign', 'RequestTime'];

function commandOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const command = (body as { CallbackCommand?: unknown }).CallbackCommand;
  return typeof command === 'string' ? command : undefined;
}

function failed(error: RequestError): Settled {
  return { reply: { status: error.status, body: failureReply(error), closeConnection: true }, error };
}

/**
 * Whether a framework mounted the middleware on the path of this very request and stripped it from
 * `url` (Express's and Connect's `app.use('/im/callback', router)`): what is left of the path is
 * `/`, while the whole path is longer. A request to another path below a mount (`app.use('/api', r)`
 * and `POST /api/orders`), or one whose path a middleware rewrote, is not: the app's other routes
 * stay its own.
 */
export function isMountedOnPath(target: RequestTarget): boolean {
  const { url, originalUrl } = target;
  return (
    url !== undefined && originalUrl !== undefined && normalizedPath(url) === '/' && normalizedPath(originalUrl) !== '/'
  );
}

/**
 * The runtime-neutral pipeline every command goes through: route from the query → authenticity
 * (query alone, before the body) → the command's runner → body → schema → handler under the
 * deadline → reply, then logging and `onDecision`. Server adapters only read the body and write
 * the reply; commands are data (their runners).
 */
export function createEngine(config: SharedConfig, routing: Routing) {
  const { logger, entry } = config;
  const authenticate = createAuthenticator(config);
  const reportedPlatforms = new Set<string>();
  const refusalLog = new RefusalLog(logger, entry, config.refusalLogIntervalMs);

  function noteUnknownPlatform(query: CallbackQuery): void {
    const platform = query.OptPlatform;
    if (platform === undefined || KNOWN_PLATFORMS.has(platform) || reportedPlatforms.has(platform)) return;
    if (reportedPlatforms.size >= MAX_REPORTED_PLATFORMS) return;
    reportedPlatforms.add(platform);
    logger.warn(`${entry}: unknown OptPlatform ${quoted(platform)} accepted`);
  }

  /** Checks what the query alone can tell, before the body is read. */
  function precheck(parsed: ParsedQuery): Settled | undefined {
    const { conflicting } = parsed;
    if (conflicting.length > 0) {
      const message = `query parameter ${conflicting.join(', ')} appears more than once, with different values`;
      return failed(
        conflicting.some((name) => AUTHENTICATING_PARAMETERS.includes(name))
          ? new AuthenticationError('ERR_QUERY_REPEATED', message)
          : new InvalidRequestError('ERR_QUERY_REPEATED', message),
      );
    }
    const error = authenticate(parsed.query);
    return error ? failed(error) : undefined;
  }

  /**
   * The command's failure policy, for a request that passed authentication but failed before its
   * handler ran: a 200 with the decision the policy gives, never an error status that Tencent's
   * console policy would let through.
   */
  function refusedBefore(runner: CommandRunner, error: RequestError, body: unknown, closeConnection: boolean): Settled {
    const result = runner.refuse(error, body);
    return { reply: { status: 200, body: result.reply, closeConnection }, refusedBecause: error };
  }

  /** What the body comes to: the runner's result, or why there is none. Synchronous when the handler is. */
  function handle(
    parsed: ParsedQuery,
    runner: CommandRunner,
    source: BodySource,
    deadline: Deadline,
  ): Settled | undefined | Promise<Settled | undefined> {
    if (source === 'not-received') {
      if (deadline.cause !== 'deadline') return undefined;
      const error = new BodyTimeoutError('ERR_BODY_TIMEOUT', 'body did not arrive before the deadline');
      return refusedBefore(runner, error, undefined, true);
    }
    if (source instanceof RequestError) return refusedBefore(runner, source, undefined, true);

    const value = 'bytes' in source ? parseBodyBytes(source.bytes) : sanitizeParsedBody(source.parsed);
    if (value instanceof RequestError) return refusedBefore(runner, value, undefined, false);
    // Checked before the schema, whose `const` would give a vaguer answer to a misrouted body.
    const bodyCommand = commandOf(value);
    if (bodyCommand !== undefined && bodyCommand !== parsed.query.CallbackCommand) {
      const error = new InvalidRequestError(
        'ERR_COMMAND_MISMATCH',
        'body.CallbackCommand does not match the CallbackCommand query parameter',
      );
      return refusedBefore(runner, error, value, false);
    }
    const event = runner.validate(value);
    if (event instanceof RequestError) return refusedBefore(runner, event, value, false);
    // A client gone while an earlier parser's body was handed over: no handler runs for nobody.
    if (deadline.cause === 'client-gone') return undefined;
    noteUnknownPlatform(parsed.query);

    const context = new HandlerContext(event, parsed.query, deadline);
    const result = runner.run(context, deadline);
    // A synchronous handler's result is sent in the same tick: no promise, no microtask.
    return result instanceof Promise ? result.then((late) => replied(late, deadline)) : replied(result, deadline);
  }

  function replied(result: HandlerResult, deadline: Deadline): Settled | undefined {
    if (deadline.cause === 'client-gone') return undefined;
    return { reply: { status: 200, body: result.reply, closeConnection: false }, report: result.report };
  }

  /**
   * An unauthenticated request is the client's problem, not ours: at most one line per error code
   * and interval, never a stack trace, so a flood of forged requests cannot fill the disk. A broken
   * clock, which refuses every request, is ours to fix: logged as an error, as rarely.
   */
  function logFailure(error: RequestError, command: string): void {
    const what = `answered ${error.status} ${error.code}`;
    const line = `${entry}: ${describeCommand(command)} ${what}: ${error.message}`;
    const level = error.code === 'ERR_CLOCK_INVALID' ? 'error' : error.status === 400 ? 'info' : 'warn';
    refusalLog.refused(level, what, line);
  }

  /**
   * A request from Tencent refused before its handler ran means something is wrong (a body Tencent
   * changed, a parser in front, a limit too low): one error line each, with the reason's code.
   */
  function logRefusedBefore(error: RequestError, command: string): void {
    // A fault of ours, met while the body was read: its cause is what whoever runs the app needs.
    if (error.code === 'ERR_INTERNAL') logger.error(`${entry}: internal error`, error);
    else
      logger.error(
        `${entry}: ${describeCommand(command)} refused before its handler ran: ${error.code}: ${error.message}`,
      );
  }

  function logSettled(settled: Settled, command: string): void {
    if (settled.error) logFailure(settled.error, command);
    else if (settled.refusedBecause) logRefusedBefore(settled.refusedBecause, command);
  }

  function reportAfterReply(settled: Settled, deadline: Deadline, startedAt: number): void {
    const { onDecision } = routing;
    if (!settled.report || !onDecision) return;
    // Each gate builds the report of its own kind; the engine adds what only it knows.
    const report = {
      ...settled.report,
      durationMs: performance.now() - startedAt,
      deadlineFired: deadline.cause === 'deadline',
    } as DecisionReport;
    const logFailure = (cause: unknown): void =>
      logger.error(
        `${entry}: onDecision failed`,
        new UserCallbackError('ERR_ON_DECISION_FAILED', 'onDecision failed', { cause }),
      );
    try {
      // Promise.resolve adopts a promise of any realm, or a thenable, and gives a rejection a handler.
      Promise.resolve(onDecision(report)).catch(logFailure);
    } catch (error) {
      logFailure(error);
    }
  }

  /**
   * Any fault of ours is logged, never thrown at the server. An authenticated request still gets a
   * refusal in a 200 (a 500 would let Tencent's console policy decide); any other gets a fixed 500.
   */
  function failInternally(
    exchange: CallbackExchange,
    error: unknown,
    authenticated: boolean,
    deadline?: Deadline,
  ): void {
    exchange.send(
      authenticated
        ? { status: 200, body: refusal(reasonText(INTERNAL_ERROR)), closeConnection: true }
        : INTERNAL_ERROR_REPLY,
    );
    logger.error(`${entry}: internal error`, error);
    deadline?.end();
    exchange.close();
  }

  /** An authenticated callback whose command has no handler: `unhandled` says what becomes of it. */
  function answerUnhandled(command: string, exchange: CallbackExchange): void {
    if (routing.unhandled === 'next') {
      exchange.passOn();
    } else if (command === '') {
      // Tencent always names the command: acknowledging a request without one could allow anything.
      const error = new InvalidRequestError('ERR_COMMAND_MISSING', 'query parameter CallbackCommand is missing');
      exchange.send({ status: 200, body: refusal(reasonText(error)), closeConnection: false });
      logRefusedBefore(error, command);
    } else {
      exchange.send(ACK_REPLY);
    }
    exchange.close();
  }

  function answerUnderDeadline(
    parsed: ParsedQuery,
    exchange: CallbackExchange,
    state: { authenticated: boolean },
  ): void {
    const startedAt = performance.now();
    const command = parsed.query.CallbackCommand;
    const failure = precheck(parsed);
    if (failure) {
      exchange.send(failure.reply);
      logSettled(failure, command);
      exchange.close();
      return;
    }
    state.authenticated = true;
    const runner = routing.runners.get(command);
    if (!runner) {
      answerUnhandled(command, exchange);
      return;
    }
    const deadline = new Deadline(runner.timeoutMs);
    if (exchange.clientGone) deadline.clientGone();
    else exchange.onClientGone(() => deadline.clientGone());

    const conclude = (settled: Settled | undefined): void => {
      try {
        if (settled === undefined) return;
        exchange.send(settled.reply);
        deadline.end();
        logSettled(settled, command);
        reportAfterReply(settled, deadline, startedAt);
      } finally {
        deadline.end();
        exchange.close();
      }
    };
    const fail = (error: unknown): void => failInternally(exchange, error, true, deadline);

    exchange.readBody(deadline, (source) => {
      try {
        const handled = handle(parsed, runner, source, deadline);
        // A synchronous handler's result is sent in the task that brought the body's end.
        if (handled instanceof Promise) handled.then(conclude).catch(fail);
        else conclude(handled);
      } catch (error) {
        fail(error);
      }
    });
  }

  return {
    /** Whether this request is ours, from method and URL alone; other requests go to `next()`. */
    route(method: string | undefined, target: RequestTarget): ParsedQuery | undefined {
      if (method !== 'POST') return undefined;
      const parsed = parseQuery(target.url);
      return routing.claims(parsed, target) ? parsed : undefined;
    },

    /** Answers one routed request; any fault of ours is logged, and answered as {@link failInternally} says. */
    answer(parsed: ParsedQuery, exchange: CallbackExchange): void {
      const state = { authenticated: false };
      try {
        answerUnderDeadline(parsed, exchange, state);
      } catch (error) {
        failInternally(exchange, error, state.authenticated);
      }
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
