import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeMiddleware } from '../node/middleware.js';
import { noteFrameworkApp } from '../node/body-read-in-front.js';

/** The part of Koa's `ctx` this needs; written out so the package does not depend on Koa's types. */
export interface KoaContextLike {
  req: IncomingMessage;
  res: ServerResponse;
  /** The URL before `koa-mount` (or anything else) rewrote `req.url`: what the router's `path` is compared with. */
  originalUrl?: string | undefined;
  /** Set to `false` once we have answered, so Koa does not write its own response after ours. */
  respond?: boolean | undefined;
  /** What a body parser in front (`@koa/bodyparser`, `koa-bodyparser`) made of the body. */
  request: { body?: unknown; rawBody?: string | undefined };
  /** The application (Koa, Egg or Midway): named in the warning about a body parser in front. */
  app?: unknown;
}

/** A Koa middleware; `next` is Koa's. */
export type KoaMiddleware = (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void>;

interface RequestWithBody extends IncomingMessage {
  body?: unknown;
  originalUrl?: string | undefined;
}

/**
 * A body parser in front of us has read the stream and kept what it read on `ctx.request`, where
 * the node middleware does not look: hand it the raw text if there is one (it is then parsed as
 * Tencent sent it), else the parsed value. A parser that skipped the body left the stream unread.
 */
function handOverParsedBody(ctx: KoaContextLike): void {
  const req: RequestWithBody = ctx.req;
  if (!req.readableEnded) return;
  noteFrameworkApp(req, ctx.app);
  if (req.body !== undefined) return;
  req.body = ctx.request.rawBody ?? ctx.request.body;
}

/**
 * Mounts the middleware of {@link callbackRouter} or {@link beforeAddSubscriber} on Koa (2 or 3,
 * and Koa-based frameworks such as Egg.js or Midway): `app.use(koaMiddleware(router))`, with or
 * without a body parser in front. A request that is ours is answered on `ctx.res` and Koa is told
 * not to respond (`ctx.respond = false`); one that is not goes to `next()` with its body unread.
 */
export function koaMiddleware(webhook: NodeMiddleware): KoaMiddleware {
  return async function tencentChatKoaMiddleware(ctx, next) {
    handOverParsedBody(ctx);
    // Koa keeps the URL before `koa-mount` stripped its prefix on `ctx`, where the node middleware does not look.
    const req: RequestWithBody = ctx.req;
    req.originalUrl ??= ctx.originalUrl;
    const passedOn = await new Promise<boolean>((resolve) => {
      // 'close' comes once our reply is out, or when the client went away before it.
      const answered = (): void => resolve(false);
      ctx.res.once('close', answered);
      webhook(ctx.req, ctx.res, () => {
        ctx.res.off('close', answered);
        resolve(true);
      });
    });
    if (passedOn) await next();
    else ctx.respond = false;
  };
}
