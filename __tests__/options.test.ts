import http from 'node:http';
import request from 'supertest';
import { beforeAddSubscriber, computeSign, type BeforeAddSubscriberOptions } from '../lib/index';

const decide = (): boolean => true;

describe('impossible options throw a TypeError at creation that says how to fix them', () => {
  it.each<[string, unknown, RegExp]>([
    ['no options', undefined, /pass an options object: beforeAddSubscriber\(\{ token, decide \}\)\. Got undefined\.$/],
    ['null', null, /pass an options object.* Got null\.$/],
    ['no decision function', {}, /a decision function is required: pass `decide/],
    ['both decide and decideBatch', { decide, decideBatch: () => [] }, /either `decide` or `decideBatch`, not both/],
    ['decide that is not a function', { decide: true }, /`decide` must be a function/],
    ['decideBatch that is not a function', { decideBatch: ['jared'] }, /`decideBatch` must be a function/],
    [
      'an empty token',
      { decide, token: '' },
      /`token` must be the non-empty callback token.* Got an empty or blank string\.$/,
    ],
    [
      'a whitespace token',
      { decide, token: ' \t\n' },
      /`token` must be the non-empty callback token.* Got an empty or blank string\.$/,
    ],
    [
      'a token with a trailing newline',
      { decide, token: 'abc\n' },
      /^beforeAddSubscriber: `token` has leading or trailing whitespace \(a newline at the end of a secret file, say\), so no Sign would ever match: trim it, e\.g\. `token: process\.env\.IM_CALLBACK_TOKEN\?\.trim\(\)`\.$/,
    ],
    ['a token with a leading space', { decide, token: ' abc' }, /`token` has leading or trailing whitespace/],
    [
      'a token array with a padded token',
      { decide, token: ['good', 'abc\t'] },
      /`token` has leading or trailing whitespace/,
    ],
    ['an empty token array', { decide, token: [] }, /`token` is an empty array/],
    [
      'a token array with an empty token',
      { decide, token: ['good', ''] },
      /`token` must be the non-empty callback token/,
    ],
    ['a numeric token', { decide, token: 12345 }, /`token` must be the non-empty callback token.* Got a number\.$/],
    [
      'a null in a token array',
      { decide, token: [null] },
      /`token` must be the non-empty callback token.* Got null\.$/,
    ],
    [
      'an array in a token array',
      { decide, token: [['x']] },
      /`token` must be the non-empty callback token.* Got an array\.$/,
    ],
    ['token: undefined', { decide, token: undefined }, /or `token: false` to accept unsigned callbacks/],
    ['token: true', { decide, token: true }, /`token` must be the non-empty callback token.* Got a boolean\.$/],
    ['token: null', { decide, token: null }, /`token` must be the non-empty callback token.* Got null\.$/],
    ...(
      [
        ['a non-numeric sdkAppId', 'my-app', '"my-app"'],
        ['sdkAppId 0', 0, '0'],
        ["sdkAppId '0'", '0', '"0"'],
        ['a negative sdkAppId', -1, '-1'],
        ['a fractional sdkAppId', 1400000000.5, '1400000000.5'],
        ['sdkAppId NaN', Number.NaN, 'NaN'],
        ['an sdkAppId with a leading zero', '01400000000', '"01400000000"'],
        ['an sdkAppId beyond Number.MAX_SAFE_INTEGER', '9007199254740993', '"9007199254740993"'],
        ['an sdkAppId beyond 32 bits', 2 ** 32, '4294967296'],
        ['an sdkAppId beyond 32 bits, as a string', '4294967296', '"4294967296"'],
        ['an sdkAppId of 150 characters, cut to 100', 'x'.repeat(150), `"${'x'.repeat(100)}…"`],
        ['an sdkAppId that is an object', { id: 1 }, 'an object'],
      ] as const
    ).map(([name, sdkAppId, got]): [string, unknown, RegExp] => [
      name,
      { decide, token: false, sdkAppId },
      new RegExp(
        "`sdkAppId` must be your app's SDKAppID from the Chat console, an integer from 1 to 4294967295 .* Got " +
          `${got.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`,
      ),
    ]),
    ['timeoutMs 0', { decide, timeoutMs: 0 }, /`timeoutMs` must be a positive number; it defaults to 1500\. Got 0\.$/],
    ['timeoutMs NaN', { decide, timeoutMs: Number.NaN }, /`timeoutMs` must be a positive number.* Got NaN\.$/],
    ['timeoutMs as a string', { decide, timeoutMs: '1000' }, /`timeoutMs` must be a positive number.* Got "1000"\.$/],
    [
      'timeoutMs beyond what a timer can wait',
      { decide, timeoutMs: 2 ** 31 },
      /`timeoutMs` must be at most 2147483647; Tencent waits 2000\. Got 2147483648\.$/,
    ],
    [
      'concurrency 0',
      { decide, concurrency: 0 },
      /`concurrency` must be a positive integer; it defaults to 8\. Got 0\.$/,
    ],
    ['concurrency 2.5', { decide, concurrency: 2.5 }, /`concurrency` must be a positive integer.* Got 2\.5\.$/],
    [
      'concurrency Infinity',
      { decide, concurrency: Infinity },
      /`concurrency` must be a positive integer.* Got Infinity\.$/,
    ],
    [
      'bodyLimitBytes -1',
      { decide, bodyLimitBytes: -1 },
      /`bodyLimitBytes` must be a positive integer; it defaults to 65536\. Got -1\.$/,
    ],
    [
      'requestTimeToleranceSeconds 0',
      { decide, requestTimeToleranceSeconds: 0 },
      /`requestTimeToleranceSeconds` must be a positive number.* Got 0\.$/,
    ],
    [
      'refusalLogIntervalMs -1',
      { decide, refusalLogIntervalMs: -1 },
      /`refusalLogIntervalMs` must be a number from 0 to 2147483647 \(milliseconds\); it defaults to 60000\. Got -1\.$/,
    ],
    [
      'refusalLogIntervalMs as a string',
      { decide, refusalLogIntervalMs: '5' },
      /`refusalLogIntervalMs` must be a number from 0 to 2147483647.* Got "5"\.$/,
    ],
    [
      'onTimeout that is not a policy',
      { decide, onTimeout: 'ignore' },
      /`onTimeout` must be 'refuse' or 'allow'\. Got "ignore"\.$/,
    ],
    [
      'onError that is not a policy',
      { decide, onError: 'retry' },
      /`onError` must be 'refuse' or 'allow', or a function\. Got "retry"\.$/,
    ],
    [
      'refusalLogIntervalMs past what a timer takes',
      { decide, refusalLogIntervalMs: 1e10 },
      /`refusalLogIntervalMs` must be a number from 0 to 2147483647.* Got 10000000000\.$/,
    ],
    [
      'a logger that is a function',
      { decide, logger: console.log },
      /`logger` must be an object with debug, info, warn and error methods.* Got a function\.$/,
    ],
    [
      'a logger with a broken method',
      { decide, logger: { warn: 'loud' } },
      /`logger.warn` must be a function\. Got "loud"\.$/,
    ],
    [
      'rejectRequest that is not a function',
      { decide, rejectRequest: 'no' },
      /`rejectRequest` must be a function\. Got "no"\.$/,
    ],
    [
      'onDecision that is not a function',
      { decide, onDecision: {} },
      /`onDecision` must be a function\. Got an object\.$/,
    ],
    ['onDecision as an array', { decide, onDecision: [] }, /`onDecision` must be a function\. Got an array\.$/],
    ['now that is not a function', { decide, now: 1 }, /`now` must be a function\. Got 1\.$/],
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

  it.each([
    ['a padded token', 'secret-token-value\n'],
    ['a padded token in an array', ['other-token', ' secret-token-value']],
  ])('never shows the token in the error for %s', (_name, token) => {
    let message = '';
    try {
      beforeAddSubscriber({ decide, token } as BeforeAddSubscriberOptions);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/`token` has leading or trailing whitespace/);
    expect(message).not.toContain('secret-token-value');
    expect(message).not.toContain('Got');
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

  it.each<[string, ReturnType<typeof quietLogger> | undefined]>([
    ['through the logger', quietLogger()],
    ['with console.warn when no logger is given', undefined],
  ])(
    "ignores sdkAppId: '' (a variable set but empty) with a warning %s, and accepts any SdkAppid",
    async (_name, logger) => {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const middleware = beforeAddSubscriber({ decide, token: 't', now: () => 0, sdkAppId: '', logger });
        const warned = logger ? logger.warn.mock.calls : warn.mock.calls;
        expect(warned).toEqual([
          [
            'beforeAddSubscriber: `sdkAppId` is an empty string (an environment variable set but empty?), so it is ignored and any SdkAppid is accepted.',
          ],
        ]);
        const server = http.createServer((req, res) => middleware(req, res, () => res.end()));
        const url = `/?CallbackCommand=OfficialAccount.CallbackBeforeAddSubscriber&SdkAppid=1400000001&RequestTime=0&Sign=${computeSign('t', 0)}`;
        const response = await request(server)
          .post(url)
          .send({
            CallbackCommand: 'OfficialAccount.CallbackBeforeAddSubscriber',
            Official_Account: '@TOA#_x',
            Operator_Account: 'op',
            SubscribeAccountList: [{ Subscriber_Account: 'a' }],
            EventTime: 0,
          });
        expect([response.status, response.body]).toEqual([
          200,
          { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: [] },
        ]);
      } finally {
        warn.mockRestore();
      }
    },
  );

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
