import type { Cancellation } from '../engine/deadline.js';
import type { BodySource, CallbackExchange, Engine, Reply } from '../engine/engine.js';
import type { SharedConfig } from '../engine/resolve-shared-options.js';
import { InternalError } from '../errors.js';
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

/** One web request as the engine sees it; `settle` gets the response, `undefined` when passed on. */
class WebExchange implements CallbackExchange {
  private response: { value: Response | undefined } | undefined;
  private clientListener: (() => void) | undefined;

  constructor(
    private readonly request: Request,
    private readonly bodyLimitBytes: number,
    private readonly settle: (response: Response | undefined) => void,
  ) {}

  readBody(cancellation: Cancellation, done: (source: BodySource) => void): void {
    // It settles every failure of the stream itself; what is left is a fault of ours: a 500.
    readWebBody(this.request, this.bodyLimitBytes, cancellation).then(done, (cause: unknown) =>
      done(new InternalError('ERR_INTERNAL', 'internal error', { cause })),
    );
  }

  // The first answer wins, as on node, where a second one finds the headers sent.
  send(reply: Reply): void {
    this.response ??= { value: toResponse(reply) };
  }

  passOn(): void {
    this.response ??= { value: undefined };
  }

  get clientGone(): boolean {
    return this.request.signal.aborted;
  }

  onClientGone(listener: () => void): void {
    this.clientListener = listener;
    this.request.signal.addEventListener('abort', listener, { once: true });
  }

  close(): void {
    if (this.clientListener) this.request.signal.removeEventListener('abort', this.clientListener);
    this.clientListener = undefined;
    this.settle(this.response ? this.response.value : clientGoneResponse());
  }
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
  const handler: FetchHandler = (request) => {
    const parsed = engine.route(request.method, request);
    if (!parsed) return Promise.resolve(undefined);
    return new Promise<Response | undefined>((settle) =>
      engine.answer(parsed, new WebExchange(request, bodyLimitBytes, settle)),
    );
  };
  return Object.defineProperty(handler, 'name', { value: name });
}
