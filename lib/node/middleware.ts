import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cancellation } from '../engine/deadline.js';
import type { BodySource, CallbackExchange, Engine, Reply } from '../engine/engine.js';
import type { SharedConfig } from '../engine/resolve-shared-options.js';
import { bodyUnavailable } from '../engine/body-errors.js';
import { readBody } from './read-body.js';
import { bodyReadInFrontWarner } from './body-read-in-front.js';

/** A middleware for Express 4 and 5, Connect, or a bare `node:http` server. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

interface MaybeParsedRequest extends IncomingMessage {
  /** What an earlier parser (`express.json()`, `express.raw()`, `express.text()`) made of the body. */
  body?: unknown;
  /** The URL before Express or Connect stripped the path the middleware is mounted on. */
  originalUrl?: string;
}

/** What an earlier parser (`express.json()`, `express.raw()`, `express.text()`) made of the body it consumed. */
function bodyReadInFront(req: MaybeParsedRequest): BodySource {
  const { body } = req;
  if (Buffer.isBuffer(body)) return { bytes: body };
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8') };
  if (body === undefined) return bodyUnavailable();
  return { parsed: body };
}

/**
 * One request and its response, as the engine sees them. A class rather than an object of closures:
 * its methods are made once, not once per request.
 */
class NodeExchange implements CallbackExchange {
  private clientListener: (() => void) | undefined;

  constructor(
    private readonly req: MaybeParsedRequest,
    private readonly res: ServerResponse,
    private readonly next: (error?: unknown) => void,
    private readonly bodyLimitBytes: number,
  ) {}

  readBody(cancellation: Cancellation, done: (source: BodySource) => void): void {
    // An earlier parser has consumed the stream; what it made of the body is all there is.
    if (this.req.readableEnded) return done(bodyReadInFront(this.req));
    readBody(this.req, this.bodyLimitBytes, cancellation, (outcome) =>
      done(Buffer.isBuffer(outcome) ? { bytes: outcome } : outcome),
    );
  }

  send(reply: Reply): void {
    const { res } = this;
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

  passOn(): void {
    this.next();
  }

  /**
   * Not `req.destroyed`: a parser that decompressed the body, or `stream.pipeline`, destroys the
   * request stream once it has read it, while the client still waits for the reply. The request's
   * socket, unlike `res.socket`, is also there for a response still queued behind another on the
   * same connection.
   */
  get clientGone(): boolean {
    return this.res.destroyed || this.req.socket.destroyed;
  }

  onClientGone(listener: () => void): void {
    this.clientListener = listener;
    // `on`, not `once`: 'close' comes once, and `once` wraps every listener in a new function.
    this.res.on('close', listener);
  }

  close(): void {
    if (this.clientListener) this.res.off('close', this.clientListener);
    this.clientListener = undefined;
  }
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
  const middleware: NodeMiddleware = (req: MaybeParsedRequest, res, next) => {
    const parsed = engine.route(req.method, req);
    if (!parsed) {
      next();
      return;
    }
    noteBodyReadInFront(req);
    engine.answer(parsed, new NodeExchange(req, res, next, bodyLimitBytes));
  };
  return Object.defineProperty(middleware, 'name', { value: name });
}
