import type { IncomingMessage } from 'node:http';
import type { SharedConfig } from '../engine/resolve-shared-options.js';

/**
 * Where an adapter notes the application a request came through (`ctx.app` for Koa, Egg and
 * Midway), for the warning below alone: a symbol, so no property of the framework's is touched.
 */
const FRAMEWORK_APP = Symbol('express-tencent-chat-webhook: framework app');

interface NotedRequest extends IncomingMessage {
  [FRAMEWORK_APP]?: unknown;
  /** Set by Express (Nest's Express platform included) on every request it routes. */
  app?: unknown;
}

/**
 * Notes the application of the framework a request came through, so that the warning about a body
 * read in front of us names that framework's fix. For adapters such as `koaMiddleware`, which
 * call it with `ctx.app` when the body was already read; the warning alone reads it.
 */
export function noteFrameworkApp(req: IncomingMessage, app: unknown): void {
  (req as NotedRequest)[FRAMEWORK_APP] = app;
}

/** The frameworks whose fix the warning names; `other` for node:http, Connect, or anything unknown. */
export type BodyReaderFramework = 'express' | 'koa' | 'egg' | 'midway' | 'fastify' | 'other';

function hasFunction(value: unknown, name: string): boolean {
  return typeof (value as Record<string, unknown> | null)?.[name] === 'function';
}

/** The framework of an application an adapter noted, from what is on it. */
function frameworkOfApp(app: unknown): BodyReaderFramework {
  const config = (app as { config?: { coreMiddleware?: unknown } } | null)?.config;
  if (Array.isArray(config?.coreMiddleware)) return 'egg';
  // Midway's application for Koa is a Koa application with Midway's middleware manager.
  if (hasFunction(app, 'getMiddleware') && hasFunction(app, 'useMiddleware')) return 'midway';
  if (hasFunction(app, 'addHook') && hasFunction(app, 'inject')) return 'fastify';
  if (hasFunction(app, 'callback') && hasFunction(app, 'use')) return 'koa';
  return 'other';
}

/**
 * The framework a request came through, as far as the request tells: what an adapter noted, else
 * Express's `req.app`. Read once, when the warning is written.
 */
export function bodyReaderFramework(req: IncomingMessage): BodyReaderFramework {
  const noted = req as NotedRequest;
  if (noted[FRAMEWORK_APP] !== undefined) return frameworkOfApp(noted[FRAMEWORK_APP]);
  return noted.app === undefined ? 'other' : 'express';
}

const BODY_READ_IN_FRONT = ': the request body was read by a middleware in front of this one';
const AUTHENTICATION_AFTER = ', so authentication runs only after the body was read. ';

/** What read the body, and how to mount this middleware in front of it, by framework. */
const BODY_READ_IN_FRONT_FIXES: Record<BodyReaderFramework, readonly [reader: string, fix: string]> = {
  express: [
    'a body parser such as express.json()',
    "Mount this middleware before body parsers, e.g. app.use('/im/callback', webhook) before app.use(express.json()). " +
      "In NestJS, call app.use('/im/callback', webhook) in main.ts before app.init() (or listen()), not from a " +
      "NestMiddleware; or create the app with { bodyParser: false } and add Nest's parsers after the router with " +
      "app.useBodyParser('json').",
  ],
  koa: [
    'a body parser such as @koa/bodyparser',
    'Mount this middleware before the body parser: app.use(koaMiddleware(webhook)) before app.use(bodyParser()).',
  ],
  egg: [
    "Egg's bodyParser, a core middleware that runs before every application middleware",
    "Mount this middleware first in Egg's core middleware, from a boot hook in app.js: " +
      "configWillLoad() { this.app.config.coreMiddleware.unshift('tencentChat'); }, with config.tencentChat.match " +
      'set to the callback path; it then needs no CSRF or body parser exemption (docs/recipes/egg.md).',
  ],
  midway: [
    "@midwayjs/koa's bodyParser",
    'Mount this middleware first, in the onReady() of your configuration: app.useMiddleware(YourMiddleware), ' +
      "then app.getMiddleware().findAndInsertFirst('<its name>') (docs/recipes/midway.md).",
  ],
  fastify: [
    "Fastify's content-type parser",
    'Use fastifyOnRequest(webhook) as an onRequest hook, which runs before Fastify reads the body.',
  ],
  other: [
    'a body parser, or any code that read the request stream',
    'Mount this middleware before body parsers, or whatever else reads the body: with Express or Connect, ' +
      'before express.json(); with Koa, before the body parser; with Egg, first in config.coreMiddleware; ' +
      'with Midway, first with getMiddleware().findAndInsertFirst(); with NestJS, app.use() in main.ts before ' +
      'app.init(); with Fastify, fastifyOnRequest() as an onRequest hook.',
  ],
};

/** The warning, after the entry's name, for a body read in front of us in this framework. */
export function bodyReadInFrontWarning(framework: BodyReaderFramework): string {
  const [reader, fix] = BODY_READ_IN_FRONT_FIXES[framework];
  return `${BODY_READ_IN_FRONT} (${reader})${AUTHENTICATION_AFTER}${fix}`;
}

/** Warns the first time a request arrives with its body already read; later ones say nothing new. */
export function bodyReadInFrontWarner(config: Pick<SharedConfig, 'entry' | 'warn'>): (req: IncomingMessage) => void {
  let warned = false;
  return (req) => {
    if (warned || !req.readableEnded) return;
    warned = true;
    config.warn(`${config.entry}${bodyReadInFrontWarning(bodyReaderFramework(req))}`);
  };
}
