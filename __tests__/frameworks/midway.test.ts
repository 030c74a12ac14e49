// docs/recipes/midway.md with Midway 3 on Koa (@midwayjs/koa), started by @midwayjs/mock. The
// fixture app (fixtures/midway-app) is the recipe with its decorators applied by hand; the recipe's
// own code is type-checked with decorators on. fixtures/midway-app-use-middleware adds the same
// middleware the way Midway's guide adds a global one, which puts it after the body parser.
import 'reflect-metadata';
import http from 'node:http';
import path from 'node:path';
import type { ILogger } from '@midwayjs/core';
import type { Application } from '@midwayjs/koa';
import { close, createApp, createHttpRequest } from '@midwayjs/mock';
import Koa from 'koa';
import { bodyReaderFramework, bodyReadInFrontWarning, noteFrameworkApp } from '../../lib/node/body-read-in-front';
import { buildCallback } from '../../lib/testing';
import { tencentExampleReplyRefused } from '../fixtures';
import { failBody, TOKEN } from '../helpers/servers';
import { recipeFiles, recipeTypeErrors } from './fixtures/recipe-code';

type Level = 'debug' | 'info' | 'warn' | 'error';

// @midwayjs/mock loads @midwayjs/logger, which every Midway app has among its dependencies and this
// repository does not. In its place: Midway's own fallback factory, with loggers that record what
// they are given, in `logged`, by level.
jest.mock(
  '@midwayjs/logger',
  () => {
    const { DefaultConsoleLoggerFactory } = jest.requireActual<typeof import('@midwayjs/core')>('@midwayjs/core');
    const lines: Record<Level, string[]> = { debug: [], info: [], warn: [], error: [] };
    const recorder = Object.fromEntries(
      (['debug', 'info', 'warn', 'error'] as const).map((level) => [
        level,
        (...args: unknown[]) => void lines[level].push(args.map(String).join(' ')),
      ]),
    );
    class RecordingLoggerFactory extends DefaultConsoleLoggerFactory {
      override createLogger(name: string, options: unknown): ILogger {
        super.createLogger(name, options);
        return this.getLogger();
      }

      override getLogger(): ILogger {
        return recorder as unknown as ILogger;
      }
    }
    return { loggers: new RecordingLoggerFactory(), clearAllLoggers: () => undefined, logged: lines };
  },
  { virtual: true },
);

/** What the apps logged, by level. */
const { logged } = jest.requireMock<{ logged: Record<Level, string[]> }>('@midwayjs/logger');

const FIXTURES = path.join(__dirname, 'fixtures');
const WHAT_READ_IN_FRONT = 'read by a middleware in front of this one';

/** Tencent's example callback (jared and leckie asking to subscribe), signed with `token`. */
function exampleCallback(token = TOKEN): { path: string; json: string } {
  return buildCallback({ subscribers: ['jared', 'leckie'], token, path: '/im/callback' });
}

async function startMidway(fixture: string): Promise<Application> {
  process.env['IM_CALLBACK_TOKEN'] = TOKEN;
  return createApp<import('@midwayjs/koa').Framework>(path.join(FIXTURES, fixture));
}

afterAll(() => {
  Reflect.deleteProperty(process.env, 'IM_CALLBACK_TOKEN');
});

beforeEach(() => {
  for (const lines of Object.values(logged)) lines.length = 0;
});

describe('docs/recipes/midway.md: the router moved first of all middleware, with its match', () => {
  let app: Application | undefined;

  beforeAll(async () => {
    app = await startMidway('midway-app');
  });

  afterAll(() => close(app!));

  it('is code that type-checks as a Midway app compiles it, decorators on', () => {
    const files = recipeFiles('midway.md', 'ts');
    expect(files.map(({ file }) => file)).toEqual([
      'src/service/blocklist.service.ts',
      'src/middleware/tencent-chat.middleware.ts',
      'src/config/config.default.ts',
      'src/configuration.ts',
    ]);
    expect(recipeTypeErrors(files)).toEqual([]);
  });

  it("runs it first, ahead of @midwayjs/koa's body parser", () => {
    const names = app!.getMiddleware().getNames();
    expect(names[0]).toBe('tencentChat');
    expect(names.indexOf('bodyParser')).toBeGreaterThan(0);
  });

  it("answers Tencent's signed example exactly: jared refused by the BlocklistService from the container", async () => {
    const callback = exampleCallback();
    const response = await createHttpRequest(app!)
      .post(callback.path)
      .set('Content-Type', 'application/json')
      .send(callback.json);
    expect([response.status, response.headers['content-type'], response.body]).toEqual([
      200,
      'application/json; charset=utf-8',
      tencentExampleReplyRefused,
    ]);
    expect(logged.warn.filter((line) => line.includes(WHAT_READ_IN_FRONT))).toEqual([]);
  });

  it('answers a forged Sign 401 ERR_SIGN_MISMATCH, and logs it through the app logger', async () => {
    const callback = exampleCallback('not-the-token');
    const response = await createHttpRequest(app!)
      .post(callback.path)
      .set('Content-Type', 'application/json')
      .send(callback.json);
    expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISMATCH')]);
    expect(logged.warn).toEqual([
      'callbackRouter: OfficialAccount.CallbackBeforeAddSubscriber answered 401 ERR_SIGN_MISMATCH: ' +
        'Sign does not match the configured callback token',
    ]);
  });

  it("leaves the app's own routes to Midway, whose body parser still parses them", async () => {
    const response = await createHttpRequest(app!).post('/orders').send({ item: 'tea' });
    expect([response.status, response.body]).toEqual([200, { received: { item: 'tea' } }]);
  });
});

describe("the mount of Midway's guide for a global middleware: useMiddleware alone", () => {
  let app: Application | undefined;

  beforeAll(async () => {
    app = await startMidway('midway-app-use-middleware');
  });

  afterAll(() => close(app!));

  it('puts it after the body parser: the callback is answered, and the package warns once', async () => {
    const names = app!.getMiddleware().getNames();
    expect(names.indexOf('tencentChat')).toBeGreaterThan(names.indexOf('bodyParser'));
    for (const _attempt of [1, 2]) {
      const callback = exampleCallback();
      const response = await createHttpRequest(app!)
        .post(callback.path)
        .set('Content-Type', 'application/json')
        .send(callback.json);
      expect([response.status, response.body]).toEqual([200, tencentExampleReplyRefused]);
    }
    const warnings = logged.warn.filter((line) => line.includes(WHAT_READ_IN_FRONT));
    expect(warnings).toHaveLength(1);
    // koaMiddleware notes Midway's application, so the warning gives Midway's fix alone.
    expect(warnings).toEqual([`callbackRouter${bodyReadInFrontWarning('midway')}`]);
  });

  it("whose warning names Midway's fix once the Koa adapter notes the application", () => {
    const req = new http.IncomingMessage(null as never);
    noteFrameworkApp(req, app);
    expect(bodyReaderFramework(req)).toBe('midway');
    expect(bodyReadInFrontWarning('midway')).toBe(
      ": the request body was read by a middleware in front of this one (@midwayjs/koa's bodyParser), so " +
        'authentication runs only after the body was read. Mount this middleware first, in the onReady() of ' +
        "your configuration: app.useMiddleware(YourMiddleware), then app.getMiddleware().findAndInsertFirst('<its name>') " +
        '(docs/recipes/midway.md).',
    );
  });
});

describe('the warning about a body read in front, for Koa itself', () => {
  it('names the fix for a Koa application: before the body parser', () => {
    const req = new http.IncomingMessage(null as never);
    noteFrameworkApp(req, new Koa());
    expect(bodyReaderFramework(req)).toBe('koa');
    expect(bodyReadInFrontWarning('koa')).toBe(
      ': the request body was read by a middleware in front of this one (a body parser such as @koa/bodyparser), ' +
        'so authentication runs only after the body was read. Mount this middleware before the body parser: ' +
        'app.use(koaMiddleware(webhook)) before app.use(bodyParser()).',
    );
  });
});
