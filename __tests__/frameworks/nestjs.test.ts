// docs/recipes/nestjs.md with NestJS 11 on Express, in the e2e test Nest's users write:
// Test.createTestingModule, createNestApplication, the router mounted with app.use() before
// app.init(), supertest on app.getHttpServer(). The fixture app (fixtures/nest-app) is the recipe
// with its decorators applied by hand (this repository compiles without experimentalDecorators);
// the recipe's own code is type-checked with them on. Also here: the warning about a body read in
// front for Express (Nest's platform), node:http and Fastify.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Module, type INestApplication, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import express from 'express';
import Fastify from 'fastify';
import request from 'supertest';
import { callbackRouter } from '../../lib/index';
import { bodyReaderFramework, bodyReadInFrontWarning, noteFrameworkApp } from '../../lib/node/body-read-in-front';
import { buildCallback } from '../../lib/testing';
import { tencentExampleReplyRefused } from '../fixtures';
import { failBody, readRaw, silentLogger, TOKEN } from '../helpers/servers';
import { AppModule } from './fixtures/nest-app/app.module';
import { BlocklistService } from './fixtures/nest-app/blocklist.service';
import { mountTencentChat } from './fixtures/nest-app/tencent-chat';
import { asRecipeCode, recipeFiles, recipeTypeErrors } from './fixtures/recipe-code';

const WHAT_READ_IN_FRONT = 'read by a middleware in front of this one';
const REFUSE_JARED = {
  'OfficialAccount.CallbackBeforeAddSubscriber': { decide: (subscriber: string) => subscriber !== 'jared' },
};

/** Tencent's example callback (jared and leckie asking to subscribe), signed with `token`. */
function exampleCallback(token = TOKEN): { path: string; json: string } {
  return buildCallback({ subscribers: ['jared', 'leckie'], token, path: '/im/callback' });
}

function postCallback(app: INestApplication, callback = exampleCallback()): request.Test {
  return request(app.getHttpServer()).post(callback.path).set('Content-Type', 'application/json').send(callback.json);
}

/** The app of the recipe's e2e test: `Test.createTestingModule`, then `createNestApplication`. */
async function createApp(options: { bodyParser?: boolean } = {}): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a class in Nest's types, a literal in its docs
  return moduleRef.createNestApplication<NestExpressApplication>({ logger: false, ...options });
}

beforeAll(() => {
  process.env['IM_CALLBACK_TOKEN'] = TOKEN;
});

afterAll(() => {
  Reflect.deleteProperty(process.env, 'IM_CALLBACK_TOKEN');
});

describe('docs/recipes/nestjs.md: app.use() before app.init(), in the usual e2e test', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createApp();
    mountTencentChat(app);
    await app.init();
  });

  afterAll(() => app.close());

  it('is code that type-checks as a Nest app compiles it, decorators on, e2e test included', () => {
    const files = recipeFiles('nestjs.md', 'ts');
    expect(files.map(({ file }) => file)).toEqual([
      'src/tencent-chat.ts',
      'src/blocklist.service.ts',
      'src/app.module.ts',
      'src/main.ts',
      'test/tencent-chat.e2e-spec.ts',
    ]);
    expect(recipeTypeErrors(files)).toEqual([]);
  });

  it("mounts with the recipe's src/tencent-chat.ts, word for word", () => {
    const fixture = readFileSync(path.join(__dirname, 'fixtures/nest-app/tencent-chat.ts'), 'utf8');
    // The fixture reads process.env as this repository's settings want it (noPropertyAccessFromIndexSignature).
    const asWritten = asRecipeCode(fixture).replace(/process\.env\['(\w+)'\]/g, 'process.env.$1');
    expect(asWritten).toBe(recipeFiles('nestjs.md', 'ts')[0]?.code);
  });

  it("answers Tencent's signed example exactly: jared refused by the BlocklistService from Nest's container", async () => {
    const decided: string[] = [];
    const blocklist = app.get(BlocklistService);
    const allows = jest.spyOn(blocklist, 'allows').mockImplementation(async (userId) => {
      decided.push(userId);
      return userId !== 'jared';
    });
    try {
      const response = await postCallback(app);
      expect([response.status, response.headers['content-type'], response.body]).toEqual([
        200,
        'application/json; charset=utf-8',
        tencentExampleReplyRefused,
      ]);
      expect(decided).toEqual(['jared', 'leckie']);
    } finally {
      allows.mockRestore();
    }
  });

  it('answers a forged Sign 401 ERR_SIGN_MISMATCH', async () => {
    const response = await postCallback(app, exampleCallback('not-the-token'));
    expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISMATCH')]);
  });

  it("leaves the app's own routes to Nest, whose JSON parser still parses them", async () => {
    const response = await request(app.getHttpServer()).post('/orders').send({ item: 'tea' });
    expect([response.status, response.body]).toEqual([201, { received: { item: 'tea' } }]);
  });
});

describe('the failure the recipe warns of: mounted after app.init()', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createApp();
    await app.init();
    mountTencentChat(app);
  });

  afterAll(() => app.close());

  it("gets every callback Nest's 404, whose message repeats the URL, Sign included", async () => {
    const callback = exampleCallback();
    const response = await postCallback(app, callback);
    expect([response.status, response.body]).toEqual([
      404,
      { statusCode: 404, error: 'Not Found', message: `Cannot POST ${callback.path}` },
    ]);
    expect(callback.path).toContain('Sign=');
  });
});

/** A module that mounts the router as most Nest middleware is mounted: with MiddlewareConsumer. */
function consumerModule(logger: ReturnType<typeof silentLogger>): new () => NestModule {
  class CallbackModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      const decide = (subscriber: string): boolean => subscriber !== 'jared';
      consumer
        .apply(
          callbackRouter({ token: TOKEN, logger, on: { 'OfficialAccount.CallbackBeforeAddSubscriber': { decide } } }),
        )
        .forRoutes('im/callback');
    }
  }
  Reflect.decorate([Module({ imports: [AppModule] })], CallbackModule);
  return CallbackModule;
}

describe('mounted from MiddlewareConsumer, after the JSON parser Nest registers in init()', () => {
  it("answers from the parsed body, and warns once with Express's and Nest's fixes", async () => {
    const logger = silentLogger();
    const moduleRef = await Test.createTestingModule({ imports: [consumerModule(logger)] }).compile();
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- as above
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      for (const _attempt of [1, 2]) {
        const response = await postCallback(app);
        expect([response.status, response.body]).toEqual([200, tencentExampleReplyRefused]);
      }
      const warnings = logger.warn.mock.calls.filter(([message]) => message.includes(WHAT_READ_IN_FRONT));
      expect(warnings).toEqual([[`callbackRouter${bodyReadInFrontWarning('express')}`]]);
    } finally {
      await app.close();
    }
  });
});

describe("{ bodyParser: false }, and Nest's parsers added back after the router", () => {
  it('reads the body in the router itself, and the app still gets its JSON parsed', async () => {
    const logger = silentLogger();
    const app = await createApp({ bodyParser: false });
    app.use('/im/callback', callbackRouter({ token: TOKEN, logger, on: REFUSE_JARED }));
    app.useBodyParser('json');
    await app.init();
    try {
      const response = await postCallback(app);
      expect([response.status, response.body]).toEqual([200, tencentExampleReplyRefused]);
      const order = await request(app.getHttpServer()).post('/orders').send({ item: 'tea' });
      expect([order.status, order.body]).toEqual([201, { received: { item: 'tea' } }]);
      expect(logger.warn.mock.calls.filter(([message]) => message.includes(WHAT_READ_IN_FRONT))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('the warning about a body read in front names the fix of the framework it detects', () => {
  it('Express, from req.app: before express.json(), and how in NestJS', async () => {
    const logger = silentLogger();
    const app = express();
    app.use(express.json());
    app.use('/im/callback', callbackRouter({ token: TOKEN, logger, on: REFUSE_JARED }));
    const response = await request(app).post(exampleCallback().path).send(JSON.parse(exampleCallback().json));
    expect(response.status).toBe(200);
    expect(logger.warn.mock.calls).toEqual([[`callbackRouter${bodyReadInFrontWarning('express')}`]]);
    expect(bodyReadInFrontWarning('express')).toBe(
      ': the request body was read by a middleware in front of this one (a body parser such as express.json()), ' +
        'so authentication runs only after the body was read. ' +
        "Mount this middleware before body parsers, e.g. app.use('/im/callback', webhook) before app.use(express.json()). " +
        "In NestJS, call app.use('/im/callback', webhook) in main.ts before app.init() (or listen()), not from a " +
        "NestMiddleware; or create the app with { bodyParser: false } and add Nest's parsers after the router with " +
        "app.useBodyParser('json').",
    );
  });

  it('node:http or anything unknown: the fix of each framework', async () => {
    const logger = silentLogger();
    const router = callbackRouter({ token: TOKEN, path: '/im/callback', logger, on: REFUSE_JARED });
    const server = http.createServer((req, res) => {
      void readRaw(req).then((raw) => {
        (req as http.IncomingMessage & { body?: string }).body = raw;
        router(req, res, () => res.end());
      });
    });
    const callback = exampleCallback();
    const response = await request(server).post(callback.path).send(callback.json);
    expect(response.status).toBe(200);
    expect(logger.warn.mock.calls).toEqual([[`callbackRouter${bodyReadInFrontWarning('other')}`]]);
    expect(bodyReadInFrontWarning('other')).toBe(
      ': the request body was read by a middleware in front of this one (a body parser, or any code that read the ' +
        'request stream), so authentication runs only after the body was read. Mount this middleware before ' +
        'body parsers, or whatever else reads the body: with Express or Connect, before express.json(); with Koa, ' +
        'before the body parser; ' +
        'with Egg, first in config.coreMiddleware; with Midway, first with getMiddleware().findAndInsertFirst(); ' +
        'with NestJS, app.use() in main.ts before app.init(); with Fastify, fastifyOnRequest() as an onRequest hook.',
    );
  });

  it('an application an adapter noted that is none of these (or nothing): the fix of each framework', () => {
    for (const app of [{}, null, { config: {} }]) {
      const req = new http.IncomingMessage(null as never);
      noteFrameworkApp(req, app);
      expect(bodyReaderFramework(req)).toBe('other');
    }
  });

  it('Fastify (Nest has a Fastify platform too), once an adapter notes the instance: fastifyOnRequest', async () => {
    const fastify = Fastify();
    try {
      const req = new http.IncomingMessage(null as never);
      noteFrameworkApp(req, fastify);
      expect(bodyReaderFramework(req)).toBe('fastify');
      expect(bodyReadInFrontWarning('fastify')).toBe(
        ": the request body was read by a middleware in front of this one (Fastify's content-type parser), so " +
          'authentication runs only after the body was read. Use fastifyOnRequest(webhook) as an onRequest hook, ' +
          'which runs before Fastify reads the body.',
      );
    } finally {
      await fastify.close();
    }
  });
});
