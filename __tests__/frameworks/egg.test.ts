// docs/recipes/egg.md with Egg.js 3 itself, egg-security on as by default, through egg-mock's
// in-process app (mm.app). The fixture apps are in fixtures/egg-app*: egg-app is the recipe, file
// for file; egg-app-middleware mounts the same middleware as an application middleware, which
// egg-security answers first; egg-app-csrf-ignore exempts the path from CSRF instead.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import './fixtures/no-deprecation-notices';
import mm, { type MockApplication } from 'egg-mock';
import request from 'supertest';
import { bodyReaderFramework, bodyReadInFrontWarning, noteFrameworkApp } from '../../lib/node/body-read-in-front';
import { buildCallback } from '../../lib/testing';
import { tencentExampleReplyRefused } from '../fixtures';
import { failBody, TOKEN } from '../helpers/servers';
import { asRecipeCode, recipeFiles } from './fixtures/recipe-code';

const FIXTURES = path.join(__dirname, 'fixtures');
const EGG = path.dirname(require.resolve('egg/package.json'));
/**
 * Plugins whose timers outlive app.close() in a single process (egg-schedule's and egg-watcher's),
 * which would keep jest from exiting; these apps have nothing to schedule or watch.
 */
const TIMER_PLUGINS = { schedule: { enable: false }, logrotator: { enable: false }, watcher: { enable: false } };
const WHAT_READ_IN_FRONT = 'read by a middleware in front of this one';

/**
 * Requests to the app. Not egg-mock's `app.httpRequest()`: its server is composed before the app is
 * ready, when Egg has not yet added its router, and the koa-compose installed here (4.2) copies the
 * middleware list it is given, so the app's routes would all be 404 there.
 */
function http(app: MockApplication): ReturnType<typeof request> {
  return request(app.callback() as Parameters<typeof request>[0]);
}

/** Tencent's example callback (jared and leckie asking to subscribe), signed with `token`. */
function exampleCallback(token = TOKEN, callbackPath = '/im/callback'): { path: string; json: string } {
  return buildCallback({ subscribers: ['jared', 'leckie'], token, path: callbackPath });
}

interface EggFixture {
  app: MockApplication;
  /** Where Egg wrote its logs and run/ files. */
  output: string;
}

/** Starts a fixture app with its own output folder; the token and SDKAppID come from the environment. */
async function startEgg(fixture: string): Promise<EggFixture> {
  const output = mkdtempSync(path.join(os.tmpdir(), `${fixture}-`));
  mm(process.env, 'EGG_FIXTURE_OUTPUT', output);
  mm(process.env, 'IM_CALLBACK_TOKEN', TOKEN);
  mm(process.env, 'IM_SDKAPPID', '1400000000');
  const app = mm.app({ baseDir: path.join(FIXTURES, fixture), framework: EGG, cache: false, plugins: TIMER_PLUGINS });
  await app.ready();
  return { app, output };
}

async function stopEgg(fixture: EggFixture | undefined): Promise<void> {
  await fixture?.app.close();
  await mm.restore();
  if (fixture) rmSync(fixture.output, { recursive: true, force: true });
}

/** Every line of every log file Egg wrote, JSON logs included, once each of `expected` is in one. */
async function logLines(output: string, ...expected: string[]): Promise<string[]> {
  const dir = path.join(output, 'logs');
  const read = (): string[] =>
    readdirSync(dir).flatMap((file) => readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean));
  // Egg's file transports write through streams: the line may take a moment to land.
  const landed = (): boolean => {
    const lines = read();
    return expected.every((text) => lines.some((line) => line.includes(text)));
  };
  for (let attempt = 0; attempt < 40 && !landed(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return read();
}

describe('docs/recipes/egg.md: the router first in coreMiddleware, from configWillLoad', () => {
  let egg: EggFixture | undefined;
  const app = (): MockApplication => egg!.app;

  beforeAll(async () => {
    egg = await startEgg('egg-app');
  });

  afterAll(() => stopEgg(egg));

  it('is the fixture app, file for file', () => {
    const files = recipeFiles('egg.md', 'js');
    expect(files.map(({ file }) => file)).toEqual([
      'app.js',
      'app/middleware/tencent_chat.js',
      'config/config.default.js',
    ]);
    for (const { file, code } of files) {
      expect(asRecipeCode(readFileSync(path.join(FIXTURES, 'egg-app', file), 'utf8'))).toBe(code);
    }
  });

  it('runs the router first of all middleware, before egg-security and the body parser, with no exemption', () => {
    // Egg names a core middleware it wrapped for `match` <name>middlewareWrapper.
    const names = (app() as unknown as { middleware: { _name?: string }[] }).middleware.map(({ _name }) =>
      _name?.replace(/middlewareWrapper$/, ''),
    );
    expect(names[0]).toBe('tencentChat');
    expect(names.indexOf('securities')).toBeGreaterThan(0);
    expect(names.indexOf('bodyParser')).toBeGreaterThan(0);
    expect(app().config.security.csrf).not.toHaveProperty('ignore');
    expect(app().config.bodyParser).not.toHaveProperty('ignore');
  });

  it("answers Tencent's signed example exactly, from the body it reads itself", async () => {
    const callback = exampleCallback();
    const response = await http(app()).post(callback.path).set('Content-Type', 'application/json').send(callback.json);
    expect([response.status, response.headers['content-type'], response.body]).toEqual([
      200,
      'application/json; charset=utf-8',
      tencentExampleReplyRefused,
    ]);
  });

  it('answers a forged Sign 401 ERR_SIGN_MISMATCH', async () => {
    const callback = exampleCallback('not-the-token');
    const response = await http(app()).post(callback.path).set('Content-Type', 'application/json').send(callback.json);
    expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISMATCH')]);
  });

  it('leaves a spelling of the path that match misses to egg-security, which refuses it 403', async () => {
    const callback = exampleCallback(TOKEN, '/im/%63allback');
    const response = await http(app()).post(callback.path).set('Content-Type', 'application/json').send(callback.json);
    expect([response.status, response.text]).toEqual([403, expect.stringContaining('missing csrf token')]);
  });

  it("leaves the app's own POST routes to egg-security: 403 without a CSRF token, answered with one", async () => {
    const refused = await http(app()).post('/orders').send({ item: 'tea' });
    expect([refused.status, refused.text]).toEqual([403, expect.stringContaining('missing csrf token')]);

    const page = await http(app()).get('/csrf');
    const { csrf } = page.body as { csrf: string };
    const cookies = page.headers['set-cookie'] as unknown as string[];
    const accepted = await http(app())
      .post('/orders')
      .set('Cookie', cookies)
      .set('x-csrf-token', csrf)
      .send({ item: 'tea' });
    // Egg's body parser, after the router, still parses the app's requests.
    expect([accepted.status, accepted.body]).toEqual([200, { received: { item: 'tea' } }]);
  });

  it("keeps the Sign out of the lines Egg logs during a request, text and JSON logs, the router's among them", async () => {
    await http(app()).post(exampleCallback('not-the-token').path).send('{}');
    await http(app()).post('/orders?Sign=should-not-be-logged').send({});
    const lines = await logLines(egg!.output, 'missing csrf token', '"message":"callbackRouter:');
    // The router's refusal (through app.logger) and egg-security's (through ctx.logger), with the path alone.
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^\S+ \S+ WARN \d+ \[-\/[\d.:a-f]+\/-\/\d+ms POST \/im\/callback\] callbackRouter: OfficialAccount\.CallbackBeforeAddSubscriber answered 401 ERR_SIGN_MISMATCH/,
        ),
        expect.stringMatching(/^\S+ \S+ WARN \d+ \[-\/[\d.:a-f]+\/-\/\d+ms POST \/orders\] nodejs\.ForbiddenError/),
        expect.stringMatching(
          /^\{.*"message":"callbackRouter: OfficialAccount\.CallbackBeforeAddSubscriber answered 401/,
        ),
      ]),
    );
    expect(lines.filter((line) => /Sign=|RequestTime=/.test(line))).toEqual([]);
    expect(lines.filter((line) => line.includes(WHAT_READ_IN_FRONT))).toEqual([]);
  });
});

describe('the symptom the recipe names: the router as an application middleware (config.middleware)', () => {
  let egg: EggFixture | undefined;

  beforeAll(async () => {
    egg = await startEgg('egg-app-middleware');
  });

  afterAll(() => stopEgg(egg));

  it('gets every callback a 403 "missing csrf token" page from egg-security: the router never runs', async () => {
    const callback = exampleCallback();
    const response = await http(egg!.app)
      .post(callback.path)
      .set('Content-Type', 'application/json')
      .send(callback.json);
    expect([response.status, response.headers['content-type']]).toEqual([403, 'text/html; charset=utf-8']);
    expect(response.text).toContain('ForbiddenError: missing csrf token');
    expect(response.text).not.toContain('ActionStatus');
  });

  it("and Egg's own context prefix logs the whole URL, Sign included", async () => {
    const callback = exampleCallback();
    await http(egg!.app).post(callback.path).set('Content-Type', 'application/json').send(callback.json);
    const lines = await logLines(egg!.output, 'missing csrf token');
    const sign = new URLSearchParams(callback.path.split('?')[1]).get('Sign')!;
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`POST /im/callback\\?\\S*Sign=${sign}\\S*\\] nodejs\\.ForbiddenError`)),
      ]),
    );
  });
});

describe('the usual workaround: an application middleware with the path exempted from CSRF', () => {
  let egg: EggFixture | undefined;

  beforeAll(async () => {
    egg = await startEgg('egg-app-csrf-ignore');
  });

  afterAll(() => stopEgg(egg));

  it('answers, but after Egg has parsed the body: the package warns once', async () => {
    egg!.app.mockLog();
    for (const _attempt of [1, 2]) {
      const callback = exampleCallback();
      const response = await http(egg!.app)
        .post(callback.path)
        .set('Content-Type', 'application/json')
        .send(callback.json);
      expect([response.status, response.body]).toEqual([200, tencentExampleReplyRefused]);
    }
    const logged = (egg!.app.logger as unknown as { _mockLogs: string[] })._mockLogs;
    const warnings = logged.filter((line) => line.includes(WHAT_READ_IN_FRONT));
    expect(warnings).toHaveLength(1);
    // koaMiddleware notes Egg's application, so the warning gives Egg's fix alone.
    expect(warnings[0]).toContain(`callbackRouter${bodyReadInFrontWarning('egg')}`);
  });

  it("whose warning names Egg's fix once the Koa adapter notes the application: first in coreMiddleware", () => {
    const req = { app: undefined } as unknown as Parameters<typeof noteFrameworkApp>[0];
    noteFrameworkApp(req, egg!.app);
    expect(bodyReaderFramework(req)).toBe('egg');
    expect(bodyReadInFrontWarning('egg')).toBe(
      ": the request body was read by a middleware in front of this one (Egg's bodyParser, a core middleware " +
        'that runs before every application middleware), so authentication runs only after the body was read. ' +
        "Mount this middleware first in Egg's core middleware, from a boot hook in app.js: configWillLoad() " +
        "{ this.app.config.coreMiddleware.unshift('tencentChat'); }, with config.tencentChat.match set to the " +
        'callback path; it then needs no CSRF or body parser exemption (docs/recipes/egg.md).',
    );
  });
});
