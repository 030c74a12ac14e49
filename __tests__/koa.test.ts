// koaMiddleware beyond the conformance table: a body parser in front, ctx.respond, a client that leaves.
import http from 'node:http';
import Koa from 'koa';
import request from 'supertest';
import { beforeAddSubscriber, callbackRouter, koaMiddleware, type WebhookMiddleware } from '../lib/index';
import { buildCallback } from '../lib/testing';
import { tencentExampleReplyRefused, tencentExampleRequest } from './fixtures';
import { koaServerWithBodyParser } from './helpers/adapters';
import { close, listen } from './helpers/raw-http';
import { callbackUrl, COMMAND, refusedBody, silentLogger } from './helpers/servers';

const json = JSON.stringify(tencentExampleRequest);
const refuseJared = (subscriber: string): boolean => subscriber !== 'jared';

function gate(logger = silentLogger()): WebhookMiddleware {
  return beforeAddSubscriber({ logger, token: false, decide: refuseJared });
}

/** The warnings that the body was read in front of us (others, such as `token: false`, are not counted). */
function readInFrontWarnings(logger: ReturnType<typeof silentLogger>): unknown[] {
  return logger.warn.mock.calls.filter(([message]) => message.includes('read by a middleware in front of this one'));
}

function serve(app: Koa): http.Server {
  const callback = app.callback();
  return http.createServer((req, res) => void callback(req, res));
}

describe('koaMiddleware behind @koa/bodyparser', () => {
  it("answers Tencent's example exactly from the raw text the parser kept, and warns once", async () => {
    const logger = silentLogger();
    const server = koaServerWithBodyParser(gate(logger));
    for (let round = 0; round < 2; round += 1) {
      const response = await request(server).post(callbackUrl()).set('Content-Type', 'application/json').send(json);
      expect([response.status, response.body]).toEqual([200, tencentExampleReplyRefused]);
    }
    expect(readInFrontWarnings(logger)).toHaveLength(1);
  });

  it('reads the stream itself when the parser skipped a body it does not parse (text/plain)', async () => {
    const logger = silentLogger();
    const response = await request(koaServerWithBodyParser(gate(logger)))
      .post(callbackUrl())
      .set('Content-Type', 'text/plain')
      .send(json);
    expect([response.status, response.body]).toEqual([200, tencentExampleReplyRefused]);
    expect(readInFrontWarnings(logger)).toEqual([]);
  });

  it('answers an After-callback through callbackRouter', async () => {
    const seen: unknown[] = [];
    const router = callbackRouter({
      logger: silentLogger(),
      token: false,
      on: { 'OfficialAccount.CallbackAfterAddSubscriber': (event) => void seen.push(event.Official_Account) },
    });
    const callback = buildCallback({ command: 'OfficialAccount.CallbackAfterAddSubscriber' });
    const response = await request(koaServerWithBodyParser(router))
      .post(callback.path)
      .set('Content-Type', 'application/json')
      .send(callback.json);
    expect([response.status, response.body]).toEqual([200, { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }]);
    expect(seen).toEqual([callback.body.Official_Account]);
  });

  it('answers 400 from the JSON parser in front for a body it cannot parse: the parser answers first', async () => {
    const response = await request(koaServerWithBodyParser(gate()))
      .post(callbackUrl())
      .set('Content-Type', 'application/json')
      .send('{"CallbackCommand":');
    expect([response.status, response.text]).toEqual([400, 'Bad Request']);
  });
});

describe('koaMiddleware behind other body readers', () => {
  it('takes a parsed value when a parser kept no raw text', async () => {
    const app = new Koa();
    app.use(async (ctx, next) => {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
      (ctx.request as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString()) as unknown;
      await next();
    });
    app.use(koaMiddleware(gate()));
    const response = await request(serve(app)).post(callbackUrl()).send(json);
    expect([response.status, response.body]).toEqual([200, tencentExampleReplyRefused]);
  });

  it('refuses ERR_BODY_UNAVAILABLE in a 200 when something read the body and kept nothing', async () => {
    const app = new Koa();
    app.use(async (ctx, next) => {
      for await (const _chunk of ctx.req) continue;
      await next();
    });
    const logger = silentLogger();
    app.use(koaMiddleware(gate(logger)));
    const response = await request(serve(app)).post(callbackUrl()).send(json);
    const message = 'the request body was consumed before this middleware';
    expect([response.status, response.body]).toEqual([200, refusedBody('ERR_BODY_UNAVAILABLE', message)]);
    expect(response.headers['connection']).toBe('close');
    expect(logger.error.mock.calls).toEqual([
      [`beforeAddSubscriber: ${COMMAND} refused before its handler ran: ERR_BODY_UNAVAILABLE: ${message}`],
    ]);
  });
});

describe('ctx.respond', () => {
  /** An app that records ctx.respond once everything after it has run. */
  function recordingApp(webhook: WebhookMiddleware, respond: unknown[]): Koa {
    const app = new Koa();
    app.use(async (ctx, next) => {
      await next();
      respond.push(ctx.respond);
    });
    app.use(koaMiddleware(webhook));
    app.use((ctx) => {
      ctx.status = 299;
      ctx.body = { passedOn: true };
    });
    return app;
  }

  it('is false once we answered, so Koa writes nothing after our reply', async () => {
    const respond: unknown[] = [];
    const response = await request(serve(recordingApp(gate(), respond)))
      .post(callbackUrl())
      .send(json);
    expect([response.status, response.body]).toEqual([200, tencentExampleReplyRefused]);
    expect(respond).toEqual([false]);
  });

  it('is left alone for a request passed on, which Koa answers', async () => {
    const respond: unknown[] = [];
    const response = await request(serve(recordingApp(gate(), respond)))
      .post(callbackUrl({ command: 'OfficialAccount.CallbackAfterAddSubscriber' }))
      .send(json);
    expect([response.status, response.body]).toEqual([299, { passedOn: true }]);
    expect(respond).toEqual([undefined]);
  });

  it('is false, and the middleware settles, when the client leaves before the reply', async () => {
    const respond: unknown[] = [];
    let asked!: () => void;
    const decideAsked = new Promise<void>((resolve) => (asked = resolve));
    const settled = new Promise<void>((resolve) => {
      const app = new Koa();
      app.use(async (ctx, next) => {
        await next();
        respond.push(ctx.respond);
        resolve();
      });
      app.use(
        koaMiddleware(
          beforeAddSubscriber({
            logger: silentLogger(),
            token: false,
            decide: () => {
              asked();
              return new Promise<boolean>(() => undefined);
            },
          }),
        ),
      );
      const server = serve(app);
      void listen(server).then((port) => {
        const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: callbackUrl() });
        req.on('error', () => undefined);
        req.end(json);
        void decideAsked.then(() => {
          req.destroy();
          void settled.then(() => close(server));
        });
      });
    });
    await settled;
    expect(respond).toEqual([false]);
  });
});
