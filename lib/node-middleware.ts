import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallbackExchange } from './answer-callback.js';
import type { Cancellation } from './deadline.js';
import { InternalError } from './errors.js';
import type { BodySource, CallbackAnswer } from './handle-callback.js';
import type { ParsedQuery } from './parse-query.js';
import { readBody } from './read-body.js';

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

function nodeExchange(req: IncomingMessage, res: ServerResponse, bodyLimitBytes: number): CallbackExchange {
  return {
    readBody: (cancellation) => bodySource(req, bodyLimitBytes, cancellation),
    send: (answer) => send(res, answer),
    // A client that left before the middleware ran has closed already and sends no more events.
    clientGone: req.destroyed || res.destroyed,
    onClientGone: (listener) => {
      res.once('close', listener);
      return () => res.off('close', listener);
    },
  };
}

/**
 * Adapts the runtime-neutral core to node's request and response, which Express and Connect
 * pass too: requests that are not ours go to `next()` untouched.
 */
export function createNodeMiddleware(
  route: (method: string | undefined, url: string | undefined) => ParsedQuery | undefined,
  answer: (parsed: ParsedQuery, exchange: CallbackExchange) => Promise<void>,
  bodyLimitBytes: number,
): WebhookMiddleware {
  return function tencentChatBeforeAddSubscriber(req, res, next) {
    const parsed = route(req.method, req.url);
    if (!parsed) {
      next();
      return;
    }
    void answer(parsed, nodeExchange(req, res, bodyLimitBytes));
  };
}
