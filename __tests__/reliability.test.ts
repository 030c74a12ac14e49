// The reliability promise (issue 17): a request with a valid Sign always gets a decision in a 200;
// a forged one gets a 4xx, never reaches the app, and costs at most a summary log line.
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import request from 'supertest';
import {
  callbackRouter,
  fastifyOnRequest,
  koaMiddleware,
  type CallbackRouterOptions,
  type WebhookMiddleware,
} from '../lib/index';
import { buildCallback } from '../lib/testing';
import { ADAPTER_KINDS, adapterServer } from './helpers/adapters';
import { close, listen, sendPartially } from './helpers/raw-http';
import {
  callbackUrl,
  failBody,
  passOn,
  PASSED_ON_STATUS,
  passedOn,
  refusedBody,
  SDK_APP_ID,
  silentLogger,
  TOKEN,
} from './helpers/servers';

const NOW_MS = 1_700_000_000_000;

/** Waits, polling every 10 ms, until `condition` holds or `ms` have passed. */
async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const SEND_MSG = 'OfficialAccount.CallbackBeforeSendMsg';
const ADD_SUBSCRIBER = 'OfficialAccount.CallbackBeforeAddSubscriber';
const LIST_GATES_FOR_REVIEW = [ADD_SUBSCRIBER, 'Group.CallbackBeforeInviteJoinGroup'];

function router(options: Partial<CallbackRouterOptions> = {}): WebhookMiddleware {
  return callbackRouter({
    token: TOKEN,
    sdkAppId: SDK_APP_ID,
    now: () => NOW_MS,
    logger: silentLogger(),
    bodyLimitBytes: 2000,
    on: {
      [SEND_MSG]: { decide: () => true },
      [ADD_SUBSCRIBER]: { decide: (subscriber) => subscriber !== 'jared' },
    },
    ...options,
  });
}

/** A signed callback of `command` at the router's clock, with `event`'s fields over Tencent's example. */
function signed(command: string = SEND_MSG, event?: Record<string, unknown>): { path: string; body: object } {
  const built = buildCallback({ command, token: TOKEN, now: () => NOW_MS, ...(event ? { event } : {}) } as Parameters<
    typeof buildCallback
  >[0]);
  return { path: built.path, body: built.body as object };
}

describe.each(ADAPTER_KINDS)('a signed callback on %s is always answered 200 with a decision', (kind) => {
  it('refuses a gzip body (ErrorCode 1), logging the reason once as an error', async () => {
    const logger = silentLogger();
    const callback = signed();
    const response = await request(await adapterServer(kind, router({ logger })))
      .post(callback.path)
      .set('Content-Encoding', 'gzip')
      .set('Content-Type', 'application/octet-stream')
      .send(gzipSync(JSON.stringify(callback.body)));
    expect([response.status, response.body]).toEqual([200, refusedBody('ERR_BODY_NOT_UTF8')]);
    expect(logger.error.mock.calls).toEqual([
      [`callbackRouter: ${SEND_MSG} refused before its handler ran: ERR_BODY_NOT_UTF8: body is not valid UTF-8`],
    ]);
  });

  it('refuses the whole list when a Subscriber_Account is longer than a UserID can be', async () => {
    const callback = signed(ADD_SUBSCRIBER, { SubscribeAccountList: [{ Subscriber_Account: 'x'.repeat(33) }] });
    const response = await request(await adapterServer(kind, router()))
      .post(callback.path)
      .send(callback.body);
    expect([response.status, response.body]).toEqual([
      200,
      refusedBody('ERR_BODY_INVALID', 'body.SubscribeAccountList[0].Subscriber_Account must not be longer than 32'),
    ]);
  });

  it('lets the request through when onError is allow, even before decide can run', async () => {
    const callback = signed();
    const on = { [SEND_MSG]: { decide: () => false, onError: 'allow' as const } };
    const response = await request(await adapterServer(kind, router({ on })))
      .post(callback.path)
      .send({ ...callback.body, MsgBody: 'not an array' });
    expect([response.status, response.body]).toEqual([200, OK]);
  });

  it('decides a request whose query repeats a parameter with the same value', async () => {
    const callback = signed(ADD_SUBSCRIBER);
    const response = await request(await adapterServer(kind, router()))
      .post(`${callback.path}&contenttype=json`)
      .send(callback.body);
    expect([response.status, response.body]).toEqual([200, { ...OK, RefusedSubscribers_Account: ['jared'] }]);
  });

  it('refuses a body larger than the limit in a 200, closing the connection', async () => {
    const callback = signed(SEND_MSG, {
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x'.repeat(3000) } }],
    });
    const response = await request(await adapterServer(kind, router()))
      .post(callback.path)
      .send(callback.body);
    expect([response.status, response.body]).toEqual([200, refusedBody('ERR_BODY_TOO_LARGE')]);
    expect(response.headers['connection']).toBe('close');
  });

  it('refuses a body that does not arrive before the deadline in a 200', async () => {
    const server = await adapterServer(kind, router({ timeoutMs: 100 }));
    const port = await listen(server);
    try {
      const response = await sendPartially(port, signed().path, Buffer.from('{"CallbackCommand"'), {
        'Content-Length': '500',
      });
      expect([response.status, response.body]).toEqual([200, refusedBody('ERR_BODY_TIMEOUT')]);
    } finally {
      await close(server);
    }
  });
});

describe('every POST to the callback path is authenticated before anything after the router sees it', () => {
  /** The app after the router: records what reached it. */
  function app(webhook: WebhookMiddleware, mount: 'path' | 'app') {
    const reached: string[] = [];
    const server = express();
    if (mount === 'path') server.use('/im/callback', webhook);
    else server.use(webhook);
    server.use(express.json());
    server.post(/.*/, (req, res) => {
      reached.push(req.originalUrl);
      res.status(PASSED_ON_STATUS).json({ reached: true });
    });
    return { server, reached };
  }

  it.each([
    ['without a query', '/im/callback'],
    ['with its command as an array', '/im/callback?CallbackCommand[]=Group.CallbackBeforeSendMsg'],
    ['with its command in another case', '/im/callback?callbackcommand=Group.CallbackBeforeSendMsg'],
  ])('on app.use(path, router): a POST %s is answered 401', async (_name, url) => {
    const { server, reached } = app(router({ unhandled: 'ack' }), 'path');
    const response = await request(server).post(url).send({ CallbackCommand: 'Group.CallbackBeforeSendMsg' });
    expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISSING')]);
    expect(reached).toEqual([]);
  });

  it('on app.use(router): a POST to another route without Tencent parameters goes on untouched', async () => {
    const { server, reached } = app(router(), 'app');
    const response = await request(server).post('/orders?page=2').send({ item: 1 });
    expect([response.status, response.body]).toEqual([PASSED_ON_STATUS, { reached: true }]);
    expect(reached).toEqual(['/orders?page=2']);
  });

  it('on app.use(router): a POST anywhere that carries a Tencent parameter in any form is answered 401', async () => {
    const { server, reached } = app(router(), 'app');
    const response = await request(server).post('/orders?CallbackCommand[]=x').send({});
    expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISSING')]);
    expect(reached).toEqual([]);
  });

  const VARIANTS = ['/IM/CALLBACK', '/im/callback/', '/im/%63allback', '/im/callback;x', '//im//callback'];

  it.each(VARIANTS)('with path, on app.use(router): a POST to %s is answered 401', async (path) => {
    const { server, reached } = app(router({ path: '/im/callback' }), 'app');
    const response = await request(server).post(path).send({});
    expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISSING')]);
    expect(reached).toEqual([]);
  });

  it('with path, on app.use(router): a signed callback to another path goes on untouched', async () => {
    const { server, reached } = app(router({ path: '/im/callback' }), 'app');
    const callback = signed();
    const other = callback.path.replace('/im/callback', '/elsewhere');
    const response = await request(server).post(other).send({});
    expect(response.status).toBe(PASSED_ON_STATUS);
    expect(reached).toEqual([other]);
  });

  it.each(VARIANTS)(
    'with path, on Koa: a POST to %s is answered 401, never reaching the routes after',
    async (path) => {
      const koa = new Koa();
      koa.silent = true;
      const reached: string[] = [];
      koa.use(koaMiddleware(router({ path: '/im/callback' })));
      koa.use((ctx) => {
        reached.push(ctx.path);
        ctx.status = PASSED_ON_STATUS;
      });
      const callback = koa.callback();
      const response = await request(http.createServer((req, res) => void callback(req, res)))
        .post(path)
        .send({});
      expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISSING')]);
      expect(reached).toEqual([]);
    },
  );

  it.each(VARIANTS)('with path, on a Fastify hook for every route: a POST to %s is answered 401', async (path) => {
    const fastify = Fastify({ routerOptions: { ignoreTrailingSlash: true, caseSensitive: false } });
    const reached: string[] = [];
    fastify.addHook('onRequest', fastifyOnRequest(router({ path: '/im/callback' })));
    fastify.post('/*', async (req, reply) => {
      reached.push(req.url);
      return reply.code(PASSED_ON_STATUS).send({});
    });
    await fastify.ready();
    const response = await request(fastify.server).post(path).send({});
    expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISSING')]);
    expect(reached).toEqual([]);
  });

  it('passes an authenticated request without a command on with unhandled: next', async () => {
    const webhook = router();
    const server = http.createServer((req, res) => webhook(req, res, () => passOn(req, res)));
    const url = callbackUrl({ token: TOKEN, requestTime: NOW_MS / 1000 }).replace(/CallbackCommand=[^&]+&?/, '');
    const response = await request(server).post(url).send('{}');
    expect([response.status, response.body]).toEqual([PASSED_ON_STATUS, passedOn('POST', '{}')]);
  });

  it('refuses an authenticated request without a command with unhandled: ack, rather than allow it', async () => {
    const logger = silentLogger();
    const webhook = router({ unhandled: 'ack', logger });
    const server = http.createServer((req, res) => webhook(req, res, () => passOn(req, res)));
    const url = callbackUrl({ token: TOKEN, requestTime: NOW_MS / 1000 }).replace(/CallbackCommand=[^&]+&?/, '');
    const response = await request(server).post(url).send('{}');
    expect([response.status, response.body]).toEqual([200, refusedBody('ERR_COMMAND_MISSING')]);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('throws at creation for a path that is not one', () => {
    expect(() => router({ path: 'im/callback' })).toThrow(
      "callbackRouter: `path` must be the callback URL's path, starting with '/', e.g. '/im/callback'. Got \"im/callback\".",
    );
  });
});

describe('logs an attacker cannot inflate', () => {
  it('cuts a 15 000-character command to 100 characters in its one line', async () => {
    const logger = silentLogger();
    const command = `${'A'.repeat(15_000)}.B`;
    const response = await request(http.createServer((req, res) => router({ logger })(req, res, () => undefined)))
      .post(`/im/callback?CallbackCommand=${command}`)
      .send({});
    expect(response.status).toBe(401);
    expect(logger.warn.mock.calls).toEqual([
      [`callbackRouter: "${'A'.repeat(100)}…" answered 401 ERR_SIGN_MISSING: query parameter Sign is missing`],
    ]);
  });

  it('cuts an unknown OptPlatform of an authenticated request to 100 characters', async () => {
    const logger = silentLogger();
    const callback = signed();
    const server = http.createServer((req, res) => router({ logger })(req, res, () => undefined));
    const platform = 'P'.repeat(5000);
    const response = await request(server)
      .post(callback.path.replace('OptPlatform=RESTAPI', `OptPlatform=${platform}`))
      .send(callback.body);
    expect([response.status, response.body]).toEqual([200, OK]);
    expect(logger.warn.mock.calls).toEqual([[`callbackRouter: unknown OptPlatform "${'P'.repeat(100)}…" accepted`]]);
  });

  it('logs a flood of forged requests as one line per error code, then their count when the interval ends', async () => {
    const logger = silentLogger();
    const webhook = router({ logger, refusalLogIntervalMs: 300 });
    const server = http.createServer((req, res) => webhook(req, res, () => undefined));
    const forged = callbackUrl({ token: 'not-the-token', requestTime: NOW_MS / 1000 });
    for (let index = 0; index < 20; index += 1) {
      const response = await request(server).post(forged).send({});
      expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISMATCH')]);
    }
    await request(server).post('/im/callback?SdkAppid=1').send({});
    expect(logger.warn.mock.calls).toEqual([
      [
        `callbackRouter: ${ADD_SUBSCRIBER} answered 401 ERR_SIGN_MISMATCH: Sign does not match the configured callback token`,
      ],
      [
        'callbackRouter: a callback without CallbackCommand answered 401 ERR_SIGN_MISSING: query parameter Sign is missing',
      ],
    ]);
    await waitFor(() => logger.warn.mock.calls.length === 3, 2000);
    expect(logger.warn.mock.calls[2]).toEqual([
      'callbackRouter: 19 more request(s) answered 401 ERR_SIGN_MISMATCH in the last 300 ms (one line per code, status and interval)',
    ]);
  });

  it('logs every refusal with refusalLogIntervalMs: 0', async () => {
    const logger = silentLogger();
    const webhook = router({ logger, refusalLogIntervalMs: 0 });
    const server = http.createServer((req, res) => webhook(req, res, () => undefined));
    for (let index = 0; index < 3; index += 1) await request(server).post('/im/callback?Sign=x').send({});
    expect(logger.warn).toHaveBeenCalledTimes(3);
  });
});

describe('gates that run late or fail late are logged at warn, once per request', () => {
  const never = new Promise<never>(() => undefined);

  async function post(webhook: WebhookMiddleware, command: string, event?: Record<string, unknown>) {
    const callback = signed(command, event);
    return request(http.createServer((req, res) => webhook(req, res, () => undefined)))
      .post(callback.path)
      .send(callback.body);
  }

  it('a decide that never settles', async () => {
    const logger = silentLogger();
    const response = await post(
      router({ logger, timeoutMs: 50, on: { [SEND_MSG]: { decide: () => never } } }),
      SEND_MSG,
    );
    expect([response.status, response.body]).toEqual([200, { ...OK, ErrorCode: 1 }]);
    expect(logger.warn.mock.calls).toEqual([
      [`callbackRouter: decide for ${SEND_MSG} did not settle before the deadline; onTimeout refused the request`],
    ]);
  });

  it('a decide that never settles, allowed by onTimeout', async () => {
    const logger = silentLogger();
    const on = { [SEND_MSG]: { decide: () => never, onTimeout: 'allow' as const } };
    const response = await post(router({ logger, timeoutMs: 50, on }), SEND_MSG);
    expect([response.status, response.body]).toEqual([200, OK]);
    expect(logger.warn.mock.calls).toEqual([
      [`callbackRouter: decide for ${SEND_MSG} did not settle before the deadline; onTimeout allowed the request`],
    ]);
  });

  it('a decide that rejects after the deadline, with its error', async () => {
    const logger = silentLogger();
    const late = new Error('database down');
    const decide = () => new Promise<boolean>((_resolve, reject) => setTimeout(() => reject(late), 120));
    const response = await post(router({ logger, timeoutMs: 50, on: { [SEND_MSG]: { decide } } }), SEND_MSG);
    expect(response.status).toBe(200);
    await waitFor(() => logger.warn.mock.calls.length === 2, 2000);
    expect(logger.warn.mock.calls[1]).toEqual([
      `callbackRouter: decide for ${SEND_MSG} failed after the deadline`,
      expect.objectContaining({ code: 'ERR_DECIDE_FAILED', cause: late }),
    ]);
  });

  it('subscriber decisions that do not come, and fail late, in one line each per request', async () => {
    const logger = silentLogger();
    const late = new Error('late');
    const decide = () => new Promise<boolean>((_resolve, reject) => setTimeout(() => reject(late), 120));
    const on = { [ADD_SUBSCRIBER]: { decide } };
    const response = await post(router({ logger, timeoutMs: 50, on }), ADD_SUBSCRIBER);
    expect([response.status, response.body]).toEqual([200, { ...OK, RefusedSubscribers_Account: ['jared', 'leckie'] }]);
    await waitFor(() => logger.warn.mock.calls.length === 2, 2000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logger.warn.mock.calls).toEqual([
      [
        `callbackRouter: 2 of 2 decision(s) for ${ADD_SUBSCRIBER} did not come before the deadline; onTimeout refused them`,
      ],
      [
        `callbackRouter: a decision for ${ADD_SUBSCRIBER} failed after the deadline`,
        expect.objectContaining({ code: 'ERR_DECIDE_FAILED', cause: late }),
      ],
    ]);
  });
});

describe("a gate's reply Tencent would not take is an error settled by onError", () => {
  async function decided(decision: unknown) {
    const logger = silentLogger();
    const webhook = router({ logger, on: { [SEND_MSG]: { decide: () => decision as boolean } } });
    const callback = signed();
    const response = await request(http.createServer((req, res) => webhook(req, res, () => undefined)))
      .post(callback.path)
      .send(callback.body);
    return { response, logger };
  }

  it.each([
    [
      'a MsgType Tencent does not document',
      { modify: { MsgBody: [{ MsgType: 'TIMBogusElem', MsgContent: {} }] } },
      /MsgType "TIMBogusElem"/,
    ],
    [
      'a reply over 12 KB',
      { modify: { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x'.repeat(13_000) } }] } },
      /reply is 13\d{3} bytes; Tencent takes at most 12288/,
    ],
    [
      'a reject.info over 1000 characters',
      { reject: { code: 120001, info: 'x'.repeat(1001) } },
      /info has 1001 characters/,
    ],
  ])('%s', async (_name, decision, message) => {
    const { response, logger } = await decided(decision);
    expect([response.status, response.body]).toEqual([200, { ...OK, ErrorCode: 1 }]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(message),
      expect.objectContaining({ code: 'ERR_DECIDE_RESULT_INVALID' }),
    );
  });

  it('sends { modify: {} }, which changes nothing, as a plain allow', async () => {
    const { response } = await decided({ modify: {} });
    expect([response.status, response.body]).toEqual([200, OK]);
  });

  it('sends a modify of exactly the documented types within 12 KB', async () => {
    const MsgBody = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x'.repeat(12_000) } }];
    const { response } = await decided({ modify: { MsgBody } });
    expect([response.status, response.body]).toEqual([200, { ...OK, MsgBody }]);
  });
});

describe("a generic handler's result that would fail open is refused", () => {
  it.each([
    ['{ reject }', { reject: { code: 120001, info: 'no' } }],
    ['{ modify }', { modify: { MsgBody: [] } }],
    ['an ErrorCode of 1e300', { ErrorCode: 1e300 }],
    ['an ErrorCode past 32 bits', { ErrorCode: 2 ** 31 }],
  ])('%s', async (_name, reply) => {
    const logger = silentLogger();
    // A Before-callback of TUILiveKit, beside Chat, that the package does not know.
    const webhook = router({ logger, on: {}, generic: { 'Live.CallbackBeforeSendGift': () => reply } });
    const callback = signed('Live.CallbackBeforeSendGift', { RoomId: 'r1' });
    const response = await request(http.createServer((req, res) => webhook(req, res, () => undefined)))
      .post(callback.path)
      .send(callback.body);
    expect([response.status, response.body]).toEqual([200, { ...OK, ErrorCode: 1 }]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('the handler of Live.CallbackBeforeSendGift returned'),
      expect.objectContaining({ code: 'ERR_HANDLER_RESULT_INVALID' }),
    );
  });
});

describe('options that say what they got', () => {
  it.each(['abc\n', ' abc', 'abc\t'])('throws for a token with surrounding whitespace, without showing it', (token) => {
    let message = '';
    try {
      callbackRouter({ token, on: {} });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^callbackRouter: `token` has leading or trailing whitespace/);
    expect(message).not.toContain('abc');
  });

  it('takes an empty sdkAppId (a variable set but empty) as not given, and warns', async () => {
    const logger = silentLogger();
    const webhook = router({ sdkAppId: '', logger });
    expect(logger.warn.mock.calls).toEqual([
      [
        'callbackRouter: `sdkAppId` is an empty string (an environment variable set but empty?), so it is ignored and any SdkAppid is accepted.',
      ],
    ]);
    const callback = signed();
    const response = await request(http.createServer((req, res) => webhook(req, res, () => undefined)))
      .post(callback.path.replace(`SdkAppid=${SDK_APP_ID}`, 'SdkAppid=1400000001'))
      .send(callback.body);
    expect([response.status, response.body]).toEqual([200, OK]);
  });

  it.each([
    [{ timeoutMs: 'soon' }, '`timeoutMs` must be a positive number; it defaults to 1500. Got "soon".'],
    [{ bodyLimitBytes: -1 }, '`bodyLimitBytes` must be a positive integer; it defaults to 65536. Got -1.'],
    [{ sdkAppId: 'x'.repeat(500) }, `Got "${'x'.repeat(100)}…".`],
    [{ unhandled: 'drop' }, "`unhandled` must be 'next' or 'ack'. Got \"drop\"."],
    [
      { refusalLogIntervalMs: -5 },
      '`refusalLogIntervalMs` must be a number from 0 to 2147483647 (milliseconds); it defaults to 60000. Got -5.',
    ],
  ])('shows the value it got: %j', (options, message) => {
    expect(() => callbackRouter({ token: TOKEN, on: {}, ...(options as object) })).toThrow(message);
  });
});

describe('what a hostile review found', () => {
  const forgedQuery = `?Sign=${'c'.repeat(64)}&RequestTime=1&CallbackCommand=Group.CallbackBeforeSendMsg`;

  it('a Fastify hook with path claims a path whose malformed escape follows a ;, as Fastify’s router matches it', async () => {
    const fastify = Fastify({ useSemicolonDelimiter: true, caseSensitive: false });
    const reached: string[] = [];
    fastify.addHook('onRequest', fastifyOnRequest(router({ path: '/im/callback' })));
    fastify.post('/im/callback', async (req, reply) => {
      reached.push(req.url);
      return reply.code(PASSED_ON_STATUS).send({});
    });
    await fastify.ready();
    for (const path of ['/im/%63allback;%zz', '/IM/%63allback;%zz']) {
      const response = await request(fastify.server).post(`${path}${forgedQuery}`).send({});
      expect([response.status, response.body]).toEqual([401, failBody('ERR_REQUEST_TIME_STALE')]);
    }
    expect(reached).toEqual([]);
  });

  it('without path, claims a POST whose query names a parameter in brackets, as qs reads it', async () => {
    const app = express();
    const reached: unknown[] = [];
    app.use(router());
    app.post('/im/callback', (req, res) => {
      reached.push(req.query);
      res.status(PASSED_ON_STATUS).json({});
    });
    const disguised = `?[Sign]=${'c'.repeat(64)}&[RequestTime]=1&[CallbackCommand]=Group.CallbackBeforeSendMsg`;
    const response = await request(app).post(`/im/callback${disguised}`).send({});
    expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISSING')]);
    expect(reached).toEqual([]);
  });

  it.each([
    ['/im/callback', ['/im/callback', '/v1/im/callback'], []],
    ['/v1/im/callback', ['/v1/im/callback'], ['/im/callback']],
  ])(
    'on Koa with a path rewrite in front, path %s claims the spelling sent or the one rewritten to it',
    async (path, claimed, passedOn) => {
      const koa = new Koa();
      koa.silent = true;
      const reached: string[] = [];
      // What koa-mount('/v1', …) or a rewrite does: ctx.path changes req.url, ctx.originalUrl stays.
      koa.use((ctx, next) => {
        if (ctx.path.startsWith('/v1/')) ctx.path = ctx.path.slice(3);
        return next();
      });
      koa.use(koaMiddleware(router({ path })));
      koa.use((ctx) => {
        reached.push(new URL(ctx.originalUrl, 'http://x').pathname);
        ctx.status = PASSED_ON_STATUS;
      });
      const callback = koa.callback();
      const server = http.createServer((req, res) => void callback(req, res));
      for (const sent of claimed) {
        const response = await request(server).post(`${sent}${forgedQuery}`).send({});
        expect([sent, response.status, response.body]).toEqual([sent, 401, failBody('ERR_REQUEST_TIME_STALE')]);
      }
      for (const sent of passedOn) {
        const response = await request(server).post(`${sent}${forgedQuery}`).send({});
        expect([sent, response.status]).toEqual([sent, PASSED_ON_STATUS]);
      }
      expect(reached).toEqual(passedOn);
    },
  );

  it('without path, leaves the app’s other routes alone below a mount or behind a rewrite', async () => {
    const rewritten = express();
    rewritten.use((req, _res, next) => {
      req.url = req.url.replace(/^\/v1/, '');
      next();
    });
    rewritten.use(router());
    rewritten.post('/orders', (_req, res) => res.status(PASSED_ON_STATUS).json({ ok: 'orders' }));
    const nested = express();
    const api = express.Router();
    api.use(router());
    api.post('/orders', (_req, res) => res.status(PASSED_ON_STATUS).json({ ok: 'orders' }));
    nested.use('/api', api);
    for (const [app, path] of [
      [rewritten, '/v1/orders'],
      [nested, '/api/orders'],
    ] as const) {
      const response = await request(app).post(path).send({ item: 1 });
      expect([response.status, response.body]).toEqual([PASSED_ON_STATUS, { ok: 'orders' }]);
    }
  });

  it.each(LIST_GATES_FOR_REVIEW)(
    'refuses by onError a rejectRequest reason longer than a reply may carry (%s)',
    async (command) => {
      const logger = silentLogger();
      const webhook = router({
        logger,
        on: { [command]: { decide: () => true, rejectRequest: () => 'x'.repeat(5000) } },
      });
      const callback = signed(command);
      const response = await request(http.createServer((req, res) => webhook(req, res, () => undefined)))
        .post(callback.path)
        .send(callback.body);
      const field = command === ADD_SUBSCRIBER ? 'RefusedSubscribers_Account' : 'RefusedMembers_Account';
      expect(response.status).toBe(200);
      expect((response.body as Record<string, unknown>)['ErrorInfo']).toBe('');
      expect(((response.body as Record<string, unknown>)[field] as string[]).length).toBeGreaterThan(0);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('rejectRequest returned a reason of 5000 characters; at most 1000 are sent'),
        expect.objectContaining({ code: 'ERR_REJECT_REQUEST_RESULT_INVALID' }),
      );
    },
  );

  it('throws for a generic key that is a known command in another case, and warns about one a typo away', () => {
    expect(() => router({ on: {}, generic: { 'c2c.CallbackBeforeSendMsg': () => undefined } })).toThrow(
      "callbackRouter: generic['c2c.CallbackBeforeSendMsg']: is C2C.CallbackBeforeSendMsg in another case, so it would never fire: give C2C.CallbackBeforeSendMsg in `on`.",
    );
    const logger = silentLogger();
    router({ logger, on: {}, generic: { 'C2C.CallbackBeforeSendMgs': () => undefined } });
    expect(logger.warn.mock.calls).toEqual([
      [
        "callbackRouter: generic['C2C.CallbackBeforeSendMgs']: is not a command Tencent documents, but is close to C2C.CallbackBeforeSendMsg; if that is the one meant, give it in `on`.",
      ],
    ]);
  });

  it('escapes the line separators JSON leaves raw in a quoted value of a log line', async () => {
    const logger = silentLogger();
    const webhook = router({ logger });
    const command = 'X\u2028forged\u2029line\u0085and\u009bmore';
    await request(http.createServer((req, res) => webhook(req, res, () => undefined)))
      .post(`/im/callback?CallbackCommand=${encodeURIComponent(command)}`)
      .send({});
    const [[line]] = logger.warn.mock.calls as [[string]];
    expect(line).toBe(
      'callbackRouter: "X\\u2028forged\\u2029line\\u0085and\\u009bmore" answered 401 ERR_SIGN_MISSING: query parameter Sign is missing',
    );
  });
});
