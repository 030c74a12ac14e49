import http from 'node:http';
import request from 'supertest';
import { callbackRouter, type CallbackRouterOptions, type GenericReply } from '../lib/index';
import { buildCallback } from '../lib/testing';
import { DEFINITIONS } from '../lib/commands/index';
import { expectedReply, recordingHandlers, type Seen } from './helpers/registry';
import { close, listen } from './helpers/raw-http';
import {
  failBody,
  refusedBody,
  routerServerWith,
  SDK_APP_ID,
  SERVER_KINDS,
  silentLogger,
  TOKEN,
} from './helpers/servers';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const REFUSED = { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: '' };
// A failure of the app's code refuses: ErrorCode 1 in an OK reply, which Tencent reads on every page.
const HANDLER_FAILED = REFUSED;

// The socket matrix runs the Official Account family; every command is run in-process in
// __tests__/unit/commands.test.ts.
const OFFICIAL_ACCOUNT = DEFINITIONS.filter((definition) => definition.command.startsWith('OfficialAccount.'));
const OFFICIAL_ACCOUNT_COMMANDS = OFFICIAL_ACCOUNT.map((definition) => definition.command);
const officialAccountHandlers = (seen: Seen) => recordingHandlers(seen, OFFICIAL_ACCOUNT);
const definitionOf = (command: string) => OFFICIAL_ACCOUNT.find((definition) => definition.command === command)!;

const signed = { token: TOKEN, sdkAppId: SDK_APP_ID };

/** The URL of a genuine, signed callback with its CallbackCommand taken out (the Sign does not cover it). */
function signedPathWithoutCommand(): string {
  const url = new URL(
    buildCallback({ command: 'OfficialAccount.CallbackAfterSendMsg', token: TOKEN }).path,
    'http://x',
  );
  url.searchParams.delete('CallbackCommand');
  return `${url.pathname}${url.search}`;
}

describe.each(SERVER_KINDS)('callbackRouter on %s', (kind) => {
  it.each(OFFICIAL_ACCOUNT_COMMANDS)(
    "calls the handler of %s with Tencent's example and replies exactly",
    async (command) => {
      const seen: Seen = [];
      const server = routerServerWith(kind, { ...signed, on: officialAccountHandlers(seen) });
      const { example } = definitionOf(command) as { example: { EventTime: number } };
      const callback = buildCallback({ command, token: TOKEN, eventTime: example.EventTime });
      expect(callback.body).toEqual(example);
      const response = await request(server).post(callback.path).send(callback.json);
      expect([response.status, response.body]).toEqual([200, expectedReply(definitionOf(command), example)]);
      const events = seen.map((each) => each.event);
      expect(seen.every((each) => each.command === command)).toBe(true);
      expect(events[0]).toEqual(example);
    },
  );

  it.each(OFFICIAL_ACCOUNT_COMMANDS)(
    'refuses %s in a 200 for a signed body against its schema, answers 401 for a forged Sign, 403 for another app',
    async (command) => {
      const seen: Seen = [];
      const logger = silentLogger();
      const server = routerServerWith(kind, { ...signed, logger, on: officialAccountHandlers(seen) });
      const invalid = buildCallback({ command, token: TOKEN, event: { EventTime: 'yesterday' } as object });
      const forged = buildCallback({ command, token: 'forged-token' });
      const otherApp = buildCallback({ command, token: TOKEN, sdkAppId: 1400000001 });
      const replies = await Promise.all(
        [invalid, forged, otherApp].map(async (callback) => {
          const response = await request(server).post(callback.path).send(callback.json);
          return [response.status, response.body as unknown];
        }),
      );
      expect(replies).toEqual([
        [200, refusedBody('ERR_BODY_INVALID', 'body.EventTime must be of type integer')],
        [401, failBody('ERR_SIGN_MISMATCH')],
        [403, failBody('ERR_SDKAPPID_MISMATCH')],
      ]);
      expect(seen).toEqual([]);
      expect(logger.error.mock.calls).toEqual([
        [
          `callbackRouter: ${command} refused before its handler ran: ERR_BODY_INVALID: body.EventTime must be of type integer`,
        ],
      ]);
      // The three went in parallel: the two warnings may come in either order.
      expect(logger.warn.mock.calls.map(([line]) => line).sort()).toEqual([
        `callbackRouter: ${command} answered 401 ERR_SIGN_MISMATCH: Sign does not match the configured callback token`,
        `callbackRouter: ${command} answered 403 ERR_SDKAPPID_MISMATCH: query parameter SdkAppid is not the SDKAppID this webhook serves`,
      ]);
    },
  );

  it('authenticates a command it has no handler for before passing it on, with the body byte-identical', async () => {
    const server = routerServerWith(kind, { ...signed, on: {} });
    const json = '{ "CallbackCommand": "Group.CallbackAfterNewMemberJoin",\n  "GroupId": "@TGS#1" }';
    const genuine = buildCallback({ command: 'Group.CallbackAfterNewMemberJoin', token: TOKEN });
    const passed = await request(server).post(genuine.path).set('Content-Type', 'application/json').send(json);
    expect([passed.status, passed.body]).toEqual([299, { passedOn: true, method: 'POST', rawBody: json }]);
    const unsigned = buildCallback({ command: 'Group.CallbackAfterNewMemberJoin' });
    const refused = await request(server).post(unsigned.path).send(json);
    expect([refused.status, refused.body]).toEqual([401, failBody('ERR_SIGN_MISSING')]);
  });

  it("acknowledges a command it has no handler for with unhandled: 'ack', after authentication", async () => {
    const server = routerServerWith(kind, { ...signed, unhandled: 'ack', on: {} });
    const genuine = buildCallback({ command: 'OfficialAccount.CallbackAfterSendMsg', token: TOKEN });
    const acked = await request(server).post(genuine.path).send(genuine.json);
    expect([acked.status, acked.body]).toEqual([200, OK]);
    const stale = buildCallback({ command: 'OfficialAccount.CallbackAfterSendMsg', token: TOKEN, requestTime: 1000 });
    const refused = await request(server).post(stale.path).send(stale.json);
    expect([refused.status, refused.body]).toEqual([401, failBody('ERR_REQUEST_TIME_STALE')]);
  });

  it('skips a handler left undefined, so its command is passed on after authentication', async () => {
    const server = routerServerWith(kind, { ...signed, on: { 'OfficialAccount.CallbackAfterSendMsg': undefined } });
    const callback = buildCallback({ command: 'OfficialAccount.CallbackAfterSendMsg', token: TOKEN });
    const response = await request(server).post(callback.path).send(callback.json);
    expect([response.status, response.body]).toEqual([299, { passedOn: true, method: 'POST', rawBody: callback.json }]);
  });

  it("authenticates a POST without CallbackCommand that carries Tencent's parameters: unsigned, it is answered 401", async () => {
    const logger = silentLogger();
    const server = routerServerWith(kind, { ...signed, logger, on: recordingHandlers([]) });
    const noCommand = await request(server).post('/im/callback?SdkAppid=1').send('x');
    expect([noCommand.status, noCommand.body]).toEqual([
      401,
      failBody('ERR_SIGN_MISSING', 'query parameter Sign is missing'),
    ]);
    expect(logger.warn.mock.calls).toEqual([
      [
        'callbackRouter: a callback without CallbackCommand answered 401 ERR_SIGN_MISSING: query parameter Sign is missing',
      ],
    ]);
  });

  it(
    kind === 'node:http'
      ? "passes on a POST without any of Tencent's parameters, untouched, where nothing mounted the router on a path"
      : 'authenticates any POST on the path the router is mounted on: unsigned and without any query, it is answered 401',
    async () => {
      const server = routerServerWith(kind, { ...signed, on: recordingHandlers([]) });
      for (const path of ['/im/callback', '/im/callback?page=2']) {
        const response = await request(server).post(path).send('x');
        expect([response.status, response.body]).toEqual(
          kind === 'node:http'
            ? [299, { passedOn: true, method: 'POST', rawBody: 'x' }]
            : [401, failBody('ERR_SIGN_MISSING', 'query parameter Sign is missing')],
        );
      }
    },
  );

  it('passes on every method but POST, untouched, even with a command', async () => {
    const server = routerServerWith(kind, { ...signed, on: recordingHandlers([]) });
    const path = buildCallback({ command: 'OfficialAccount.CallbackAfterSendMsg' }).path;
    const get = await request(server).get(path);
    expect([get.status, get.body]).toEqual([299, { passedOn: true, method: 'GET', rawBody: '' }]);
    const put = await request(server).put(path).send('x');
    expect([put.status, put.body]).toEqual([299, { passedOn: true, method: 'PUT', rawBody: 'x' }]);
  });

  it('passes on an authenticated POST without CallbackCommand, body untouched, by default', async () => {
    const logger = silentLogger();
    const server = routerServerWith(kind, { ...signed, logger, on: recordingHandlers([]) });
    const response = await request(server).post(signedPathWithoutCommand()).send('x');
    expect([response.status, response.body]).toEqual([299, { passedOn: true, method: 'POST', rawBody: 'x' }]);
    expect([...logger.warn.mock.calls, ...logger.error.mock.calls]).toEqual([]);
  });

  it("refuses an authenticated POST without CallbackCommand in a 200 with unhandled: 'ack', and logs it", async () => {
    const logger = silentLogger();
    const server = routerServerWith(kind, { ...signed, logger, unhandled: 'ack', on: recordingHandlers([]) });
    const response = await request(server).post(signedPathWithoutCommand()).send('{}');
    expect([response.status, response.body]).toEqual([
      200,
      {
        ActionStatus: 'OK',
        ErrorCode: 1,
        ErrorInfo: 'ERR_COMMAND_MISSING: query parameter CallbackCommand is missing',
      },
    ]);
    expect(logger.error.mock.calls).toEqual([
      [
        'callbackRouter: a callback without CallbackCommand refused before its handler ran: ERR_COMMAND_MISSING: query parameter CallbackCommand is missing',
      ],
    ]);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});

describe('BeforeSendMsg decisions', () => {
  const command = 'OfficialAccount.CallbackBeforeSendMsg';
  const newBody = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello [LV1]' } }];

  async function replyTo(decision: unknown, options: Partial<CallbackRouterOptions> = {}) {
    const logger = silentLogger();
    const onDecision = jest.fn();
    const server = routerServerWith('express5', {
      logger,
      onDecision,
      ...options,
      on: { [command]: { decide: () => decision as boolean } },
    });
    const callback = buildCallback({ command });
    const response = await request(server).post(callback.path).send(callback.json);
    return { status: response.status, body: response.body as unknown, logger, onDecision };
  }

  it.each<[string, unknown, object, string]>([
    ['true sends it', true, OK, 'allowed'],
    ['false refuses it', false, REFUSED, 'refused'],
    ["'drop' discards it silently", 'drop', { ...OK, ErrorCode: 2 }, 'dropped'],
    [
      '{ modify } sends it changed',
      { modify: { MsgBody: newBody, CloudCustomData: 'vip' } },
      { ...OK, MsgBody: newBody, CloudCustomData: 'vip' },
      'modified',
    ],
    [
      '{ modify } with CloudCustomData alone',
      { modify: { CloudCustomData: '' } },
      { ...OK, CloudCustomData: '' },
      'modified',
    ],
    [
      '{ reject } refuses with its own code',
      { reject: { code: 120001, info: 'muted' } },
      { ActionStatus: 'OK', ErrorCode: 120001, ErrorInfo: 'muted' },
      'rejected',
    ],
    [
      '{ reject } at the top of the range',
      { reject: { code: 130000, info: '' } },
      { ActionStatus: 'OK', ErrorCode: 130000, ErrorInfo: '' },
      'rejected',
    ],
  ])('%s', async (_name, decision, reply, reported) => {
    const result = await replyTo(decision);
    expect([result.status, result.body]).toEqual([200, reply]);
    expect(result.onDecision).toHaveBeenCalledWith(
      expect.objectContaining({
        command,
        decision: reported,
        errorCode: (reply as { ErrorCode: number }).ErrorCode,
        timedOut: false,
        errored: false,
      }),
    );
  });

  it.each<[string, unknown, RegExp]>([
    ['a code below the range', { reject: { code: 120000, info: 'x' } }, /outside 120001–130000/],
    ['a code above the range', { reject: { code: 130001, info: 'x' } }, /outside 120001–130000/],
    ['a fractional code', { reject: { code: 120001.5, info: 'x' } }, /outside 120001–130000/],
    ['an info that is not a string', { reject: { code: 120001, info: 7 } }, /info is not a string/],
    ['a misspelt modify field', { modify: { msgBody: newBody } }, /unknown field\(s\) msgBody/],
    ['a MsgBody of the wrong shape', { modify: { MsgBody: [{ Text: 'x' }] } }, /MsgBody that is not an array/],
    [
      'a CloudCustomData that is not a string',
      { modify: { CloudCustomData: 1 } },
      /CloudCustomData that is not a string/,
    ],
    ['a string other than drop', 'allow', /returned a string; it must return/],
    ['null', null, /returned null/],
    ['an array', [true], /returned an array/],
    ['a number', 1, /returned number/],
    ['{ modify } without an object', { modify: 'MsgBody' }, /returned \{ modify \} without an object of new fields/],
    ['{ reject } without an object', { reject: 120001 }, /returned \{ reject \} without \{ code, info \}/],
    ['both modify and reject', { modify: {}, reject: { code: 120001, info: '' } }, /an object of another shape/],
    ['a BigInt inside', { modify: { CloudCustomData: 10n } }, /cannot be read as JSON/],
    [
      'an object whose getter throws',
      {
        get reject(): never {
          throw new Error('hostile');
        },
      },
      /cannot be read as JSON/,
    ],
  ])('settles %s by onError: refused by default, logged', async (_name, decision, message) => {
    const result = await replyTo(decision);
    expect([result.status, result.body]).toEqual([200, REFUSED]);
    expect(result.logger.error).toHaveBeenCalledWith(
      expect.stringMatching(message),
      expect.objectContaining({ code: 'ERR_DECIDE_RESULT_INVALID' }),
    );
    expect(result.onDecision).toHaveBeenCalledWith(expect.objectContaining({ decision: 'refused', errored: true }));
  });

  it("settles a revoked Proxy by onError: 'allow' when so configured", async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const result = await replyTo(proxy, {});
    expect([result.status, result.body]).toEqual([200, REFUSED]);
    const allowing = routerServerWith('node:http', {
      on: { [command]: { decide: () => proxy as boolean, onError: 'allow' } },
    });
    const callback = buildCallback({ command });
    const response = await request(allowing).post(callback.path).send(callback.json);
    expect([response.status, response.body]).toEqual([200, OK]);
  });

  it.each<[string, { decide: () => boolean; onError?: unknown }, object]>([
    [
      'refuses by default',
      { decide: () => true },
      refusedBody('ERR_BODY_INVALID', 'body.EventTime must be of type integer'),
    ],
    ["allows with onError: 'allow'", { decide: () => true, onError: 'allow' }, OK],
    [
      'refuses without asking a function onError, which takes only failures of decide',
      { decide: () => true, onError: jest.fn(() => true) },
      refusedBody('ERR_BODY_INVALID', 'body.EventTime must be of type integer'),
    ],
  ])('settles a signed body against the schema by its failure policy: %s', async (_name, handler, reply) => {
    const logger = silentLogger();
    const onDecision = jest.fn();
    const decide = jest.spyOn(handler, 'decide');
    const { onError } = handler;
    const server = routerServerWith('express4', {
      logger,
      onDecision,
      on: { [command]: handler } as CallbackRouterOptions['on'],
    });
    const callback = buildCallback({ command, event: { EventTime: 'yesterday' } as object });
    const response = await request(server).post(callback.path).send(callback.json);
    expect([response.status, response.body]).toEqual([200, reply]);
    expect(decide).not.toHaveBeenCalled();
    if (jest.isMockFunction(onError)) expect(onError).not.toHaveBeenCalled();
    expect(onDecision).not.toHaveBeenCalled();
    expect(logger.error.mock.calls).toEqual([
      [
        `callbackRouter: ${command} refused before its handler ran: ERR_BODY_INVALID: body.EventTime must be of type integer`,
      ],
    ]);
  });

  it('passes the thrown error and the context to an onError function', async () => {
    const thrown = new Error('db down');
    const onError = jest.fn(() => true);
    const server = routerServerWith('node:http', {
      on: {
        [command]: {
          decide: () => {
            throw thrown;
          },
          onError,
        },
      },
    });
    const callback = buildCallback({ command });
    const response = await request(server).post(callback.path).send(callback.json);
    expect([response.status, response.body]).toEqual([200, OK]);
    expect(onError).toHaveBeenCalledWith(thrown, expect.objectContaining({ event: callback.body }));
  });

  it('refuses a message whose decision is late, or allows it with onTimeout, at its own timeoutMs, and logs it', async () => {
    const never = (): Promise<boolean> => new Promise(() => undefined);
    const logger = silentLogger();
    const server = routerServerWith('node:http', {
      logger,
      timeoutMs: 60_000,
      on: {
        [command]: { decide: never, timeoutMs: 50 },
        'OfficialAccount.CallbackBeforeCreateOfficialAccount': { decide: never, timeoutMs: 50, onTimeout: 'allow' },
      },
    });
    const started = Date.now();
    const message = buildCallback({ command });
    const refused = await request(server).post(message.path).send(message.json);
    const creation = buildCallback({ command: 'OfficialAccount.CallbackBeforeCreateOfficialAccount' });
    const allowed = await request(server).post(creation.path).send(creation.json);
    expect([refused.status, refused.body, allowed.status, allowed.body]).toEqual([200, REFUSED, 200, OK]);
    // Both came at their own 50 ms deadline, far before the shared one of a minute.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(logger.warn.mock.calls.filter(([line]) => !line.includes('`token: false`'))).toEqual([
      [
        "callbackRouter: timeoutMs 60000 is not below Tencent's 2000 ms wait, so Tencent may give up before the reply and apply its console policy instead.",
      ],
      [`callbackRouter: decide for ${command} did not settle before the deadline; onTimeout refused the request`],
      [
        'callbackRouter: decide for OfficialAccount.CallbackBeforeCreateOfficialAccount did not settle before the deadline; onTimeout allowed the request',
      ],
    ]);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('logs a decide that fails after the deadline once, at warn, with its cause', async () => {
    const logger = silentLogger();
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let fail: (error: Error) => void = () => undefined;
      const server = routerServerWith('node:http', {
        logger,
        on: {
          [command]: {
            decide: () => new Promise<boolean>((_resolve, reject) => (fail = reject)),
            timeoutMs: 30,
          },
        },
      });
      const callback = buildCallback({ command });
      const response = await request(server).post(callback.path).send(callback.json);
      expect([response.status, response.body]).toEqual([200, REFUSED]);
      const thrown = new Error('late');
      fail(thrown);
      await new Promise((resolve) => setImmediate(resolve));
      expect(logger.warn.mock.calls.filter(([line]) => !line.includes('`token: false`'))).toEqual([
        [`callbackRouter: decide for ${command} did not settle before the deadline; onTimeout refused the request`],
        [
          `callbackRouter: decide for ${command} failed after the deadline`,
          expect.objectContaining({ code: 'ERR_DECIDE_FAILED', cause: thrown }),
        ],
      ]);
      expect(logger.error).not.toHaveBeenCalled();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

describe('BeforeCreateOfficialAccount decisions', () => {
  const command = 'OfficialAccount.CallbackBeforeCreateOfficialAccount';

  it.each<[string, unknown, object]>([
    ['true allows', true, OK],
    ['false refuses', false, REFUSED],
    [
      '{ reject } refuses with its own code',
      { reject: { code: 125000, info: 'name taken' } },
      { ActionStatus: 'OK', ErrorCode: 125000, ErrorInfo: 'name taken' },
    ],
    ["'drop', which only messages have, refuses", 'drop', REFUSED],
    ['{ modify }, which only messages have, refuses', { modify: {} }, REFUSED],
  ])('%s', async (_name, decision, reply) => {
    const server = routerServerWith('express4', { on: { [command]: { decide: () => decision as boolean } } });
    const callback = buildCallback({ command, event: { Name: 'News' } });
    const response = await request(server).post(callback.path).send(callback.json);
    expect([response.status, response.body]).toEqual([200, reply]);
  });
});

describe('After-callbacks', () => {
  const command = 'OfficialAccount.CallbackAfterAddSubscriber';

  it('acknowledges at the deadline while a slow handler goes on, and aborts its signal', async () => {
    const logger = silentLogger();
    let signal: AbortSignal | undefined;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const server = routerServerWith('node:http', {
      logger,
      timeoutMs: 50,
      on: {
        [command]: (_event, context) => {
          signal = context.signal;
          return finished;
        },
      },
    });
    const callback = buildCallback({ command });
    const response = await request(server).post(callback.path).send(callback.json);
    expect([response.status, response.body]).toEqual([200, OK]);
    expect(signal?.aborted).toBe(true);
    expect(logger.warn).toHaveBeenCalledWith(
      `callbackRouter: the handler of ${command} did not finish before the deadline`,
    );
    finish();
  });

  it('answers a handler that throws with ErrorCode 1 in a 200, and logs the error with its cause', async () => {
    const logger = silentLogger();
    const thrown = new Error('db down');
    const server = routerServerWith('express5', {
      logger,
      on: {
        [command]: async () => {
          await Promise.resolve();
          throw thrown;
        },
        'OfficialAccount.CallbackAfterSendMsg': () => {
          throw thrown;
        },
      },
    });
    for (const each of [command, 'OfficialAccount.CallbackAfterSendMsg'] as const) {
      const callback = buildCallback({ command: each });
      const response = await request(server).post(callback.path).send(callback.json);
      expect([response.status, response.body]).toEqual([200, HANDLER_FAILED]);
    }
    expect(logger.error.mock.calls).toEqual([
      [
        `callbackRouter: the handler of ${command} failed`,
        expect.objectContaining({ code: 'ERR_HANDLER_FAILED', cause: thrown }),
      ],
      [
        'callbackRouter: the handler of OfficialAccount.CallbackAfterSendMsg failed',
        expect.objectContaining({ cause: thrown }),
      ],
    ]);
  });

  it('logs a failure that comes after the deadline, never leaving it unhandled', async () => {
    const logger = silentLogger();
    let fail: (error: Error) => void = () => undefined;
    const server = routerServerWith('node:http', {
      logger,
      timeoutMs: 30,
      on: { [command]: () => new Promise<void>((_resolve, reject) => (fail = reject)) },
    });
    const callback = buildCallback({ command });
    const response = await request(server).post(callback.path).send(callback.json);
    expect([response.status, response.body]).toEqual([200, OK]);
    fail(new Error('late'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.error).toHaveBeenCalledWith(
      `callbackRouter: the handler of ${command} failed`,
      expect.objectContaining({ code: 'ERR_HANDLER_FAILED' }),
    );
  });
});

describe('generic handlers: commands the package does not know', () => {
  // A command of TUILiveKit, a product beside Chat that may share the callback URL.
  const command = 'Live.CallbackAfterCreateRoom';

  async function replyTo(result: () => unknown, event: object = { RoomId: 'r1' }) {
    const logger = silentLogger();
    const handler = jest.fn((..._args: unknown[]) => result() as GenericReply | undefined);
    const server = routerServerWith('express5', { logger, timeoutMs: 50, on: {}, generic: { [command]: handler } });
    const callback = buildCallback({ command, event });
    const response = await request(server).post(callback.path).send(callback.json);
    return { status: response.status, body: response.body as unknown, handler, logger, sent: callback.body };
  }

  it('hands over the parsed body and answers OK when the handler returns nothing', async () => {
    const result = await replyTo(() => undefined);
    expect([result.status, result.body]).toEqual([200, OK]);
    expect(result.handler).toHaveBeenCalledWith(result.sent, expect.objectContaining({ event: result.sent }));
  });

  it('merges the fields a handler returns over the OK reply', async () => {
    const result = await replyTo(() => Promise.resolve({ ErrorCode: 1, ErrorInfo: 'blocked', MsgBody: [] }));
    expect([result.status, result.body]).toEqual([
      200,
      { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'blocked', MsgBody: [] },
    ]);
  });

  it.each<[string, () => unknown, string]>([
    ['a string', () => 'ok', 'must return nothing or a plain object of reply fields'],
    [
      'an ErrorCode that is not an integer',
      () => ({ ErrorCode: '1' }),
      'returned a reply whose ErrorCode is not a 32-bit integer',
    ],
    ['an ErrorCode of 1e300', () => ({ ErrorCode: 1e300 }), 'returned a reply whose ErrorCode is not a 32-bit integer'],
    [
      'an ErrorCode of 2 ** 31',
      () => ({ ErrorCode: 2 ** 31 }),
      'returned a reply whose ErrorCode is not a 32-bit integer',
    ],
    [
      'an ErrorCode of -(2 ** 31) - 1',
      () => ({ ErrorCode: -(2 ** 31) - 1 }),
      'returned a reply whose ErrorCode is not a 32-bit integer',
    ],
    [
      'an unknown ActionStatus',
      () => ({ ActionStatus: 'DONE' }),
      "returned a reply whose ActionStatus is not 'OK' or 'FAIL'",
    ],
    ['an ErrorInfo that is not a string', () => ({ ErrorInfo: 1 }), 'returned a reply whose ErrorInfo is not a string'],
    [
      "a gate's { reject }",
      () => ({ reject: { code: 120001, info: 'muted' } }),
      'returned { reject } or { modify }, which only typed gates take; return reply fields such as { ErrorCode: 1 }',
    ],
    [
      "a gate's { modify }",
      () => ({ modify: { MsgBody: [] } }),
      'returned { reject } or { modify }, which only typed gates take; return reply fields such as { ErrorCode: 1 }',
    ],
    [
      'a cycle',
      () => {
        const cycle: Record<string, unknown> = {};
        cycle['self'] = cycle;
        return cycle;
      },
      'cannot be written as JSON',
    ],
  ])('answers ErrorCode 1 for a reply with %s, and logs it', async (_name, result, message) => {
    const answered = await replyTo(result);
    expect([answered.status, answered.body]).toEqual([200, HANDLER_FAILED]);
    expect(answered.logger.error).toHaveBeenCalledWith(
      expect.stringContaining(message),
      expect.objectContaining({ code: 'ERR_HANDLER_RESULT_INVALID' }),
    );
  });

  it.each([-(2 ** 31), 2 ** 31 - 1])('sends an ErrorCode of %d, a 32-bit integer, as returned', async (code) => {
    const answered = await replyTo(() => ({ ErrorCode: code }));
    expect([answered.status, answered.body]).toEqual([200, { ActionStatus: 'OK', ErrorCode: code, ErrorInfo: '' }]);
    expect(answered.logger.error).not.toHaveBeenCalled();
  });

  it('answers ErrorCode 1 when the handler throws, and logs the error with its cause', async () => {
    const thrown = new Error('queue down');
    const answered = await replyTo(() => {
      throw thrown;
    });
    expect([answered.status, answered.body]).toEqual([200, HANDLER_FAILED]);
    expect(answered.logger.error).toHaveBeenCalledWith(
      `callbackRouter: the handler of ${command} failed`,
      expect.objectContaining({ code: 'ERR_HANDLER_FAILED', cause: thrown }),
    );
  });

  it('logs a failure that comes after the deadline', async () => {
    let fail: (error: Error) => void = () => undefined;
    const answered = await replyTo(() => new Promise((_resolve, reject) => (fail = reject)));
    expect(answered.body).toEqual(REFUSED);
    fail(new Error('late'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered.logger.error).toHaveBeenCalledWith(
      `callbackRouter: the handler of ${command} failed`,
      expect.objectContaining({ code: 'ERR_HANDLER_FAILED' }),
    );
  });

  it('answers ErrorCode 1 when the handler is late, so a Before-callback is not let through', async () => {
    const answered = await replyTo(() => new Promise(() => undefined));
    expect([answered.status, answered.body]).toEqual([200, REFUSED]);
    expect(answered.logger.warn).toHaveBeenCalledWith(
      `callbackRouter: the handler of ${command} did not finish before the deadline`,
    );
  });

  it('refuses a body that is not an object, or names another command, in a 200, with one error line each', async () => {
    const logger = silentLogger();
    const handler = jest.fn();
    const server = routerServerWith('node:http', { logger, on: {}, generic: { [command]: handler } });
    const callback = buildCallback({ command });
    const cases = [
      ['[1]', 'ERR_BODY_INVALID', 'body must be of type object'],
      ['{"CallbackCommand":7}', 'ERR_BODY_INVALID', 'body.CallbackCommand must be of type string'],
      [
        '{"CallbackCommand":"C2C.CallbackAfterSendMsg"}',
        'ERR_COMMAND_MISMATCH',
        'body.CallbackCommand does not match the CallbackCommand query parameter',
      ],
    ] as const;
    for (const [body, code, message] of cases) {
      const response = await request(server).post(callback.path).send(body);
      expect([response.status, response.body]).toEqual([200, refusedBody(code, message)]);
    }
    expect(handler).not.toHaveBeenCalled();
    expect(logger.error.mock.calls).toEqual(
      cases.map(([, code, message]) => [
        `callbackRouter: ${command} refused before its handler ran: ${code}: ${message}`,
      ]),
    );
  });
});

describe('what the router logs', () => {
  it('names a refused request with an empty CallbackCommand "a callback without CallbackCommand", in one line', async () => {
    const logger = silentLogger();
    const server = routerServerWith('node:http', { token: TOKEN, logger, on: {} });
    const response = await request(server).post('/im/callback?CallbackCommand=').send('{}');
    expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISSING')]);
    expect(logger.warn.mock.calls).toEqual([
      [
        'callbackRouter: a callback without CallbackCommand answered 401 ERR_SIGN_MISSING: query parameter Sign is missing',
      ],
    ]);
  });

  it('cuts a command of the form Family.Command longer than 100 characters, quoted, in its log line', async () => {
    const logger = silentLogger();
    const server = routerServerWith('node:http', { token: TOKEN, logger, on: {} });
    const command = `${'A'.repeat(15_000)}.B`;
    const response = await request(server).post(`/im/callback?CallbackCommand=${command}`).send('{}');
    expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISSING')]);
    expect(logger.warn.mock.calls).toEqual([
      [`callbackRouter: "${'A'.repeat(100)}…" answered 401 ERR_SIGN_MISSING: query parameter Sign is missing`],
    ]);
  });

  it('logs an unknown OptPlatform quoted and cut to 100 characters', async () => {
    const logger = silentLogger();
    const callback = buildCallback({ command: 'OfficialAccount.CallbackAfterSendMsg' });
    const platform = 'P'.repeat(5000);
    const handled = routerServerWith('node:http', {
      logger,
      on: { 'OfficialAccount.CallbackAfterSendMsg': () => undefined },
    });
    const answered = await request(handled)
      .post(callback.path.replace('OptPlatform=RESTAPI', `OptPlatform=${platform}`))
      .send(callback.json);
    expect([answered.status, answered.body]).toEqual([200, OK]);
    expect(logger.warn.mock.calls.filter(([line]) => line.includes('OptPlatform'))).toEqual([
      [`callbackRouter: unknown OptPlatform "${'P'.repeat(100)}…" accepted`],
    ]);
  });

  it('logs every refusal of an unauthenticated request with refusalLogIntervalMs: 0', async () => {
    const logger = silentLogger();
    const server = routerServerWith('node:http', { token: TOKEN, logger, refusalLogIntervalMs: 0, on: {} });
    for (let round = 0; round < 3; round += 1) {
      const response = await request(server).post('/im/callback?CallbackCommand=Group.CallbackAfterSendMsg').send('{}');
      expect([response.status, response.body]).toEqual([401, failBody('ERR_SIGN_MISSING')]);
    }
    const line = [
      'callbackRouter: Group.CallbackAfterSendMsg answered 401 ERR_SIGN_MISSING: query parameter Sign is missing',
    ];
    expect(logger.warn.mock.calls).toEqual([line, line, line]);
  });

  it('summarizes refusals of unauthenticated requests: the first of each code in full, the rest counted', async () => {
    const logger = silentLogger();
    const server = routerServerWith('node:http', { token: TOKEN, logger, refusalLogIntervalMs: 1000, on: {} });
    const forged = buildCallback({ command: 'Group.CallbackAfterSendMsg', token: 'forged' });
    const urls = [
      '/im/callback?CallbackCommand=Group.CallbackAfterSendMsg',
      forged.path,
      '/im/callback?CallbackCommand=Group.CallbackAfterSendMsg',
      forged.path,
      '/im/callback?CallbackCommand=Group.CallbackAfterSendMsg',
    ];
    for (const url of urls) {
      const response = await request(server).post(url).send('{}');
      expect(response.status).toBe(401);
    }
    expect(logger.warn.mock.calls).toEqual([
      ['callbackRouter: Group.CallbackAfterSendMsg answered 401 ERR_SIGN_MISSING: query parameter Sign is missing'],
      [
        'callbackRouter: Group.CallbackAfterSendMsg answered 401 ERR_SIGN_MISMATCH: Sign does not match the configured callback token',
      ],
    ]);
    // The counts come when each code's interval ends, on a timer that keeps no process alive.
    for (let waited = 0; logger.warn.mock.calls.length < 4 && waited < 5000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(logger.warn.mock.calls.slice(2)).toEqual([
      [
        'callbackRouter: 2 more request(s) answered 401 ERR_SIGN_MISSING in the last 1 s (one line per code, status and interval)',
      ],
      [
        'callbackRouter: 1 more request(s) answered 401 ERR_SIGN_MISMATCH in the last 1 s (one line per code, status and interval)',
      ],
    ]);
  });
});

describe('impossible routers throw a TypeError at creation', () => {
  it.each<[string, unknown, RegExp]>([
    [
      'a misspelt Official Account command',
      { 'OfficialAccount.CallbackBeforeAddSubscribers': { decide: () => true } },
      /on\['OfficialAccount.CallbackBeforeAddSubscribers'\]: is not a command of OfficialAccount, so it would never fire: did you mean OfficialAccount\.CallbackBeforeAddSubscriber\?/,
    ],
    ['a key that is not a command', { 'after send': () => undefined }, /is not a CallbackCommand/],
    [
      'a gate given as a function',
      { 'OfficialAccount.CallbackBeforeSendMsg': () => true },
      /pass an object: \{ decide: \(event, context\) => decision \}/,
    ],
    [
      'a gate without decide',
      { 'OfficialAccount.CallbackBeforeCreateOfficialAccount': {} },
      /`decide` must be a function/,
    ],
    [
      'an After-callback given as an object',
      { 'OfficialAccount.CallbackAfterSendMsg': { decide: () => true } },
      /must be a function \(event, context\) => void/,
    ],
    [
      'a subscriber gate without a decision function',
      { 'OfficialAccount.CallbackBeforeAddSubscriber': { concurrency: 2 } },
      /a decision function is required/,
    ],
    [
      'a per-command timeoutMs of 0',
      { 'OfficialAccount.CallbackBeforeSendMsg': { decide: () => true, timeoutMs: 0 } },
      /`timeoutMs` must be a positive number/,
    ],
    [
      'a notification handler that is not a function',
      { 'C2C.CallbackAfterSendMsg': 'log' },
      /must be a function \(event, context\) => void, or async\. Got "log"\.$/,
    ],
    [
      'a misspelt C2C command',
      { 'C2C.CallbackBeforeSendMgs': { decide: () => true } },
      /^callbackRouter: on\['C2C\.CallbackBeforeSendMgs'\]: is not a command of C2C, so it would never fire: did you mean C2C\.CallbackBeforeSendMsg\? A command Tencent added after this release goes in `generic`\.$/,
    ],
  ])('for %s', (_name, on, message) => {
    expect(() =>
      callbackRouter({ token: false, logger: silentLogger(), on: on as CallbackRouterOptions['on'] }),
    ).toThrow(message);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no on', {}, /`on` must be an object of handlers keyed by CallbackCommand/],
    ['an unknown unhandled', { on: {}, unhandled: 'drop' }, /`unhandled` must be 'next' or 'ack'\. Got "drop"\.$/],
    ['no token', { on: {}, token: undefined }, /`token` is required/],
    [
      'onDecision that is not a function',
      { on: {}, onDecision: 'log' },
      /`onDecision` must be a function\. Got "log"\.$/,
    ],
    [
      'a path without its leading slash',
      { on: {}, path: 'im/callback' },
      /`path` must be the callback URL's path, starting with '\/', e\.g\. '\/im\/callback'\. Got "im\/callback"\.$/,
    ],
    ['a path that is not a string', { on: {}, path: ['/im/callback'] }, /`path` must be .* Got an array\.$/],
  ])('for %s', (_name, options, message) => {
    expect(() =>
      callbackRouter({ token: false, logger: silentLogger(), ...options } as unknown as CallbackRouterOptions),
    ).toThrow(message);
  });

  it('warns once about an unknown option of the router and of a handler', () => {
    const logger = silentLogger();
    callbackRouter({
      token: 't',
      logger,
      timout: 5,
      on: { 'OfficialAccount.CallbackBeforeSendMsg': { decide: () => true, onTimout: 'allow' } },
    } as CallbackRouterOptions);
    expect(logger.warn.mock.calls).toEqual([
      ['callbackRouter: unknown option(s) timout ignored; check the spelling.'],
      [
        "callbackRouter: on['OfficialAccount.CallbackBeforeSendMsg']: unknown option(s) onTimout ignored; check the spelling.",
      ],
    ]);
  });
});

describe('hostile loggers, handlers and queries neither crash the process nor let an action through', () => {
  /** Fails the test if anything rejects unhandled while `run` goes on. */
  async function withoutUnhandledRejections(run: () => Promise<void>): Promise<void> {
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', record);
    try {
      await run();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(unhandled).toEqual([]);
  }

  it('survives a logger whose methods return rejected promises, and still answers', async () => {
    await withoutUnhandledRejections(async () => {
      const failing = (): Promise<never> => Promise.reject(new Error('log shipping down'));
      const logger = { debug: failing, info: failing, warn: failing, error: failing };
      const server = routerServerWith('node:http', { token: TOKEN, logger, on: {} });
      const forged = buildCallback({ command: 'OfficialAccount.CallbackAfterSendMsg', token: 'forged' });
      const first = await request(server).post(forged.path).send(forged.json);
      const second = await request(server).post(forged.path).send(forged.json);
      expect([first.status, first.body, second.status]).toEqual([401, failBody('ERR_SIGN_MISMATCH'), 401]);
    });
  });

  it('refuses when onError returns a promise, logs it, and leaves no rejection unhandled', async () => {
    await withoutUnhandledRejections(async () => {
      const logger = silentLogger();
      const server = routerServerWith('node:http', {
        logger,
        on: {
          'OfficialAccount.CallbackBeforeSendMsg': {
            decide: () => {
              throw new Error('db down');
            },
            // What a JavaScript app can pass although the types say boolean.
            onError: (() => Promise.reject(new Error('alerting down'))) as unknown as () => boolean,
          },
        },
      });
      const callback = buildCallback({ command: 'OfficialAccount.CallbackBeforeSendMsg' });
      const response = await request(server).post(callback.path).send(callback.json);
      expect([response.status, response.body]).toEqual([200, REFUSED]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(logger.error.mock.calls.map(([, error]) => (error as { code: string }).code)).toEqual([
        'ERR_DECIDE_FAILED',
        'ERR_ON_ERROR_FAILED',
        'ERR_ON_ERROR_FAILED',
      ]);
    });
  });

  it.each<[string, () => unknown]>([
    ['an Error', () => new Error('nope')],
    ['a Map', () => new Map([['ErrorCode', 0]])],
    [
      'a class instance',
      () =>
        new (class Reply {
          readonly ErrorCode = 0;
        })(),
    ],
    ['true', () => true],
  ])('refuses a command it does not know whose generic handler returns %s, and logs it', async (_name, result) => {
    const logger = silentLogger();
    const server = routerServerWith('express5', {
      logger,
      on: {},
      generic: { 'Live.CallbackBeforeSendGift': result as () => undefined },
    });
    const callback = buildCallback({ command: 'Live.CallbackBeforeSendGift', event: { RoomId: 'r1' } });
    const response = await request(server).post(callback.path).send(callback.json);
    expect([response.status, response.body]).toEqual([200, REFUSED]);
    expect(logger.error).toHaveBeenCalledWith(
      'callbackRouter: the handler of Live.CallbackBeforeSendGift must return nothing or a plain object of reply fields',
      expect.objectContaining({ code: 'ERR_HANDLER_RESULT_INVALID' }),
    );
  });

  it('quotes a CallbackCommand that is not Family.Command in its log line, so it cannot forge lines', async () => {
    const logger = silentLogger();
    const server = routerServerWith('node:http', { token: TOKEN, logger, on: {} });
    const command = `X\n2024-01-01 INFO admin login ok\n${'y'.repeat(200)}`;
    const response = await request(server)
      .post(`/im/callback?CallbackCommand=${encodeURIComponent(command)}&Sign=00&RequestTime=1`)
      .send('{}');
    expect(response.status).toBe(401);
    const [[line]] = logger.warn.mock.calls as [[string]];
    expect(line).toBe(
      `callbackRouter: ${JSON.stringify(`${command.slice(0, 100)}…`)} answered 401 ERR_SIGN_MALFORMED: query parameter Sign must be 64 hexadecimal digits`,
    );
    expect(line).not.toContain('\n');
  });

  it('refuses a message whose synchronous decide returned after the deadline, and reports the timeout', async () => {
    const onDecision = jest.fn();
    const server = routerServerWith('node:http', {
      timeoutMs: 50,
      onDecision,
      on: {
        'OfficialAccount.CallbackBeforeSendMsg': {
          decide: () => {
            const until = Date.now() + 120;
            while (Date.now() < until);
            return true;
          },
        },
      },
    });
    const callback = buildCallback({ command: 'OfficialAccount.CallbackBeforeSendMsg' });
    const response = await request(server).post(callback.path).send(callback.json);
    expect([response.status, response.body]).toEqual([200, REFUSED]);
    expect(onDecision).toHaveBeenCalledWith(
      expect.objectContaining({ decision: 'refused', timedOut: true, deadlineFired: true }),
    );
  });

  it('does not blame the deadline when the client went away during an After-callback', async () => {
    const logger = silentLogger();
    let started: () => void = () => undefined;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const server = routerServerWith('node:http', {
      logger,
      timeoutMs: 60_000,
      on: {
        'OfficialAccount.CallbackAfterSendMsg': (_event, context) => {
          started();
          return new Promise((resolve) => context.signal.addEventListener('abort', resolve));
        },
      },
    });
    const callback = buildCallback({ command: 'OfficialAccount.CallbackAfterSendMsg' });
    const port = await listen(server);
    try {
      const client = http.request({ host: '127.0.0.1', port, path: callback.path, method: 'POST' });
      client.on('error', () => undefined);
      client.end(callback.json);
      await handlerStarted;
      client.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(logger.warn.mock.calls.filter(([line]) => line.includes('deadline'))).toEqual([]);
    } finally {
      await close(server);
    }
  });

  it('warns once per router, not once per handler, that failures go unlogged without a logger', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const fail = (): never => {
        throw new Error('down');
      };
      const middleware = callbackRouter({
        token: TOKEN,
        on: {
          'OfficialAccount.CallbackAfterSendMsg': fail,
          'OfficialAccount.CallbackAfterAddSubscriber': fail,
          'OfficialAccount.CallbackBeforeSendMsg': { decide: fail },
        },
      });
      const server = http.createServer((req, res) => middleware(req, res, () => res.end()));
      for (const command of [
        'OfficialAccount.CallbackAfterSendMsg',
        'OfficialAccount.CallbackAfterAddSubscriber',
        'OfficialAccount.CallbackBeforeSendMsg',
      ] as const) {
        const callback = buildCallback({ command, token: TOKEN });
        const response = await request(server).post(callback.path).send(callback.json);
        expect([response.status, response.body]).toEqual([200, REFUSED]);
      }
      expect(warn.mock.calls).toEqual([
        [
          'callbackRouter: a handler failed, and the reply followed its failure policy. Pass a `logger` to see each failure (this warning is shown once).',
        ],
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a lower-case officialaccount. key',
      { 'officialaccount.CallbackAfterSendMsg': () => undefined },
      /is not a command of OfficialAccount, so it would never fire: did you mean OfficialAccount\.CallbackAfterSendMsg\?/,
    ],
    ['on as an array', [], /`on` must be an object of handlers/],
    [
      'on as a Map',
      new Map([['OfficialAccount.CallbackAfterSendMsg', () => undefined]]),
      /`on` must be an object of handlers/,
    ],
  ])('throws for %s', (_name, on, message) => {
    expect(() =>
      callbackRouter({ token: false, logger: silentLogger(), on: on as CallbackRouterOptions['on'] }),
    ).toThrow(message);
  });

  it('warns about a family Tencent does not document', () => {
    const logger = silentLogger();
    callbackRouter({
      token: 'x',
      logger,
      on: { 'Grop.CallbackAfterSendMsg': () => undefined } as CallbackRouterOptions['on'],
    });
    expect(logger.warn.mock.calls).toEqual([
      [
        "callbackRouter: on['Grop.CallbackAfterSendMsg']: Grop is not a callback family Tencent documents; check the spelling. Its handler gets the body untyped, as a generic handler.",
      ],
    ]);
  });
});
