import { performance } from 'node:perf_hooks';
import { Deadline, type Cancellation } from './deadline.js';
import { AuthenticationError, ForbiddenAppError, InternalError, UserCallbackError } from './errors.js';
import type { BodySource, CallbackAnswer, CallbackHandler } from './handle-callback.js';
import type { ParsedQuery } from './parse-query.js';
import { failureReply } from './reply.js';
import type { ResolvedConfig } from './resolve-options.js';

/** What a server adapter provides for one request: its body, a way to answer, its client's state. */
export interface CallbackExchange {
  /** The body as bytes, or as a value an earlier parser made; stops when `cancellation` fires. */
  readonly readBody: (cancellation: Cancellation) => Promise<BodySource>;
  /** Writes the answer, unless something else has answered already. */
  readonly send: (answer: CallbackAnswer) => void;
  /** Whether the client had gone before the request reached us. */
  readonly clientGone: boolean;
  /** Calls `listener` when the client goes away; returns what stops listening. */
  readonly onClientGone: (listener: () => void) => () => void;
}

const INTERNAL_ERROR_ANSWER: CallbackAnswer = {
  status: 500,
  reply: failureReply(new InternalError('ERR_INTERNAL', 'internal error')),
  closeConnection: true,
};

/**
 * Runs one routed request through the pipeline under its deadline, whatever the server: it owns
 * the deadline's life, notices a client that goes away, logs refusals, reports decisions after
 * the reply, and answers any fault of ours with a fixed 500.
 */
export function createCallbackAnswerer(
  handler: CallbackHandler,
  config: ResolvedConfig,
): (parsed: ParsedQuery, exchange: CallbackExchange) => Promise<void> {
  const { logger } = config;

  /**
   * A refused request is the client's problem, not ours: one line with its code and reason, never a
   * stack trace, so a scanner hammering the URL cannot fill the disk. Faults of ours (500, a broken
   * clock) are logged with their error.
   */
  function logRefusal(answer: CallbackAnswer): void {
    const { error } = answer;
    if (!error) return;
    const line = `beforeAddSubscriber: answered ${answer.status} ${error.code}: ${error.message}`;
    if (answer.status >= 500 || error.code === 'ERR_CLOCK_INVALID') logger.error(line, error);
    else if (error instanceof AuthenticationError || error instanceof ForbiddenAppError) logger.warn(line);
    else logger.info(line);
  }

  function reportAfterReply(answer: CallbackAnswer, deadline: Deadline, startedAt: number): void {
    const { onDecision } = config;
    if (!answer.verdict || !onDecision) return;
    const report = {
      ...answer.verdict.report,
      durationMs: performance.now() - startedAt,
      deadlineFired: deadline.cause === 'deadline',
    };
    const logFailure = (cause: unknown): void =>
      logger.error(
        'beforeAddSubscriber: onDecision failed',
        new UserCallbackError('ERR_ON_DECISION_FAILED', 'onDecision failed', { cause }),
      );
    try {
      // Promise.resolve adopts a promise of any realm, or a thenable, and gives a rejection a handler.
      Promise.resolve(onDecision(report)).catch(logFailure);
    } catch (error) {
      logFailure(error);
    }
  }

  async function answerUnderDeadline(parsed: ParsedQuery, exchange: CallbackExchange): Promise<void> {
    const startedAt = performance.now();
    const refused = handler.precheck(parsed);
    if (refused) {
      exchange.send(refused);
      logRefusal(refused);
      return;
    }
    const deadline = new Deadline(config.timeoutMs);
    // After the reply this is a no-op: the deadline has already ended.
    const stopWatchingClient = exchange.onClientGone(() => deadline.clientGone());
    if (exchange.clientGone) deadline.clientGone();
    try {
      const answer = await handler.handle(parsed, exchange.readBody, deadline);
      if (answer === undefined) return;
      exchange.send(answer);
      deadline.end();
      logRefusal(answer);
      reportAfterReply(answer, deadline, startedAt);
    } finally {
      stopWatchingClient();
      deadline.end();
    }
  }

  return (parsed, exchange) =>
    answerUnderDeadline(parsed, exchange).catch((error: unknown) => {
      exchange.send(INTERNAL_ERROR_ANSWER);
      logger.error('beforeAddSubscriber: internal error', error);
    });
}
