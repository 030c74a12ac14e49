// The request handlers under comparison. Every variant answers the same request with the same
// reply bytes, so the only difference between them is the work each does to get there.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { CALLBACK_PATH, COMMAND, SDK_APP_ID, TOKEN, expectedReply, isAllowed } from './callback-request.mjs';
import { loadPackageUnderTest, loadRegistryUnderTest } from './package-under-test.mjs';
import { commandsOf, handlersFor } from './registry-handlers.mjs';

const require = createRequire(import.meta.url);

function notFound(res) {
  res.statusCode = 404;
  res.end();
}

const decideNow = (subscriber) => isAllowed(subscriber);
/**
 * The same decision through an already resolved promise, as an async decide that needs no I/O
 * (a cache hit, say) gives it: the cost of a promise path, with no waiting in it.
 */
const decideResolved = (subscriber) => Promise.resolve(isAllowed(subscriber));

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

// The hand-checked handler: what a careful user writes on node:http instead of this package, with
// the same checks and the same reply. Its limits are the package's defaults.
const TOLERANCE_MS = 60_000;
const BODY_LIMIT_BYTES = 64 * 1024;
const SIGN_PATTERN = /^[0-9a-fA-F]{64}$/;
const DIGITS_PATTERN = /^[0-9]+$/;

/**
 * The JSON Schema the package validates this command against (the registry's, of the package under
 * test), compiled once by the repo's own ajv: a copy of the check, not the package's validator.
 */
function compileOwnValidator() {
  const definition = loadRegistryUnderTest().DEFINITIONS.find((each) => each.command === COMMAND);
  if (!definition?.schema)
    throw new Error(`bench: the registry of the package under test has no schema for ${COMMAND}`);
  const Ajv = require('ajv');
  const ajv = new Ajv({ allowUnionTypes: true });
  // The registry's schemas carry TypeScript type names for the generated types.
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  const validate = ajv.compile(definition.schema);
  return { validate, errorsText: (errors) => ajv.errorsText(errors) };
}

/** The same headers as the package's reply, so the two replies are the same bytes on the wire too. */
function sendJson(res, status, body) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
  });
  res.end(payload);
}

/** A request that is not Tencent's (the query's checks): an HTTP error, as the package gives. */
function sendFailure(res, status, info) {
  sendJson(res, status, { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: info });
}

/** A body that cannot be decided (or a decide that failed): 200 with ErrorCode 1, which refuses them all. */
function sendRefusal(res, info) {
  sendJson(res, 200, { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: info });
}

/** Sign, RequestTime and SdkAppid from the query: `[status, reason]` of a refusal, or undefined. */
function checkQuery(params) {
  if (params.get('CallbackCommand') !== COMMAND) return [404, 'not this callback'];
  const sign = params.get('Sign');
  const requestTime = params.get('RequestTime');
  if (sign === null || !SIGN_PATTERN.test(sign)) return [401, 'Sign is missing or malformed'];
  if (requestTime === null || !DIGITS_PATTERN.test(requestTime)) return [401, 'RequestTime is missing or malformed'];
  if (!(Math.abs(Date.now() - Number(requestTime) * 1000) <= TOLERANCE_MS)) return [401, 'RequestTime is stale'];
  const expected = createHash('sha256').update(`${TOKEN}${requestTime}`).digest();
  if (!timingSafeEqual(Buffer.from(sign, 'hex'), expected)) return [401, 'Sign does not match'];
  if (params.get('SdkAppid') !== SDK_APP_ID) return [403, 'not this SdkAppid'];
  return undefined;
}

/**
 * The checks of this package written by hand on node:http: the query checked before the body is
 * read (Sign by `timingSafeEqual`, RequestTime within 60 s, SdkAppid), the body capped at 64 KiB,
 * `JSON.parse`, the same JSON Schema through its own ajv compiled at start-up, then `answer(res,
 * accounts)`, which decides each subscriber and sends the reply.
 */
function handChecked(answer) {
  const { validate, errorsText } = compileOwnValidator();
  return (req, res) => {
    if (req.method !== 'POST') {
      res.statusCode = 405;
      res.end();
      return;
    }
    const queryAt = req.url.indexOf('?');
    const refusal = checkQuery(new URLSearchParams(queryAt === -1 ? '' : req.url.slice(queryAt + 1)));
    if (refusal) {
      req.resume();
      sendFailure(res, ...refusal);
      return;
    }
    const chunks = [];
    let received = 0;
    req.on('data', (chunk) => {
      received += chunk.length;
      if (received <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (received > BODY_LIMIT_BYTES) {
        sendRefusal(res, 'body too large');
        return;
      }
      let event;
      try {
        event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        sendRefusal(res, 'body is not valid JSON');
        return;
      }
      if (!validate(event)) {
        sendRefusal(res, errorsText(validate.errors));
        return;
      }
      answer(
        res,
        event.SubscribeAccountList.map((entry) => entry.Subscriber_Account),
      );
    });
  };
}

/** A synchronous decide per subscriber. */
function handCheckedNode() {
  return handChecked((res, accounts) => {
    const refused = [];
    for (const account of accounts) {
      if (!decideNow(account)) refused.push(account);
    }
    sendJson(res, 200, expectedReply(refused));
  });
}

/** An async decide per subscriber, all awaited together; a failure refuses them all. */
function handCheckedNodeAsync() {
  return handChecked(async (res, accounts) => {
    let verdicts;
    try {
      verdicts = await Promise.all(accounts.map((account) => decideResolved(account)));
    } catch {
      sendRefusal(res, 'decide failed');
      return;
    }
    sendJson(res, 200, expectedReply(accounts.filter((_, index) => !verdicts[index])));
  });
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
function routerOptions(logger, decide = decideNow) {
  const commands = commandsOf(loadRegistryUnderTest());
  if (commands.find(({ command }) => command === COMMAND)?.kind !== 'list-gate') {
    throw new Error(`bench: the registry of the package under test has no list gate ${COMMAND}`);
  }
  const on = handlersFor(commands);
  on[COMMAND] = { decide };
  return { token: TOKEN, sdkAppId: SDK_APP_ID, logger, on };
}

function nodeRouter({ logger }, decide = decideNow) {
  const { callbackRouter } = loadPackageUnderTest();
  const middleware = callbackRouter(routerOptions(logger, decide));
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
  'node-checked': handCheckedNode,
  'node-checked-async': handCheckedNodeAsync,
  'node-router-async': (context) => nodeRouter(context, decideResolved),
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
