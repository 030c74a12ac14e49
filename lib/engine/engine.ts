import { performance } from 'node:perf_hooks';
import { createAuthenticator } from '../protocol/authenticate.js';
import { Deadline, type Cancellation } from './deadline.js';
import {
  AuthenticationError,
  BodyTimeoutError,
  ForbiddenAppError,
  InternalError,
  InvalidRequestError,
  RequestError,
  UserCallbackError,
} from '../errors.js';
import { parseBodyBytes, sanitizeParsedBody } from './parse-body.js';
import { parseQuery, type ParsedQuery } from '../protocol/query.js';
import { CALLBACK_COMMAND_PATTERN, KNOWN_OPT_PLATFORMS } from '../protocol/constants.js';
import { acknowledgement, failureReply } from '../protocol/reply.js';
import type { CallbackQuery, DecisionReport, GateDecisionReport, TencentReply } from '../types.js';
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

/** Which requests the engine answers, and what it does with a command that has no handler. */
export interface Routing {
  /** Whether a POST with these `CallbackCommand` values is ours to authenticate. */
  readonly claims: (commands: readonly string[]) => boolean;
  readonly runners: ReadonlyMap<string, CommandRunner>;
  readonly unhandled: 'next' | 'ack';
  readonly onDecision: ((report: DecisionReport | GateDecisionReport) => void | PromiseLike<void>) | undefined;
}

/** A reply with what the engine logs and reports after sending it. */
interface Settled {
  reply: Reply;
  error?: RequestError | undefined;
  report?: PendingReport | undefined;
}

const KNOWN_PLATFORMS: ReadonlySet<string> = new Set(KNOWN_OPT_PLATFORMS);
// Bounded, so a stream of invented platform names cannot grow memory without limit.
const MAX_REPORTED_PLATFORMS = 32;

const INTERNAL_ERROR_REPLY: Reply = {
  status: 500,
  body: failureReply(new InternalError('ERR_INTERNAL', 'internal error')),
  closeConnection: true,
};

const ACK_REPLY: Reply = { status: 200, body: acknowledgement(), closeConnection: false };

function commandOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const command = (body as { CallbackCommand?: unknown }).CallbackCommand;
  return typeof command === 'string' ? command : undefined;
}

// The command comes from an unauthenticated query: quoted (no forged log lines) and cut short.
const LOGGED_COMMAND_MAX_LENGTH = 100;

function describeCommand(command: string): string {
  if (command === '') return 'a callback';
  const shown =
    command.length > LOGGED_COMMAND_MAX_LENGTH ? `${command.slice(0, LOGGED_COMMAND_MAX_LENGTH)}…` : command;
  return CALLBACK_COMMAND_PATTERN.test(command) ? command : JSON.stringify(shown);
}

function refused(error: RequestError, closeConnection: boolean): Settled {
  return { reply: { status: error.status, body: failureReply(error), closeConnection }, error };
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

  function noteUnknownPlatform(query: CallbackQuery): void {
    const platform = query.OptPlatform;
    if (platform === undefined || KNOWN_PLATFORMS.has(platform) || reportedPlatforms.has(platform)) return;
    if (reportedPlatforms.size >= MAX_REPORTED_PLATFORMS) return;
    reportedPlatforms.add(platform);
    logger.warn(`${entry}: unknown OptPlatform ${JSON.stringify(platform)} accepted`);
  }

  /** Checks what the query alone can tell, before the body is read. */
  function precheck(parsed: ParsedQuery): Settled | undefined {
    if (parsed.repeated.length > 0) {
      const error = new InvalidRequestError(
        'ERR_QUERY_REPEATED',
        `query parameter ${parsed.repeated.join(', ')} appears more than once`,
      );
      return refused(error, true);
    }
    const error = authenticate(parsed.query);
    return error ? refused(error, true) : undefined;
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
      return refused(new BodyTimeoutError('ERR_BODY_TIMEOUT', 'body did not arrive before the deadline'), true);
    }
    if (source instanceof RequestError) return refused(source, true);

    const value = 'bytes' in source ? parseBodyBytes(source.bytes) : sanitizeParsedBody(source.parsed);
    if (value instanceof RequestError) return refused(value, false);
    // Checked before the schema, whose `const` would give a vaguer answer to a misrouted body.
    const bodyCommand = commandOf(value);
    if (bodyCommand !== undefined && bodyCommand !== parsed.query.CallbackCommand) {
      const error = new InvalidRequestError(
        'ERR_COMMAND_MISMATCH',
        'body.CallbackCommand does not match the CallbackCommand query parameter',
      );
      return refused(error, false);
    }
    const event = runner.validate(value);
    if (event instanceof RequestError) return refused(event, false);
    // A client gone while an earlier parser's body was handed over: no handler runs for nobody.
    if (deadline.cause === 'client-gone') return undefined;
    noteUnknownPlatform(parsed.query);

    const context = {
      event,
      query: parsed.query,
      // Made on first read: an AbortSignal costs more than most handlers that never use it.
      get signal() {
        return deadline.signal;
      },
    };
    const result = runner.run(context, deadline);
    // A synchronous handler's result is sent in the same tick: no promise, no microtask.
    return result instanceof Promise ? result.then((late) => replied(late, deadline)) : replied(result, deadline);
  }

  function replied(result: HandlerResult, deadline: Deadline): Settled | undefined {
    if (deadline.cause === 'client-gone') return undefined;
    return { reply: { status: 200, body: result.reply, closeConnection: false }, report: result.report };
  }

  /**
   * A refused request is the client's problem, not ours: one line with its code and reason, never a
   * stack trace, so a scanner hammering the URL cannot fill the disk. Faults of ours (500, a broken
   * clock) are logged with their error.
   */
  function logRefusal(settled: Settled, command: string, signed: boolean): void {
    const { error } = settled;
    if (!error) return;
    const line = `${entry}: ${describeCommand(command)} answered ${error.status} ${error.code}: ${error.message}`;
    if (error.status >= 500 || error.code === 'ERR_CLOCK_INVALID') logger.error(line, error);
    // A request that passed the Sign check came from Tencent: its refusal is a failed callback, which
    // Tencent's console policy may let through, so whoever runs the app must hear of it.
    else if (error instanceof AuthenticationError || error instanceof ForbiddenAppError || signed) logger.warn(line);
    else logger.info(line);
  }

  function reportAfterReply(settled: Settled, deadline: Deadline, startedAt: number): void {
    const { onDecision } = routing;
    if (!settled.report || !onDecision) return;
    const report = {
      ...settled.report,
      durationMs: performance.now() - startedAt,
      deadlineFired: deadline.cause === 'deadline',
    };
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

  /** Any fault of ours is answered with a fixed 500 and logged, never thrown at the server. */
  function failInternally(exchange: CallbackExchange, error: unknown, deadline?: Deadline): void {
    exchange.send(INTERNAL_ERROR_REPLY);
    logger.error(`${entry}: internal error`, error);
    deadline?.end();
    exchange.close();
  }

  function answerUnderDeadline(parsed: ParsedQuery, exchange: CallbackExchange): void {
    const startedAt = performance.now();
    const command = parsed.query.CallbackCommand;
    const refusal = precheck(parsed);
    if (refusal) {
      exchange.send(refusal.reply);
      logRefusal(refusal, command, false);
      exchange.close();
      return;
    }
    const runner = routing.runners.get(command);
    if (!runner) {
      if (routing.unhandled === 'next') exchange.passOn();
      else exchange.send(ACK_REPLY);
      exchange.close();
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
        logRefusal(settled, command, config.tokens.length > 0);
        reportAfterReply(settled, deadline, startedAt);
      } finally {
        deadline.end();
        exchange.close();
      }
    };
    const fail = (error: unknown): void => failInternally(exchange, error, deadline);

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
    route(method: string | undefined, url: string | undefined): ParsedQuery | undefined {
      if (method !== 'POST') return undefined;
      const parsed = parseQuery(url);
      return routing.claims(parsed.commands) ? parsed : undefined;
    },

    /** Answers one routed request; any fault of ours is answered with a fixed 500 and logged. */
    answer(parsed: ParsedQuery, exchange: CallbackExchange): void {
      try {
        answerUnderDeadline(parsed, exchange);
      } catch (error) {
        failInternally(exchange, error);
      }
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
