// Checked by `npm run typecheck` (tsc --noEmit), never run: the fetch handler, koaMiddleware and
// fastifyOnRequest fit the real frameworks' types, and misuse stays a type error.
import type { IncomingMessage } from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import {
  beforeAddSubscriber,
  callbackRouter,
  fastifyOnRequest,
  koaMiddleware,
  type FetchHandler,
  type WebhookMiddleware,
} from '../../lib/index';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

const router = callbackRouter({ token: 'secret', on: {} });
const gate = beforeAddSubscriber({ token: 'secret', decide: () => true });

// Both entry points give a node middleware with a web handler attached.
assertType<Equal<typeof router.fetch, FetchHandler>>();
assertType<Equal<typeof gate.fetch, (request: Request) => Promise<Response | undefined>>>();
express().use('/im/callback', router);

// Unbound, in the shape fetch runtimes export; `undefined` (not ours) needs a fallback.
const { fetch } = router;
export const worker = {
  fetch: async (request: Request): Promise<Response> => (await fetch(request)) ?? new Response(null, { status: 404 }),
};
// @ts-expect-error  A runtime wants a Response, and `fetch` may resolve to undefined.
export const careless: { fetch: (request: Request) => Promise<Response> } = { fetch: router.fetch };
declare const incoming: IncomingMessage;
// @ts-expect-error  It takes a web Request, not node's IncomingMessage.
// eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- the misuse under test
void router.fetch(incoming);
// @ts-expect-error  It is not writable: every request goes through the same engine.
router.fetch = fetch;

// Next.js app router: a route handler.
export const POST = async (request: Request): Promise<Response> =>
  (await router.fetch(request)) ?? Response.json({ error: 'not a Tencent Chat callback' }, { status: 404 });

// Hono: a middleware that answers ours and routes the rest on.
new Hono().use('/im/callback', async (c, next) => (await router.fetch(c.req.raw)) ?? next());

// Koa, with and without its body parser in front.
const koa = new Koa();
koa.use(bodyParser());
koa.use(koaMiddleware(router));
koa.use(koaMiddleware(gate));
// @ts-expect-error  koaMiddleware wraps a webhook middleware, not its options.
koaMiddleware({ token: 'secret', on: {} });

// Fastify, on one route or for every route.
const fastify = Fastify();
fastify.post('/im/callback', { onRequest: fastifyOnRequest(router) }, (_request, reply) => reply.code(404).send());
fastify.addHook('onRequest', fastifyOnRequest(gate));
// @ts-expect-error  fastifyOnRequest takes the middleware, not its `.fetch`.
// eslint-disable-next-line @typescript-eslint/no-misused-promises -- the misuse under test
fastifyOnRequest(router.fetch);

export const both: WebhookMiddleware[] = [router, gate];
