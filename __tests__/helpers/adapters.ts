// One server per way of mounting the webhook, each with a handler after it that proves a request was
// passed on with its body unread: the conformance table runs the same cases on all of them.
import http from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import { getRequestListener } from '@hono/node-server';
import express5 from 'express';
import express4 from 'express4';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { fastifyOnRequest, koaMiddleware, type FetchHandler, type WebhookMiddleware } from '../../lib/index';
import { PASSED_ON_STATUS, PATH, passOn as passOnNode, passedOn, readRaw } from './servers';

export type AdapterKind = 'express5' | 'express4' | 'node:http' | 'koa' | 'fastify' | 'fetch' | 'hono';
export const ADAPTER_KINDS: AdapterKind[] = ['express5', 'express4', 'node:http', 'koa', 'fastify', 'fetch', 'hono'];

/** What comes after the fetch handler: it reads the body the handler left unread. */
async function passOnWeb(request: Request): Promise<Response> {
  const body = passedOn(request.method, await request.text());
  return new Response(JSON.stringify(body), {
    status: PASSED_ON_STATUS,
    headers: { 'Content-Type': 'application/json' },
  });
}

/**
 * The request body as a web stream that reads only when pulled. Cancelling it stops reading and
 * leaves the socket open, as node's own adapter does (`req.pause()`), so the reply still goes out.
 */
function bodyStream(req: http.IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  const close = (): void => {
    open = false;
    req.pause();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (open) controller.close();
        open = false;
      });
      req.on('close', () => {
        if (open && !req.complete) controller.error(new Error('the client went away'));
        open = false;
      });
    },
    pull() {
      req.resume();
    },
    cancel: close,
  });
}

/** Builds the `Request` a fetch runtime would hand over, with a signal that aborts if the client goes. */
export function requestFrom(req: http.IncomingMessage, res: http.ServerResponse): Request {
  const aborted = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const each of Array.isArray(value) ? value : [value ?? '']) headers.append(name, each);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method,
    headers,
    signal: aborted.signal,
    ...(hasBody ? { body: bodyStream(req), duplex: 'half' } : {}),
  } as RequestInit);
}

async function writeResponse(res: http.ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** A node:http server that runs a fetch handler, as Node-hosted fetch runtimes do. */
export function fetchBridge(handler: FetchHandler, passOn = passOnWeb): http.Server {
  return http.createServer((req, res) => {
    const request = requestFrom(req, res);
    void (async () => writeResponse(res, (await handler(request)) ?? (await passOn(request))))();
  });
}

async function fastifyServer(webhook: WebhookMiddleware): Promise<http.Server> {
  const app = Fastify();
  // Only for what is passed on, so the handler below can show the body arrived untouched.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
  app.route({
    method: ['GET', 'POST', 'PUT'],
    url: PATH,
    onRequest: fastifyOnRequest(webhook),
    handler: async (request, reply) => {
      const body = typeof request.body === 'string' ? request.body : '';
      return reply.code(PASSED_ON_STATUS).send(passedOn(request.method, body));
    },
  });
  await app.ready();
  return app.server;
}

function koaServer(webhook: WebhookMiddleware, withBodyParser: boolean): http.Server {
  // Koa prints errors (the parser's 400, say) to stderr unless silent; tests assert the replies.
  const app = new Koa();
  app.silent = true;
  if (withBodyParser) app.use(bodyParser());
  app.use(koaMiddleware(webhook));
  app.use(async (ctx) => {
    const rawBody = ctx.req.readableEnded ? '' : await readRaw(ctx.req);
    ctx.status = PASSED_ON_STATUS;
    ctx.body = passedOn(ctx.method, rawBody);
  });
  const callback = app.callback();
  return http.createServer((req, res) => void callback(req, res));
}

function honoServer(webhook: WebhookMiddleware): http.Server {
  const app = new Hono();
  // docs/recipes/hono.md, line for line.
  app.use(PATH, async (c, next) => (await webhook.fetch(c.req.raw)) ?? next());
  app.all(PATH, (c) => passOnWeb(c.req.raw));
  const listener = getRequestListener(app.fetch);
  return http.createServer((req, res) => void listener(req, res));
}

/**
 * A server with `webhook` mounted on PATH the way each framework does it and, after it, a handler
 * that reads the raw body and answers 299, so a test tells "passed on, body unread" from our replies.
 */
export async function adapterServer(kind: AdapterKind, webhook: WebhookMiddleware): Promise<http.Server> {
  switch (kind) {
    case 'node:http':
      return http.createServer((req, res) => webhook(req, res, () => passOnNode(req, res)));
    case 'koa':
      return koaServer(webhook, false);
    case 'fastify':
      return fastifyServer(webhook);
    case 'fetch':
      // Unbound, as `export default { fetch: router.fetch }` uses it.
      return fetchBridge(webhook.fetch);
    case 'hono':
      return honoServer(webhook);
    default: {
      const express = kind === 'express5' ? express5 : express4;
      const app = express();
      app.use(PATH, webhook);
      app.use(passOnNode);
      return http.createServer(app);
    }
  }
}

/** Koa with `@koa/bodyparser` in front of the webhook. */
export function koaServerWithBodyParser(webhook: WebhookMiddleware): http.Server {
  return koaServer(webhook, true);
}
