import type { NodeMiddleware } from '../node/middleware.js';
import type { FetchHandler } from './fetch-handler.js';

/**
 * What `callbackRouter` and `beforeAddSubscriber` return. Called as `(req, res, next)`, it is a
 * middleware for Express 4 and 5, Connect, or a bare `node:http` server; requests that are not ours
 * go to `next()` with their body unread.
 */
export interface WebhookMiddleware extends NodeMiddleware {
  /**
   * The same checks, replies and deadline for runtimes with the web `Request` and `Response`
   * (Hono, Next.js route handlers, Bun, Deno, edge functions). Resolves to `undefined` for a request
   * that is not ours, with its body unread: route it on. Works unbound, so
   * `export default { fetch: router.fetch }` is fine; a request that is not ours then resolves to
   * `undefined`, which those runtimes do not accept, so give them a fallback:
   * `(request) => router.fetch(request).then((response) => response ?? new Response(null, { status: 404 }))`.
   */
  readonly fetch: FetchHandler;
}

/** The node middleware with its web handler attached as `.fetch`. */
export function withFetch(middleware: NodeMiddleware, fetch: FetchHandler): WebhookMiddleware {
  return Object.assign(middleware, { fetch });
}
