import type { CallbackExchange, Engine, Reply } from '../engine/engine.js';
import type { SharedConfig } from '../engine/resolve-shared-options.js';
import { readWebBody } from './read-body.js';

/**
 * A handler for runtimes with the web `Request` and `Response` (Hono, Next.js route handlers, Bun,
 * Deno, edge functions). It resolves to `undefined` for a request that is not ours (what `next()`
 * means for the node middleware), with its body unread, so the caller routes it on.
 */
export type FetchHandler = (request: Request) => Promise<Response | undefined>;

function toResponse(reply: Reply): Response {
  const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  if (reply.closeConnection) headers.set('Connection', 'close');
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers });
}

/**
 * What a request whose client left before the reply gets: nobody reads it, but `undefined` would
 * send it on to the next route. 499 is what nginx and `@koa/bodyparser` call a closed request.
 */
function clientGoneResponse(): Response {
  return new Response(null, { status: 499, headers: { Connection: 'close' } });
}

function webExchange(request: Request, bodyLimitBytes: number, settle: (response: Response | undefined) => void) {
  const { signal } = request;
  const exchange: CallbackExchange = {
    readBody: (cancellation) => readWebBody(request, bodyLimitBytes, cancellation),
    send: (reply) => settle(toResponse(reply)),
    passOn: () => settle(undefined),
    clientGone: signal.aborted,
    onClientGone: (listener) => {
      signal.addEventListener('abort', listener, { once: true });
      return () => signal.removeEventListener('abort', listener);
    },
  };
  return exchange;
}

/**
 * Adapts the runtime-neutral engine to the web `Request` and `Response`. A closure, not a method,
 * so it works unbound (`export default { fetch: router.fetch }`); `name` names it for stack traces.
 */
export function createFetchHandler(
  engine: Pick<Engine, 'route' | 'answer'>,
  config: Pick<SharedConfig, 'bodyLimitBytes'>,
  name: string,
): FetchHandler {
  const { bodyLimitBytes } = config;
  const handler: FetchHandler = async (request) => {
    const parsed = engine.route(request.method, request.url);
    if (!parsed) return undefined;
    let settled: { response: Response | undefined } | undefined;
    // The first answer wins, as on node, where a second one finds the headers sent.
    const settle = (response: Response | undefined): void => {
      settled ??= { response };
    };
    await engine.answer(parsed, webExchange(request, bodyLimitBytes, settle));
    return settled ? settled.response : clientGoneResponse();
  };
  return Object.defineProperty(handler, 'name', { value: name });
}
