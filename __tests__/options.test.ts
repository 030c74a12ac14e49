import http from 'node:http';
import request from 'supertest';
import { beforeAddSubscriber, computeSign, type BeforeAddSubscriberOptions } from '../lib/index';

const decide = (): boolean => true;

describe('impossible options throw a TypeError at creation that says how to fix them', () => {
  it.each<[string, unknown, RegExp]>([
    ['no options', undefined, /pass an options object: beforeAddSubscriber\(\{ token, decide \}\)/],
    ['null', null, /pass an options object/],
    ['no decision function', {}, /a decision function is required: pass `decide/],
    ['both decide and decideBatch', { decide, decideBatch: () => [] }, /either `decide` or `decideBatch`, not both/],
    ['decide that is not a function', { decide: true }, /`decide` must be a function/],
    ['decideBatch that is not a function', { decideBatch: ['jared'] }, /`decideBatch` must be a function/],
    ['an empty token', { decide, token: '' }, /`token` must be the non-empty callback token/],
    ['a whitespace token', { decide, token: ' \t\n' }, /`token` must be the non-empty callback token/],
    ['an empty token array', { decide, token: [] }, /`token` is an empty array/],
    [
      'a token array with an empty token',
      { decide, token: ['good', ''] },
      /`token` must be the non-empty callback token/,
    ],
    ['a numeric token', { decide, token: 12345 }, /`token` must be the non-empty callback token/],
    ['token: undefined', { decide, token: undefined }, /or `token: false` to accept unsigned callbacks/],
    ['token: true', { decide, token: true }, /`token` must be the non-empty callback token/],
    ['token: null', { decide, token: null }, /`token` must be the non-empty callback token/],
    ...(
      [
        ['a non-numeric sdkAppId', 'my-app'],
        ['sdkAppId 0', 0],
        ["sdkAppId '0'", '0'],
        ['a negative sdkAppId', -1],
        ['a fractional sdkAppId', 1400000000.5],
        ['sdkAppId NaN', Number.NaN],
        ['an sdkAppId with a leading zero', '01400000000'],
        ['an sdkAppId beyond Number.MAX_SAFE_INTEGER', '9007199254740993'],
        ['an sdkAppId beyond 32 bits', 2 ** 32],
        ['an sdkAppId beyond 32 bits, as a string', '4294967296'],
      ] as const
    ).map(([name, sdkAppId]): [string, unknown, RegExp] => [
      name,
      { decide, token: false, sdkAppId },
      /`sdkAppId` must be your app's SDKAppID from the Chat console, an integer from 1 to 4294967295/,
    ]),
    ['timeoutMs 0', { decide, timeoutMs: 0 }, /`timeoutMs` must be a positive number; it defaults to 1500/],
    ['timeoutMs NaN', { decide, timeoutMs: Number.NaN }, /`timeoutMs` must be a positive number/],
    ['timeoutMs as a string', { decide, timeoutMs: '1000' }, /`timeoutMs` must be a positive number/],
    [
      'timeoutMs beyond what a timer can wait',
      { decide, timeoutMs: 2 ** 31 },
      /`timeoutMs` must be at most 2147483647/,
    ],
    ['concurrency 0', { decide, concurrency: 0 }, /`concurrency` must be a positive integer; it defaults to 8/],
    ['concurrency 2.5', { decide, concurrency: 2.5 }, /`concurrency` must be a positive integer/],
    ['concurrency Infinity', { decide, concurrency: Infinity }, /`concurrency` must be a positive integer/],
    [
      'bodyLimitBytes -1',
      { decide, bodyLimitBytes: -1 },
      /`bodyLimitBytes` must be a positive integer; it defaults to 65536/,
    ],
    [
      'requestTimeToleranceSeconds 0',
      { decide, requestTimeToleranceSeconds: 0 },
      /`requestTimeToleranceSeconds` must be a positive number/,
    ],
    ['onTimeout that is not a policy', { decide, onTimeout: 'ignore' }, /`onTimeout` must be 'refuse' or 'allow'/],
    ['onError that is not a policy', { decide, onError: 'retry' }, /`onError` must be 'refuse' or 'allow'/],
    [
      'a logger that is a function',
      { decide, logger: console.log },
      /`logger` must be an object with debug, info, warn and error methods/,
    ],
    ['a logger with a broken method', { decide, logger: { warn: 'loud' } }, /`logger.warn` must be a function/],
    ['rejectRequest that is not a function', { decide, rejectRequest: 'no' }, /`rejectRequest` must be a function/],
    ['onDecision that is not a function', { decide, onDecision: {} }, /`onDecision` must be a function/],
    ['now that is not a function', { decide, now: 1 }, /`now` must be a function/],
  ])('%s', (_name, options, message) => {
    // A row without a token is about another option, so the token is given (as `false`).
    const withToken =
      typeof options === 'object' && options !== null && !('token' in options)
        ? { token: false, logger: {}, ...options }
        : options;
    const create = () => beforeAddSubscriber(withToken as BeforeAddSubscriberOptions);
    expect(create).toThrow(TypeError);
    expect(create).toThrow(message);
  });

  it('requires the token, with a message that says where it comes from and what false means', () => {
    expect(() => beforeAddSubscriber({ decide } as unknown as BeforeAddSubscriberOptions)).toThrow(
      new TypeError(
        'beforeAddSubscriber: `token` is required: pass the callback token from the Chat console (Callback configuration), ' +
          'e.g. `token: process.env.IM_CALLBACK_TOKEN`, or `token: false` to accept unsigned callbacks when authentication is off in the console.',
      ),
    );
  });

  it('catches app.use(beforeAddSubscriber) without the call', () => {
    const request = { method: 'POST', url: '/', headers: {} };
    expect(() => beforeAddSubscriber(request as unknown as BeforeAddSubscriberOptions)).toThrow(
      /it was mounted without being called: use app.use\(beforeAddSubscriber\(\{ token, decide \}\)\)/,
    );
  });
});

describe('warnings', () => {
  const quietLogger = () => ({ debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() });

  it('warns once, through the logger, that requests are not authenticated with token: false', () => {
    const logger = quietLogger();
    const middleware = beforeAddSubscriber({ decide, token: false, logger });
    expect(typeof middleware).toBe('function');
    expect(logger.warn.mock.calls).toEqual([
      [expect.stringContaining('`token: false`, so requests are not authenticated')],
    ]);
  });

  it('uses console.warn for one-time warnings when no logger is given, and says nothing else', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      beforeAddSubscriber({
        decide,
        token: 'secret-token-value',
        timeoutMs: 2500,
        timeout: 5,
      } as BeforeAddSubscriberOptions);
      expect(warn.mock.calls).toEqual([
        [expect.stringContaining("timeoutMs 2500 is not below Tencent's 2000 ms wait")],
        [expect.stringContaining('unknown option(s) timeout ignored')],
      ]);
      expect(JSON.stringify(warn.mock.calls)).not.toContain('secret-token-value');
    } finally {
      warn.mockRestore();
    }
  });

  it('gives the middleware a name that says whose it is', () => {
    expect(beforeAddSubscriber({ decide, token: 't' }).name).toBe('tencentChatBeforeAddSubscriber');
  });
});

describe('without a logger', () => {
  it('warns once, with console.warn, that failed decisions are not logged', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const middleware = beforeAddSubscriber({
        decide: () => Promise.reject(new Error('db down')),
        token: 't',
        now: () => 0,
      });
      const server = http.createServer((req, res) => middleware(req, res, () => res.end()));
      const url = `/?CallbackCommand=OfficialAccount.CallbackBeforeAddSubscriber&RequestTime=0&Sign=${computeSign('t', 0)}`;
      const body = {
        CallbackCommand: 'OfficialAccount.CallbackBeforeAddSubscriber',
        Official_Account: '@TOA#_x',
        Operator_Account: 'op',
        SubscribeAccountList: [{ Subscriber_Account: 'a' }, { Subscriber_Account: 'b' }],
        EventTime: 0,
      };
      for (let round = 0; round < 2; round += 1) {
        const response = await request(server).post(url).send(body);
        expect([response.status, response.body]).toEqual([
          200,
          { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: ['a', 'b'] },
        ]);
      }
      expect(warn.mock.calls).toEqual([
        [expect.stringContaining('a handler failed, and the reply followed its failure policy. Pass a `logger`')],
      ]);
      expect(error).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});
