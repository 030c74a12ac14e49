import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cancellation } from '../engine/deadline.js';
import type { BodySource, CallbackExchange, Engine, Reply } from '../engine/engine.js';
import type { SharedConfig } from '../engine/resolve-shared-options.js';
import { bodyUnavailable } from '../engine/body-errors.js';
import { readBody } from './read-body.js';

/** A middleware for Express 4 and 5, Connect, or a bare `node:http` server. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

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
    if (body === undefined) return bodyUnavailable();
    return { parsed: body };
  }
  const outcome = await readBody(req, limit, cancellation);
  if (outcome === 'not-received') return outcome;
  return Buffer.isBuffer(outcome) ? { bytes: outcome } : outcome;
}

function send(res: ServerResponse, reply: Reply): void {
  // Something else (an app's own timeout handler, say) may have answered while we decided.
  if (res.headersSent) return;
  const payload = JSON.stringify(reply.body);
  // One flat list of names and values: writeHead takes it as it is, with no header map to build
  // (headers an earlier middleware set are still merged in by node).
  const headers = [
    'Content-Type',
    'application/json; charset=utf-8',
    'Content-Length',
    String(Buffer.byteLength(payload)),
    'Cache-Control',
    'no-store',
  ];
  if (reply.closeConnection) headers.push('Connection', 'close');
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/**
 * Whether the connection to the client is closed. Not `req.destroyed`: a parser that decompressed
 * the body, or `stream.pipeline`, destroys the request stream once it has read it, while the client
 * still waits for the reply. The request's socket, unlike `res.socket`, is also there for a response
 * still queued behind another on the same connection.
 */
function connectionClosed(req: IncomingMessage, res: ServerResponse): boolean {
  return res.destroyed || req.socket.destroyed;
}

function nodeExchange(
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
  bodyLimitBytes: number,
): CallbackExchange {
  return {
    readBody: (cancellation) => bodySource(req, bodyLimitBytes, cancellation),
    send: (reply) => send(res, reply),
    passOn: next,
    // A client that left before the middleware ran has closed already and sends no more events.
    clientGone: connectionClosed(req, res),
    onClientGone: (listener) => {
      res.once('close', listener);
      return () => res.off('close', listener);
    },
  };
}

const BODY_READ_IN_FRONT_WARNING =
  ': the request body was read by a middleware in front of this one ' +
  '(a body parser such as express.json()), so authentication runs only after the body was read. ' +
  "Mount this middleware before body parsers, e.g. app.use('/im/callback', webhook) before app.use(express.json()).";

/** Warns the first time a request arrives with its body already read; later ones say nothing new. */
function bodyReadInFrontWarner(config: Pick<SharedConfig, 'entry' | 'warn'>): (req: IncomingMessage) => void {
  let warned = false;
  return (req) => {
    if (warned || !req.readableEnded) return;
    warned = true;
    config.warn(`${config.entry}${BODY_READ_IN_FRONT_WARNING}`);
  };
}

/**
 * Adapts the runtime-neutral engine to node's request and response, which Express and Connect
 * pass too: requests that are not ours go to `next()` untouched. `name` names the returned
 * function, so stack traces say whose it is.
 */
export function createNodeMiddleware(
  engine: Pick<Engine, 'route' | 'answer'>,
  config: Pick<SharedConfig, 'bodyLimitBytes' | 'entry' | 'warn'>,
  name: string,
): NodeMiddleware {
  const { bodyLimitBytes } = config;
  const noteBodyReadInFront = bodyReadInFrontWarner(config);
  const middleware: NodeMiddleware = (req, res, next) => {
    const parsed = engine.route(req.method, req.url);
    if (!parsed) {
      next();
      return;
    }
    noteBodyReadInFront(req);
    void engine.answer(
      parsed,
      nodeExchange(req, res, () => next(), bodyLimitBytes),
    );
  };
  return Object.defineProperty(middleware, 'name', { value: name });
}
