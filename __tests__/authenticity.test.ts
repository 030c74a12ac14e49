import request from 'supertest';
import { computeSign } from '../lib/index';
import { tencentExampleRequest } from './fixtures';
import { close, listen, sendPartially } from './helpers/raw-http';
import {
  callbackUrl,
  COMMAND,
  failBody,
  proceedBody,
  refusedBody,
  SDK_APP_ID,
  serverWith,
  SERVER_KINDS,
  silentLogger,
  TOKEN,
} from './helpers/servers';

const NOW_SECONDS = 1_700_000_000;
const now = (): number => NOW_SECONDS * 1000;
const refuseJared = (subscriber: string): boolean => subscriber !== 'jared';

it("computes Tencent's worked example of a Sign", () => {
  expect(computeSign('xxxxyyyy', 1669872112)).toBe('17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061');
  expect(computeSign('xxxxyyyy', '1669872112')).toBe(
    '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
  );
});

describe.each(SERVER_KINDS)('Sign and RequestTime on %s', (kind) => {
  const signed = { token: TOKEN, decide: refuseJared, now };

  it("accepts Tencent's worked example at its own RequestTime", async () => {
    const url = callbackUrl({
      sign: '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
      requestTime: 1669872112,
    });
    const response = await request(serverWith(kind, { ...signed, now: () => 1669872112_000 }))
      .post(url)
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
  });

  it.each([
    ['exactly on time', 0],
    ['59 s late', -59],
    ['60 s late', -60],
    ['60 s early', 60],
  ])('accepts a RequestTime %s', async (_name, offset) => {
    const response = await request(serverWith(kind, signed))
      .post(callbackUrl({ token: TOKEN, requestTime: NOW_SECONDS + offset }))
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
  });

  it('accepts an upper-case Sign', async () => {
    const sign = computeSign(TOKEN, NOW_SECONDS).toUpperCase();
    const response = await request(serverWith(kind, signed))
      .post(callbackUrl({ token: TOKEN, requestTime: NOW_SECONDS, sign }))
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
  });

  const goodSign = computeSign(TOKEN, NOW_SECONDS);
  it.each<[string, Parameters<typeof callbackUrl>[0], string, string]>([
    ['no Sign', {}, 'ERR_SIGN_MISSING', 'query parameter Sign is missing'],
    ['an empty Sign', { sign: '', requestTime: NOW_SECONDS }, 'ERR_SIGN_MISSING', 'query parameter Sign is missing'],
    ['no RequestTime', { sign: goodSign }, 'ERR_REQUEST_TIME_MISSING', 'query parameter RequestTime is missing'],
    [
      'a RequestTime in milliseconds',
      { token: TOKEN, requestTime: NOW_SECONDS * 1000 },
      'ERR_REQUEST_TIME_MALFORMED',
      'query parameter RequestTime must be Unix time in seconds (digits only)',
    ],
    [
      'a negative RequestTime',
      { token: TOKEN, requestTime: '-1' },
      'ERR_REQUEST_TIME_MALFORMED',
      'query parameter RequestTime must be Unix time in seconds (digits only)',
    ],
    [
      'a fractional RequestTime',
      { token: TOKEN, requestTime: '1700000000.5' },
      'ERR_REQUEST_TIME_MALFORMED',
      'query parameter RequestTime must be Unix time in seconds (digits only)',
    ],
    [
      'a RequestTime 61 s late',
      { token: TOKEN, requestTime: NOW_SECONDS - 61 },
      'ERR_REQUEST_TIME_STALE',
      "RequestTime is more than 60 seconds away from the server's clock",
    ],
    [
      'a RequestTime 61 s early',
      { token: TOKEN, requestTime: NOW_SECONDS + 61 },
      'ERR_REQUEST_TIME_STALE',
      "RequestTime is more than 60 seconds away from the server's clock",
    ],
    [
      'a Sign of 63 hex digits',
      { token: TOKEN, requestTime: NOW_SECONDS, sign: goodSign.slice(1) },
      'ERR_SIGN_MALFORMED',
      'query parameter Sign must be 64 hexadecimal digits',
    ],
    [
      'a Sign of 65 hex digits',
      { token: TOKEN, requestTime: NOW_SECONDS, sign: `${goodSign}0` },
      'ERR_SIGN_MALFORMED',
      'query parameter Sign must be 64 hexadecimal digits',
    ],
    [
      'a Sign that is not hex',
      { token: TOKEN, requestTime: NOW_SECONDS, sign: 'z'.repeat(64) },
      'ERR_SIGN_MALFORMED',
      'query parameter Sign must be 64 hexadecimal digits',
    ],
    [
      'a Sign made with another token',
      { token: 'another-token', requestTime: NOW_SECONDS },
      'ERR_SIGN_MISMATCH',
      'Sign does not match the configured callback token',
    ],
    [
      'a Sign for another RequestTime',
      { token: TOKEN, requestTime: NOW_SECONDS, sign: computeSign(TOKEN, NOW_SECONDS - 1) },
      'ERR_SIGN_MISMATCH',
      'Sign does not match the configured callback token',
    ],
    [
      'an HMAC instead of the plain hash',
      { token: TOKEN, requestTime: NOW_SECONDS, sign: computeSign('', `${TOKEN}${NOW_SECONDS}x`) },
      'ERR_SIGN_MISMATCH',
      'Sign does not match the configured callback token',
    ],
  ])('answers %s with 401, never revealing the token or the expected Sign', async (_name, query, code, info) => {
    const logger = silentLogger();
    const decide = jest.fn(refuseJared);
    const response = await request(serverWith(kind, { ...signed, decide, logger }))
      .post(callbackUrl(query))
      .send(tencentExampleRequest);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(failBody(code, info));
    expect(response.headers['connection']).toBe('close');
    expect(decide).not.toHaveBeenCalled();
    const everythingSaid =
      response.text + JSON.stringify(logger.warn.mock.calls, Object.getOwnPropertyNames(new Error()));
    expect(everythingSaid).not.toContain(TOKEN);
    expect(everythingSaid).not.toContain(goodSign);
  });

  it('accepts every token of a rotation and refuses others', async () => {
    const server = serverWith(kind, { ...signed, token: ['old-token', 'new-token'] });
    for (const [token, status] of [
      ['old-token', 200],
      ['new-token', 200],
      ['third-token', 401],
    ] as const) {
      const response = await request(server)
        .post(callbackUrl({ token, requestTime: NOW_SECONDS }))
        .send(tencentExampleRequest);
      expect({ token, status: response.status }).toEqual({ token, status });
      expect(response.body).toEqual(status === 200 ? proceedBody(['jared']) : failBody('ERR_SIGN_MISMATCH'));
    }
  });

  it('honours a wider requestTimeToleranceSeconds', async () => {
    const server = serverWith(kind, { ...signed, requestTimeToleranceSeconds: 300 });
    const accepted = await request(server)
      .post(callbackUrl({ token: TOKEN, requestTime: NOW_SECONDS - 300 }))
      .send(tencentExampleRequest);
    const refused = await request(server)
      .post(callbackUrl({ token: TOKEN, requestTime: NOW_SECONDS - 301 }))
      .send(tencentExampleRequest);
    expect([accepted.status, accepted.body]).toEqual([200, proceedBody(['jared'])]);
    expect([refused.status, refused.body]).toEqual([
      401,
      failBody('ERR_REQUEST_TIME_STALE', 'RequestTime is more than 300 seconds'),
    ]);
  });

  it('answers an unauthenticated 10 MB POST with 401 without reading the body', async () => {
    const server = serverWith(kind, { ...signed });
    const port = await listen(server);
    try {
      const response = await sendPartially(port, callbackUrl(), Buffer.alloc(16 * 1024, 0x20), {
        'Content-Length': String(10 * 1024 * 1024),
      });
      // The answer came while 10 MB minus 16 KiB were still unsent: nothing waited for the body.
      expect(response.status).toBe(401);
      expect(response.body).toEqual(failBody('ERR_SIGN_MISSING'));
      expect(response.headers.connection).toBe('close');
    } finally {
      await close(server);
    }
  });
});

describe.each(SERVER_KINDS)('SdkAppid on %s', (kind) => {
  it.each([
    ['a matching SdkAppid', SDK_APP_ID, 200],
    ['a matching SdkAppid, configured as a number', SDK_APP_ID, 200, Number(SDK_APP_ID)],
    ['another SdkAppid', '1400000001', 403],
    ['no SdkAppid', null, 403],
  ] as const)('answers %s', async (_name, sdkAppId, status, configured: string | number = SDK_APP_ID) => {
    const response = await request(serverWith(kind, { decide: refuseJared, sdkAppId: configured }))
      .post(callbackUrl({ sdkAppId }))
      .send(tencentExampleRequest);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(
      status === 200
        ? proceedBody(['jared'])
        : failBody(
            'ERR_SDKAPPID_MISMATCH',
            sdkAppId === null
              ? 'query parameter SdkAppid is missing'
              : 'query parameter SdkAppid is not the SDKAppID this webhook serves',
          ),
    );
  });

  it('checks the Sign before the SdkAppid, so a forger learns nothing about the app', async () => {
    const response = await request(serverWith(kind, { decide: refuseJared, sdkAppId: SDK_APP_ID, token: TOKEN, now }))
      .post(callbackUrl({ sdkAppId: '1', token: 'forged', requestTime: NOW_SECONDS }))
      .send(tencentExampleRequest);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(failBody('ERR_SIGN_MISMATCH'));
  });
});

describe.each(SERVER_KINDS)('a broken clock on %s', (kind) => {
  it.each<[string, () => number]>([
    ['NaN', () => Number.NaN],
    ['undefined', () => undefined as unknown as number],
    ['Infinity', () => Infinity],
    ['a string', () => '1700000000000' as unknown as number],
    [
      'a throw',
      () => {
        throw new Error('clock is broken');
      },
    ],
  ])('refuses every signed request when now() gives %s, and logs an error', async (_name, brokenNow) => {
    const logger = silentLogger();
    const decide = jest.fn(refuseJared);
    // Every refusal in full: this is about the line, not about how repeated ones are summarized.
    const server = serverWith(kind, { token: TOKEN, decide, now: brokenNow, logger, refusalLogIntervalMs: 0 });
    // Any RequestTime at all: with NaN, a naive `skew > tolerance` would let each one through.
    for (const requestTime of [NOW_SECONDS, 0, 99_999_999_999]) {
      const response = await request(server)
        .post(callbackUrl({ token: TOKEN, requestTime }))
        .send(tencentExampleRequest);
      expect([response.status, response.body]).toEqual([
        401,
        failBody('ERR_CLOCK_INVALID', "RequestTime cannot be checked: the server's clock failed"),
      ]);
    }
    expect(decide).not.toHaveBeenCalled();
    // One line each, without an Error: the clock is ours to fix, but a stack trace would not help.
    const clockLine = [
      `beforeAddSubscriber: ${COMMAND} answered 401 ERR_CLOCK_INVALID: RequestTime cannot be checked: the server's clock failed`,
    ];
    expect(logger.error.mock.calls).toEqual([clockLine, clockLine, clockLine]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('logs a broken clock once per interval by default, however many requests it refuses', async () => {
    const logger = silentLogger();
    const server = serverWith(kind, { token: TOKEN, decide: refuseJared, now: () => Number.NaN, logger });
    for (let round = 0; round < 3; round += 1) {
      const response = await request(server)
        .post(callbackUrl({ token: TOKEN, requestTime: NOW_SECONDS }))
        .send(tencentExampleRequest);
      expect([response.status, response.body]).toEqual([401, failBody('ERR_CLOCK_INVALID')]);
    }
    expect(logger.error.mock.calls).toEqual([
      [
        `beforeAddSubscriber: ${COMMAND} answered 401 ERR_CLOCK_INVALID: RequestTime cannot be checked: the server's clock failed`,
      ],
    ]);
  });
});

describe('what a refused request logs', () => {
  const signed = { token: TOKEN, decide: refuseJared, now };

  it.each<[string, Parameters<typeof callbackUrl>[0], object, 'warn' | 'info', string]>([
    ['a forged Sign', { token: 'forged-token' }, tencentExampleRequest, 'warn', '401 ERR_SIGN_MISMATCH'],
    ['a missing Sign', {}, tencentExampleRequest, 'warn', '401 ERR_SIGN_MISSING'],
    [
      'another app',
      { token: TOKEN, sdkAppId: '1400000001' },
      tencentExampleRequest,
      'warn',
      '403 ERR_SDKAPPID_MISMATCH',
    ],
  ])('logs %s as one line without a stack trace or an Error', async (_name, query, body, level, text) => {
    const logger = silentLogger();
    const server = serverWith('express5', { ...signed, sdkAppId: SDK_APP_ID, logger });
    const response = await request(server)
      .post(callbackUrl({ requestTime: NOW_SECONDS, ...query }))
      .send(body);
    expect(response.status).toBe(Number(text.slice(0, 3)));
    expect(response.body).toEqual(failBody(text.slice(4)));
    const calls = [
      ...logger.debug.mock.calls,
      ...logger.info.mock.calls,
      ...logger.warn.mock.calls,
      ...logger.error.mock.calls,
    ];
    expect(calls).toEqual([[expect.stringContaining(text)]]);
    expect(logger[level].mock.calls).toEqual([[expect.stringMatching(new RegExp(`^[^\\n]*${text}: [^\\n]+$`))]]);
    expect(JSON.stringify(calls)).not.toContain(TOKEN);
  });

  // Signed, so it came from Tencent: refused in a 200 (a 4xx would let Tencent's console policy
  // decide), and worth an error line, since something in front or in Tencent's body has changed.
  it('refuses a signed body against the schema in a 200 and logs one error line without an Error', async () => {
    const logger = silentLogger();
    const server = serverWith('express5', { ...signed, sdkAppId: SDK_APP_ID, logger });
    const response = await request(server)
      .post(callbackUrl({ requestTime: NOW_SECONDS, token: TOKEN }))
      .send({ CallbackCommand: 'x' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      refusedBody('ERR_COMMAND_MISMATCH', 'body.CallbackCommand does not match the CallbackCommand query parameter'),
    );
    expect([...logger.debug.mock.calls, ...logger.info.mock.calls, ...logger.warn.mock.calls]).toEqual([]);
    expect(logger.error.mock.calls).toEqual([
      [
        `beforeAddSubscriber: ${COMMAND} refused before its handler ran: ERR_COMMAND_MISMATCH: body.CallbackCommand does not match the CallbackCommand query parameter`,
      ],
    ]);
    expect(JSON.stringify(logger.error.mock.calls)).not.toContain(TOKEN);
  });
});

it('refuses a bad body in a 200 when nothing is signed (token: false): a request whose SdkAppid passes is answered as genuine', async () => {
  const logger = silentLogger();
  const server = serverWith('node:http', { token: false, decide: refuseJared, logger });
  const response = await request(server).post(callbackUrl()).send({ CallbackCommand: 'x' });
  expect([response.status, response.body]).toEqual([200, refusedBody('ERR_COMMAND_MISMATCH')]);
  expect(logger.error.mock.calls).toEqual([
    [
      'beforeAddSubscriber: OfficialAccount.CallbackBeforeAddSubscriber refused before its handler ran: ERR_COMMAND_MISMATCH: body.CallbackCommand does not match the CallbackCommand query parameter',
    ],
  ]);
  expect(logger.info).not.toHaveBeenCalled();
  expect(logger.warn.mock.calls).toEqual([
    [expect.stringContaining('`token: false`, so requests are not authenticated')],
  ]);
});
