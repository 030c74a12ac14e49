import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { computeSign as computeSignFromIndex, type DecisionContext } from '../lib/index';
import {
  buildCallback,
  CALLBACK_DEFAULTS,
  computeSign,
  InvalidReplyError,
  parseReply,
  type SubscribersCallbackOptions,
  type ReplySummary,
} from '../lib/testing';
import { tencentExampleReplyRefused, tencentExampleRequest } from './fixtures';
import { COMMAND, SDK_APP_ID, serverWith, SERVER_KINDS, TOKEN, type ServerKind } from './helpers/servers';

// 2022-12-09T08:26:54.123Z: the EventTime of Tencent's example.
const NOW_MS = 1670574414123;
const NOW_SECONDS = '1670574414';
const now = (): number => NOW_MS;
const refuseJared = (subscriber: string): boolean => subscriber !== 'jared';

describe('computeSign', () => {
  it("is the package's own computeSign, which gives Tencent's worked example", () => {
    expect(computeSign).toBe(computeSignFromIndex);
    expect(computeSign('xxxxyyyy', '1669872112')).toBe(
      '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
    );
  });
});

describe('buildCallback', () => {
  it("builds Tencent's example request from the subscribers alone", () => {
    const callback = buildCallback({ subscribers: ['jared', 'leckie'], now });
    expect(callback.path).toBe(
      '/im/callback?SdkAppid=1400000000&CallbackCommand=OfficialAccount.CallbackBeforeAddSubscriber' +
        '&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI',
    );
    expect(callback.query).toEqual({
      SdkAppid: '1400000000',
      CallbackCommand: COMMAND,
      contenttype: 'json',
      ClientIP: '127.0.0.1',
      OptPlatform: 'RESTAPI',
    });
    expect(callback.body).toEqual(tencentExampleRequest);
    expect(callback.json).toBe(JSON.stringify(tencentExampleRequest));
  });

  it('signs with the token: RequestTime is the current second and Sign covers it, the token is nowhere', () => {
    const callback = buildCallback({ subscribers: ['jared'], token: TOKEN, now });
    const expectedSign = computeSign(TOKEN, NOW_SECONDS);
    expect(callback.query).toMatchObject({ RequestTime: NOW_SECONDS, Sign: expectedSign });
    expect(callback.path.endsWith(`&RequestTime=${NOW_SECONDS}&Sign=${expectedSign}`)).toBe(true);
    expect(JSON.stringify(callback)).not.toContain(TOKEN);
  });

  it('takes the clock from Date.now when no `now` is given', () => {
    const before = Date.now();
    const { body, query } = buildCallback({ subscribers: ['jared'], token: TOKEN });
    const after = Date.now();
    expect(body.EventTime).toBeGreaterThanOrEqual(before);
    expect(body.EventTime).toBeLessThanOrEqual(after);
    expect(Number(query.RequestTime)).toBe(Math.floor(body.EventTime / 1000));
  });

  it.each<[string, Omit<SubscribersCallbackOptions, 'subscribers'>, object, object]>([
    ['officialAccount', { officialAccount: '@TOA#_news' }, {}, { Official_Account: '@TOA#_news' }],
    ['operator', { operator: 'admin' }, {}, { Operator_Account: 'admin' }],
    ['sdkAppId as a number', { sdkAppId: 1400000001 }, { SdkAppid: '1400000001' }, {}],
    ['clientIP', { clientIP: '203.0.113.9' }, { ClientIP: '203.0.113.9' }, {}],
    ['optPlatform', { optPlatform: 'Android' }, { OptPlatform: 'Android' }, {}],
    ['eventTime', { eventTime: 42 }, {}, { EventTime: 42 }],
    [
      'requestTime, which the Sign covers',
      { token: TOKEN, requestTime: 1669872112 },
      { RequestTime: '1669872112', Sign: computeSign(TOKEN, '1669872112') },
      {},
    ],
  ])('takes %s from the options', (_name, options, queryChanges, bodyChanges) => {
    const callback = buildCallback({ subscribers: ['jared'], now, ...options });
    const unchanged = buildCallback({ subscribers: ['jared'], now });
    expect(callback.query).toEqual({ ...unchanged.query, ...queryChanges });
    expect(callback.body).toEqual({ ...unchanged.body, ...bodyChanges });
    expect(JSON.parse(callback.json)).toEqual(callback.body);
    expect(Object.fromEntries(new URL(callback.path, 'http://localhost').searchParams)).toEqual(callback.query);
  });

  it('keeps every subscriber in order, duplicates included, and an empty list empty', () => {
    expect(buildCallback({ subscribers: ['b', 'a', 'b'] }).body.SubscribeAccountList).toEqual([
      { Subscriber_Account: 'b' },
      { Subscriber_Account: 'a' },
      { Subscriber_Account: 'b' },
    ]);
    expect(buildCallback({ subscribers: [] }).body.SubscribeAccountList).toEqual([]);
  });

  it.each([
    ['a plain path', '/hooks/tencent', '/hooks/tencent?SdkAppid='],
    ['a path with its own query', '/hooks?tenant=a%20b', '/hooks?tenant=a%20b&SdkAppid='],
  ])('appends the query to %s', (_name, given, start) => {
    const callback = buildCallback({ subscribers: ['jared'], path: given });
    expect(callback.path.startsWith(start)).toBe(true);
  });

  it('encodes values that need it, so the middleware reads back exactly what was given', () => {
    const callback = buildCallback({ subscribers: ['jared'], optPlatform: 'a b&c=d', clientIP: '::1' });
    const read = new URL(callback.path, 'http://localhost').searchParams;
    expect(read.get('OptPlatform')).toBe('a b&c=d');
    expect(read.get('ClientIP')).toBe('::1');
  });

  it('documents its defaults in CALLBACK_DEFAULTS', () => {
    const { query, body, path: built } = buildCallback({ subscribers: [] });
    expect(CALLBACK_DEFAULTS).toEqual({
      officialAccount: body.Official_Account,
      operator: body.Operator_Account,
      sdkAppId: query.SdkAppid,
      clientIP: query.ClientIP,
      optPlatform: query.OptPlatform,
      path: built.slice(0, built.indexOf('?')),
    });
  });

  it.each<[string, () => unknown, string]>([
    // @ts-expect-error the options are required
    ['no options', () => buildCallback(), 'pass an options object'],
    // @ts-expect-error `subscribers` is required
    ['no subscribers', () => buildCallback({}), '`subscribers` must be an array of UserIDs'],
    // @ts-expect-error a single string is not a list
    ['a string for subscribers', () => buildCallback({ subscribers: 'jared' }), '`subscribers` must be an array'],
    [
      'a number among subscribers',
      // @ts-expect-error UserIDs are strings
      () => buildCallback({ subscribers: ['jared', 7] }),
      '`subscribers` must be an array',
    ],
    ['an empty token', () => buildCallback({ subscribers: [], token: '' }), '`token` must be a non-empty string'],
    [
      'requestTime without a token',
      () => buildCallback({ subscribers: [], requestTime: 1669872112 }),
      '`requestTime` needs a `token`',
    ],
    [
      'requestTime in milliseconds',
      () => buildCallback({ subscribers: [], token: TOKEN, requestTime: 1669872112000.5 }),
      '`requestTime` must be Unix time in whole seconds',
    ],
  ])('refuses %s with a TypeError that says what to pass', (_name, build, message) => {
    expect(build).toThrow(TypeError);
    expect(build).toThrow(message);
  });
});

describe.each(SERVER_KINDS)('a built callback sent to the real middleware on %s', (kind: ServerKind) => {
  it('is accepted with a token and an SDKAppID configured, and decided as Tencent would expect', async () => {
    const seen: Pick<DecisionContext, 'event' | 'query'>[] = [];
    const server = serverWith(kind, {
      token: TOKEN,
      sdkAppId: SDK_APP_ID,
      decide: (subscriber, { event, query }) => {
        seen.push({ event, query });
        return refuseJared(subscriber);
      },
    });
    const callback = buildCallback({ subscribers: ['jared', 'leckie'], token: TOKEN, sdkAppId: SDK_APP_ID });
    const response = await request(server)
      .post(callback.path)
      .set('Content-Type', 'application/json')
      .send(callback.json);
    expect(response.status).toBe(200);
    expect(parseReply(response.text)).toEqual<ReplySummary>({
      accepted: true,
      refused: ['jared'],
      rejectedReason: undefined,
      reply: tencentExampleReplyRefused,
    });
    expect(seen[0]).toEqual({ event: callback.body, query: callback.query });
  });
});

describe('a built callback and the middleware, for the cases users test', () => {
  const server = serverWith('express5', {
    token: TOKEN,
    sdkAppId: SDK_APP_ID,
    decide: refuseJared,
    rejectRequest: ({ event }) =>
      event.Operator_Account === 'intruder' ? 'operator may not add subscribers' : undefined,
  });

  it.each<[string, SubscribersCallbackOptions, number, string]>([
    ['another token (a forged request)', { subscribers: ['leckie'], token: 'forged' }, 401, 'ERR_SIGN_MISMATCH'],
    ['no token (authentication off on the sender)', { subscribers: ['leckie'] }, 401, 'ERR_SIGN_MISSING'],
    [
      'a RequestTime two minutes old (a replay)',
      { subscribers: ['leckie'], token: TOKEN, requestTime: Math.floor(Date.now() / 1000) - 120 },
      401,
      'ERR_REQUEST_TIME_STALE',
    ],
    ['another SDKAppID', { subscribers: ['leckie'], token: TOKEN, sdkAppId: 1400000001 }, 403, 'ERR_SDKAPPID_MISMATCH'],
  ])('gets a FAIL reply, which parseReply reads as not accepted, for %s', async (_name, options, status, code) => {
    const callback = buildCallback(options);
    const response = await request(server).post(callback.path).send(callback.body);
    expect(response.status).toBe(status);
    const summary = parseReply(response.body);
    expect(summary.accepted).toBe(false);
    expect(summary.refused).toEqual([]);
    expect(summary.rejectedReason).toMatch(new RegExp(`^${code}: `));
    expect(summary.reply.ActionStatus).toBe('FAIL');
  });

  it('reads a rejection of the whole request', async () => {
    const callback = buildCallback({ subscribers: ['leckie'], token: TOKEN, operator: 'intruder' });
    const response = await request(server).post(callback.path).send(callback.json);
    expect(response.status).toBe(200);
    expect(parseReply(response.text)).toEqual<ReplySummary>({
      accepted: false,
      refused: [],
      rejectedReason: 'operator may not add subscribers',
      reply: { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'operator may not add subscribers' },
    });
  });

  it('passes with the same fixed clock given to both, however far it is from the real one', async () => {
    const fixedClockServer = serverWith('express5', { token: TOKEN, decide: refuseJared, now });
    const callback = buildCallback({ subscribers: ['jared'], token: TOKEN, now });
    const response = await request(fixedClockServer).post(callback.path).send(callback.json);
    expect(response.status).toBe(200);
    expect(parseReply(response.text).refused).toEqual(['jared']);
  });
});

describe('parseReply', () => {
  const example = JSON.stringify(tencentExampleReplyRefused);

  it.each<[string, unknown, Omit<ReplySummary, 'reply'>]>([
    [
      "Tencent's example, parsed",
      tencentExampleReplyRefused,
      { accepted: true, refused: ['jared'], rejectedReason: undefined },
    ],
    ["Tencent's example, as text", example, { accepted: true, refused: ['jared'], rejectedReason: undefined }],
    [
      'text with a byte order mark',
      `\uFEFF${example}`,
      { accepted: true, refused: ['jared'], rejectedReason: undefined },
    ],
    ['bytes', Buffer.from(example), { accepted: true, refused: ['jared'], rejectedReason: undefined }],
    [
      'a Uint8Array',
      new TextEncoder().encode(example),
      { accepted: true, refused: ['jared'], rejectedReason: undefined },
    ],
    [
      'a reply without a refusal list',
      '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}',
      { accepted: true, refused: [], rejectedReason: undefined },
    ],
    [
      'a rejection of the whole request',
      { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'no', RefusedSubscribers_Account: ['jared'] },
      { accepted: false, refused: ['jared'], rejectedReason: 'no' },
    ],
    [
      'a FAIL reply',
      { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'ERR_SIGN_MISSING: query parameter Sign is missing' },
      { accepted: false, refused: [], rejectedReason: 'ERR_SIGN_MISSING: query parameter Sign is missing' },
    ],
    [
      'a FAIL reply with ErrorCode 0, which Tencent counts as a failed callback',
      { ActionStatus: 'FAIL', ErrorCode: 0, ErrorInfo: 'odd' },
      { accepted: false, refused: [], rejectedReason: 'odd' },
    ],
  ])('reads %s', (_name, body, expected) => {
    const text =
      typeof body === 'string'
        ? body.replace(/^\uFEFF/, '')
        : body instanceof Uint8Array
          ? new TextDecoder().decode(body)
          : JSON.stringify(body);
    expect(parseReply(body)).toEqual({ ...expected, reply: JSON.parse(text) });
  });

  it('keeps fields Tencent does not read, and returns a refusal list of its own', () => {
    const reply = { ...tencentExampleReplyRefused, RequestId: 'abc' };
    const summary = parseReply(reply);
    expect(summary.reply).toEqual(reply);
    summary.refused.push('leckie');
    expect(reply.RefusedSubscribers_Account).toEqual(['jared']);
  });

  const valid = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
  it.each<[string, unknown, 'ERR_REPLY_NOT_JSON' | 'ERR_REPLY_INVALID', string]>([
    ['plain text', 'OK', 'ERR_REPLY_NOT_JSON', 'reply is not JSON: it starts with "OK"'],
    [
      'a long HTML page, shortened',
      `<!DOCTYPE html><html><body>${'x'.repeat(100)}</body></html>`,
      'ERR_REPLY_NOT_JSON',
      `reply is not JSON: it starts with "<!DOCTYPE html><html><body>${'x'.repeat(33)}…"`,
    ],
    ['an empty body', '  \n', 'ERR_REPLY_NOT_JSON', 'reply is empty; a JSON object was expected'],
    ['a JSON array', '[]', 'ERR_REPLY_INVALID', "reply is not in Tencent's format: it must be a JSON object, got []"],
    ['JSON null', 'null', 'ERR_REPLY_INVALID', 'it must be a JSON object, got null'],
    ['nothing at all', undefined, 'ERR_REPLY_INVALID', 'it must be a JSON object, it is missing'],
    [
      "supertest's body for a reply that is not application/json",
      {},
      'ERR_REPLY_INVALID',
      'ActionStatus must be "OK" or "FAIL", it is missing',
    ],
    [
      'a lowercase ActionStatus',
      { ...valid, ActionStatus: 'ok' },
      'ERR_REPLY_INVALID',
      'ActionStatus must be "OK" or "FAIL", got "ok"',
    ],
    [
      'ErrorCode as a string',
      { ...valid, ErrorCode: '0' },
      'ERR_REPLY_INVALID',
      'ErrorCode must be an integer, got "0"',
    ],
    [
      'a fractional ErrorCode',
      { ...valid, ErrorCode: 0.5 },
      'ERR_REPLY_INVALID',
      'ErrorCode must be an integer, got 0.5',
    ],
    [
      'no ErrorInfo',
      { ActionStatus: 'OK', ErrorCode: 0 },
      'ERR_REPLY_INVALID',
      'ErrorInfo must be a string, it is missing',
    ],
    ['ErrorInfo null', { ...valid, ErrorInfo: null }, 'ERR_REPLY_INVALID', 'ErrorInfo must be a string, got null'],
    [
      'refusals as one string',
      { ...valid, RefusedSubscribers_Account: 'jared' },
      'ERR_REPLY_INVALID',
      'RefusedSubscribers_Account must be an array of UserIDs, got "jared"',
    ],
    [
      'refusals as numbers',
      { ...valid, RefusedSubscribers_Account: [107867] },
      'ERR_REPLY_INVALID',
      'RefusedSubscribers_Account must be an array of UserIDs, got [107867]',
    ],
    [
      "the documentation's typo RefusedMembers_Account",
      { ...valid, RefusedMembers_Account: ['jared'] },
      'ERR_REPLY_INVALID',
      "it has RefusedMembers_Account, a typo on Tencent's page; Tencent reads RefusedSubscribers_Account",
    ],
  ])('refuses %s with an InvalidReplyError', (_name, body, code, message) => {
    let thrown: unknown;
    try {
      parseReply(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidReplyError);
    expect(thrown).toMatchObject({ name: 'InvalidReplyError', code });
    expect((thrown as Error).message).toContain(message);
  });

  it('says to pass the body when given a whole response', async () => {
    const callback = buildCallback({ subscribers: ['jared'] });
    const response = await request(serverWith('express5', { decide: refuseJared }))
      .post(callback.path)
      .send(callback.json);
    expect(() => parseReply(response)).toThrow(
      new TypeError(
        'parseReply: pass the reply body, not the response: parseReply(response.text) with supertest, ' +
          'parseReply(await response.text()) with fetch.',
      ),
    );
    expect(() => parseReply(new Response(callback.json, { status: 200 }))).toThrow(TypeError);
  });
});

describe('the testing entry', () => {
  /** Every module specifier reachable from a file of lib/, following its relative imports. */
  function bareImportsFrom(file: string, seen = new Set<string>()): Set<string> {
    const found = new Set<string>();
    if (seen.has(file)) return found;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier = ''] of source.matchAll(/(?:from|import)\s+'([^']+)'/g)) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts'));
        for (const each of bareImportsFrom(target, seen)) found.add(each);
      } else {
        found.add(specifier);
      }
    }
    return found;
  }

  it('imports neither express, nor a test framework, nor the validator: only node:crypto', () => {
    expect([...bareImportsFrom(path.join(__dirname, '../lib/testing.ts'))]).toEqual(['node:crypto']);
  });
});
