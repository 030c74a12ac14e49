// The request handlers under comparison. Every variant answers the same request with the same
// reply bytes, so the only difference between them is the work each does to get there.
import { createRequire } from 'node:module';
import { CALLBACK_PATH, COMMAND, SDK_APP_ID, TOKEN, expectedReply, isAllowed } from './callback-request.mjs';
import { loadPackageUnderTest, loadRegistryUnderTest } from './package-under-test.mjs';
import { commandsOf, handlersFor } from './registry-handlers.mjs';

const require = createRequire(import.meta.url);

function notFound(res) {
  res.statusCode = 404;
  res.end();
}

/** The physical limit: read, JSON.parse, filter, reply. No checks of any kind. */
function bareNode() {
  return (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let event;
      try {
        event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.statusCode = 400;
        res.end();
        return;
      }
      const refused = [];
      for (const entry of event.SubscribeAccountList) {
        if (!isAllowed(entry.Subscriber_Account)) refused.push(entry.Subscriber_Account);
      }
      const payload = JSON.stringify(expectedReply(refused));
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(payload),
      });
      res.end(payload);
    });
  };
}

/** What a user would write without the package: express.json() and a filter, defaults untouched. */
function express5Json() {
  const express = require('express');
  const app = express();
  app.post(CALLBACK_PATH, express.json(), (req, res) => {
    const refused = req.body.SubscribeAccountList.map((entry) => entry.Subscriber_Account).filter(
      (subscriber) => !isAllowed(subscriber),
    );
    res.json(expectedReply(refused));
  });
  return app;
}

const decideNow = (subscriber) => isAllowed(subscriber);
/**
 * The same decision through an already resolved promise, as an async decide that needs no I/O
 * (a cache hit, say) gives it: the cost of the package's promise path, with no waiting in it.
 */
const decideResolved = (subscriber) => Promise.resolve(isAllowed(subscriber));

function fullChecks(logger, decide = decideNow) {
  return { token: TOKEN, sdkAppId: SDK_APP_ID, decide, logger };
}

function express5Ours({ logger }, decide = decideNow) {
  const { beforeAddSubscriber } = loadPackageUnderTest();
  const app = require('express')();
  app.use(CALLBACK_PATH, beforeAddSubscriber(fullChecks(logger, decide)));
  return app;
}

function nodeOurs({ logger }, decide = decideNow) {
  const { beforeAddSubscriber } = loadPackageUnderTest();
  const middleware = beforeAddSubscriber(fullChecks(logger, decide));
  return (req, res) => middleware(req, res, () => notFound(res));
}

/**
 * callbackRouter with a handler for every command of the package's registry, as an app that
 * answers its whole callback URL would mount it; the request is the same BeforeAddSubscriber,
 * whose decide is the one every variant applies.
 */
function routerOptions(logger) {
  const commands = commandsOf(loadRegistryUnderTest());
  if (commands.find(({ command }) => command === COMMAND)?.kind !== 'list-gate') {
    throw new Error(`bench: the registry of the package under test has no list gate ${COMMAND}`);
  }
  const on = handlersFor(commands);
  on[COMMAND] = { decide: (subscriber) => isAllowed(subscriber) };
  return { token: TOKEN, sdkAppId: SDK_APP_ID, logger, on };
}

function nodeRouter({ logger }) {
  const { callbackRouter } = loadPackageUnderTest();
  const middleware = callbackRouter(routerOptions(logger));
  return (req, res) => middleware(req, res, () => notFound(res));
}

function express5Router({ logger }) {
  const { callbackRouter } = loadPackageUnderTest();
  const app = require('express')();
  app.use(CALLBACK_PATH, callbackRouter(routerOptions(logger)));
  return app;
}

/**
 * beforeAddSubscriber's fetch handler (the web Request/Response adapter) behind
 * @hono/node-server's bridge, as Hono, Next.js or any fetch-based runtime on Node would run it.
 */
function fetchOurs({ logger }) {
  const { beforeAddSubscriber } = loadPackageUnderTest();
  const { getRequestListener } = require('@hono/node-server');
  const { fetch } = beforeAddSubscriber(fullChecks(logger));
  return getRequestListener(async (request) => (await fetch(request)) ?? new Response(null, { status: 404 }));
}

function express4Ours({ logger }) {
  const { beforeAddSubscriber } = loadPackageUnderTest();
  const app = require('express4')();
  app.use(CALLBACK_PATH, beforeAddSubscriber(fullChecks(logger)));
  return app;
}

/**
 * One mount per concurrency (/c1, /c4, ...), each with a decide that waits like a database
 * call. timeoutMs is raised far above the default 1500 ms, because 1000 subscribers one at a
 * time take 5 s and the point here is the scheduling, not the deadline.
 */
function scaling({ logger, config }) {
  const { beforeAddSubscriber } = loadPackageUnderTest();
  const waitThenDecide = (subscriber) =>
    new Promise((resolve) => setTimeout(resolve, config.delayMs, isAllowed(subscriber)));
  const mounts = new Map(
    config.concurrencies.map((concurrency) => [
      `/c${concurrency}`,
      beforeAddSubscriber({
        token: TOKEN,
        sdkAppId: SDK_APP_ID,
        timeoutMs: config.timeoutMs,
        concurrency,
        decide: waitThenDecide,
        logger,
      }),
    ]),
  );
  return (req, res) => {
    const queryAt = req.url.indexOf('?');
    const middleware = mounts.get(queryAt === -1 ? req.url : req.url.slice(0, queryAt));
    if (middleware) middleware(req, res, () => notFound(res));
    else notFound(res);
  };
}

// Bounded, so a long run cannot grow the server's memory without limit.
const MAX_OVERSHOOT_SAMPLES = 100_000;

/** A decide that never settles: every reply is the deadline's, and its lateness is the figure. */
function deadline({ logger, config }) {
  const { beforeAddSubscriber } = loadPackageUnderTest();
  const overshoots = [];
  const middleware = beforeAddSubscriber({
    token: TOKEN,
    sdkAppId: SDK_APP_ID,
    timeoutMs: config.timeoutMs,
    decide: () => new Promise(() => {}),
    logger,
    onDecision: (report) => {
      if (report.deadlineFired && overshoots.length < MAX_OVERSHOOT_SAMPLES) {
        overshoots.push(report.durationMs - config.timeoutMs);
      }
    },
  });
  const handler = (req, res) => middleware(req, res, () => notFound(res));
  return { handler, queries: { 'server-overshoots': () => overshoots.splice(0) } };
}

const VARIANTS = {
  'node-bare': bareNode,
  'express5-json': express5Json,
  'express5-ours': express5Ours,
  'node-ours': nodeOurs,
  'express4-ours': express4Ours,
  'node-router': nodeRouter,
  'express5-router': express5Router,
  'fetch-ours': fetchOurs,
  'node-ours-async': (context) => nodeOurs(context, decideResolved),
  'express5-ours-async': (context) => express5Ours(context, decideResolved),
  scaling,
  deadline,
};

/** Returns `{ handler, queries }`: the request handler and any variant-specific IPC queries. */
export function createVariant(name, context) {
  const build = VARIANTS[name];
  if (!build)
    throw new Error(`unknown server variant ${JSON.stringify(name)}; known: ${Object.keys(VARIANTS).join(', ')}`);
  const built = build(context);
  return typeof built === 'function' ? { handler: built, queries: {} } : built;
}
