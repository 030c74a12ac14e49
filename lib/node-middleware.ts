import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Deadline, type Cancellation } from './deadline.js';
import { InternalError, UserCallbackError } from './errors.js';
import type { BodySource, CallbackAnswer, CallbackHandler } from './handle-callback.js';
import type { ParsedQuery } from './parse-query.js';
import { readBody } from './read-body.js';
import { failureReply } from './reply.js';
import type { ResolvedConfig } from './resolve-options.js';

/** A middleware for Express 4 and 5, Connect, or a bare `node:http` server. */
export type WebhookMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

interface MaybeParsedRequest extends IncomingMessage {
  /** What an earlier parser (`express.json()`, `express.raw()`, `express.text()`) made of the body. */
  body?: unknown;
}

async function bodySource(req: MaybeParsedRequest, limit: number, cancellation: Cancellation): Promise<BodySource> {
  // An earlier parser has consumed the stream; what it made of the body is all there is.
  if (req.readableEnded) {
    const { body } = req;
    if (Buffer.isBuffer(body)) return { bytes: body };
    if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8') };
    if (body === undefined) {
      return new InternalError('ERR_BODY_UNAVAILABLE', 'the request body was consumed before this middleware');
    }
    return { parsed: body };
  }
  const outcome = await readBody(req, limit, cancellation);
  if (outcome === 'not-received') return outcome;
  return Buffer.isBuffer(outcome) ? { bytes: outcome } : outcome;
}

function send(res: ServerResponse, answer: CallbackAnswer): void {
  // Something else (an app's own timeout handler, say) may have answered while we decided.
  if (res.headersSent) return;
  const payload = JSON.stringify(answer.reply);
  res.statusCode = answer.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(payload));
  res.setHeader('Cache-Control', 'no-store');
  if (answer.closeConnection) res.setHeader('Connection', 'close');
  res.end(payload);
}

/** Adapts the core to node's request and response objects (what Express and Connect pass too). */
export function createNodeMiddleware(handler: CallbackHandler, config: ResolvedConfig): WebhookMiddleware {
  const { logger } = config;

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

  function logRefusal(answer: CallbackAnswer): void {
    if (!answer.error) return;
    const message = `beforeAddSubscriber: answered ${answer.status} ${answer.error.code}`;
    if (answer.status >= 500) logger.error(message, answer.error);
    else logger.warn(message, answer.error);
  }

  async function answerRequest(req: IncomingMessage, res: ServerResponse, parsed: ParsedQuery): Promise<void> {
    const startedAt = performance.now();
    const refused = handler.precheck(parsed);
    if (refused) {
      send(res, refused);
      logRefusal(refused);
      return;
    }
    const deadline = new Deadline(config.timeoutMs);
    // After the reply this is a no-op: the deadline has already ended.
    const onClose = (): void => deadline.clientGone();
    res.once('close', onClose);
    // A client that left before this middleware ran has already closed: nobody waits for a reply.
    if (req.destroyed || res.destroyed) deadline.clientGone();
    try {
      const answer = await handler.handle(
        parsed,
        (cancellation) => bodySource(req, config.bodyLimitBytes, cancellation),
        deadline,
      );
      if (answer === undefined) return;
      send(res, answer);
      deadline.end();
      logRefusal(answer);
      reportAfterReply(answer, deadline, startedAt);
    } finally {
      res.off('close', onClose);
      deadline.end();
    }
  }

  return function tencentChatBeforeAddSubscriber(req, res, next) {
    const parsed = handler.route(req.method, req.url);
    if (!parsed) {
      next();
      return;
    }
    answerRequest(req, res, parsed).catch((error: unknown) => {
      send(res, {
        status: 500,
        reply: failureReply(new InternalError('ERR_INTERNAL', 'internal error')),
        closeConnection: true,
      });
      logger.error('beforeAddSubscriber: internal error', error);
    });
  };
}
