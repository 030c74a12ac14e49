import express from 'express';
import request from 'supertest';
import { beforeAddSubscriber } from '../lib/index';
import { eventFor, eventWith, tencentExampleRequest } from './fixtures';
import { close, listen, sendPartially } from './helpers/raw-http';
import {
  callbackUrl,
  COMMAND,
  failBody,
  proceedBody,
  refusedBody,
  serverWith,
  SERVER_KINDS,
  silentLogger,
  TOKEN,
} from './helpers/servers';

const allowAll = (): boolean => true;

function bodyWithList(list: unknown): string {
  return JSON.stringify(eventWith({ SubscribeAccountList: list }));
}

const withoutField = (field: string): string =>
  JSON.stringify(Object.fromEntries(Object.entries(eventWith()).filter(([name]) => name !== field)));

/** The one error line of a request that passed authentication but was refused before its handler ran. */
const refusedLine = (code: string, message: string): string =>
  `beforeAddSubscriber: ${COMMAND} refused before its handler ran: ${code}: ${message}`;

/** The warnings about requests: every one but the warning at creation that `token: false` authenticates nothing. */
const requestWarnings = (logger: ReturnType<typeof silentLogger>): unknown[][] =>
  logger.warn.mock.calls.filter(([message]) => !message.includes('`token: false`, so requests are not authenticated'));

describe.each(SERVER_KINDS)('bad bodies on %s', (kind) => {
  it.each<[string, string | Buffer, string, string]>([
    ['an empty body', '', 'ERR_BODY_NOT_JSON', 'body is empty; a JSON object was expected'],
    ['malformed JSON', '{"CallbackCommand":', 'ERR_BODY_NOT_JSON', 'body is not valid JSON'],
    ['JSON with a trailing comma', '{"a":1,}', 'ERR_BODY_NOT_JSON', 'body is not valid JSON'],
    [
      'invalid UTF-8',
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      'ERR_BODY_NOT_UTF8',
      'body is not valid UTF-8',
    ],
    ['a JSON array', '[]', 'ERR_BODY_INVALID', 'body must be of type object'],
    ['JSON null', 'null', 'ERR_BODY_INVALID', 'body must be of type object'],
    ['a JSON string', '"x"', 'ERR_BODY_INVALID', 'body must be of type object'],
    ['a JSON number', '42', 'ERR_BODY_INVALID', 'body must be of type object'],
    [
      'no Official_Account',
      withoutField('Official_Account'),
      'ERR_BODY_INVALID',
      'body is missing the required field Official_Account',
    ],
    [
      'no Operator_Account',
      withoutField('Operator_Account'),
      'ERR_BODY_INVALID',
      'body is missing the required field Operator_Account',
    ],
    [
      'no SubscribeAccountList',
      withoutField('SubscribeAccountList'),
      'ERR_BODY_INVALID',
      'body is missing the required field SubscribeAccountList',
    ],
    ['no EventTime', withoutField('EventTime'), 'ERR_BODY_INVALID', 'body is missing the required field EventTime'],
    [
      'no CallbackCommand',
      withoutField('CallbackCommand'),
      'ERR_BODY_INVALID',
      'body is missing the required field CallbackCommand',
    ],
    [
      'a numeric Official_Account',
      JSON.stringify(eventWith({ Official_Account: 42 })),
      'ERR_BODY_INVALID',
      'body.Official_Account must be of type string',
    ],
    [
      'an empty Official_Account',
      JSON.stringify(eventWith({ Official_Account: '' })),
      'ERR_BODY_INVALID',
      'body.Official_Account must not be shorter than 1 character(s)',
    ],
    [
      'a null Operator_Account',
      JSON.stringify(eventWith({ Operator_Account: null })),
      'ERR_BODY_INVALID',
      'body.Operator_Account must be of type string',
    ],
    [
      'a string EventTime',
      JSON.stringify(eventWith({ EventTime: '1670574414123' })),
      'ERR_BODY_INVALID',
      'body.EventTime must be of type integer',
    ],
    [
      'a fractional EventTime',
      JSON.stringify(eventWith({ EventTime: 1.5 })),
      'ERR_BODY_INVALID',
      'body.EventTime must be of type integer',
    ],
    [
      'a negative EventTime',
      JSON.stringify(eventWith({ EventTime: -1 })),
      'ERR_BODY_INVALID',
      'body.EventTime must be >= 0',
    ],
    [
      'a list that is an object',
      bodyWithList({ Subscriber_Account: 'jared' }),
      'ERR_BODY_INVALID',
      'body.SubscribeAccountList must be of type array',
    ],
    [
      'a list of strings',
      bodyWithList(['jared']),
      'ERR_BODY_INVALID',
      'body.SubscribeAccountList[0] must be of type object',
    ],
    [
      'an entry without Subscriber_Account',
      bodyWithList([{ Subscriber_Account: 'a' }, { UserID: 'jared' }]),
      'ERR_BODY_INVALID',
      'body.SubscribeAccountList[1] is missing the required field Subscriber_Account',
    ],
    [
      'a numeric Subscriber_Account',
      bodyWithList([{ Subscriber_Account: 7 }]),
      'ERR_BODY_INVALID',
      'body.SubscribeAccountList[0].Subscriber_Account must be of type string',
    ],
    [
      'an empty Subscriber_Account',
      bodyWithList([{ Subscriber_Account: '' }]),
      'ERR_BODY_INVALID',
      'body.SubscribeAccountList[0].Subscriber_Account must not be shorter than 1 character(s)',
    ],
    [
      'a 33-character Subscriber_Account',
      bodyWithList([{ Subscriber_Account: 'a'.repeat(33) }]),
      'ERR_BODY_INVALID',
      'body.SubscribeAccountList[0].Subscriber_Account must not be longer than 32 characters',
    ],
    [
      'a body for another command',
      JSON.stringify(eventWith({ CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber' })),
      'ERR_COMMAND_MISMATCH',
      'body.CallbackCommand does not match the CallbackCommand query parameter',
    ],
    [
      'a numeric CallbackCommand',
      JSON.stringify(eventWith({ CallbackCommand: 1 })),
      'ERR_BODY_INVALID',
      `body.CallbackCommand must be "${COMMAND}"`,
    ],
  ])('refuses %s in a 200, with one error line', async (_name, body, code, info) => {
    const decide = jest.fn(allowAll);
    const logger = silentLogger();
    const response = await request(serverWith(kind, { decide, logger }))
      .post(callbackUrl())
      // superagent would re-encode a Buffer declared as JSON; octet-stream sends its bytes as they are.
      .set('Content-Type', Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json')
      .send(body);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(refusedBody(code, info));
    expect((response.body as { ErrorInfo: string }).ErrorInfo).toBe(`${code}: ${info}`);
    expect(decide).not.toHaveBeenCalled();
    expect(logger.error.mock.calls).toEqual([[refusedLine(code, info)]]);
    expect(requestWarnings(logger)).toEqual([]);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it("refuses a bad body in a 200 with ErrorCode 0 when onError is 'allow'", async () => {
    const decide = jest.fn(allowAll);
    const logger = silentLogger();
    const response = await request(serverWith(kind, { decide, onError: 'allow', logger }))
      .post(callbackUrl())
      .send(bodyWithList([{ Subscriber_Account: '' }]));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody([]));
    expect(decide).not.toHaveBeenCalled();
    expect(logger.error.mock.calls).toEqual([
      [
        refusedLine(
          'ERR_BODY_INVALID',
          'body.SubscribeAccountList[0].Subscriber_Account must not be shorter than 1 character(s)',
        ),
      ],
    ]);
  });

  it('does not call a function onError for a body that failed before any decision', async () => {
    const decide = jest.fn(allowAll);
    const onError = jest.fn(() => true);
    const response = await request(serverWith(kind, { decide, onError })).post(callbackUrl()).send('null');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(refusedBody('ERR_BODY_INVALID', 'body must be of type object'));
    expect(onError).not.toHaveBeenCalled();
    expect(decide).not.toHaveBeenCalled();
  });

  it('accepts 32-character UserIDs and 32-byte UserIDs in any script', async () => {
    const ids = ['a'.repeat(32), '用户'.repeat(5), 'ü'.repeat(16)];
    const response = await request(serverWith(kind, { decide: () => false }))
      .post(callbackUrl())
      .send(eventFor(ids));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(ids));
  });

  it('accepts a body that starts with a UTF-8 byte order mark', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(tencentExampleRequest))]);
    const response = await request(serverWith(kind, { decide: (s) => s !== 'jared' }))
      .post(callbackUrl())
      .set('Content-Type', 'application/octet-stream')
      .send(body);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
  });

  it('survives deeply nested junk in an unknown field', async () => {
    const depth = 20_000;
    const body = `{"Junk":${'['.repeat(depth)}${']'.repeat(depth)},${JSON.stringify(tencentExampleRequest).slice(1)}`;
    const response = await request(serverWith(kind, { decide: (s) => s !== 'jared', bodyLimitBytes: 100_000 }))
      .post(callbackUrl())
      .send(body);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
  });
});

describe('__proto__ and constructor keys', () => {
  const pollutingBodies: [string, string][] = [
    ['top level', `{"__proto__":{"polluted":"yes"},${JSON.stringify(tencentExampleRequest).slice(1)}`],
    ['escaped', `{"\\u005f\\u005fproto__":{"polluted":"yes"},${JSON.stringify(tencentExampleRequest).slice(1)}`],
    [
      'in a list entry',
      bodyWithList([{ Subscriber_Account: 'jared', __proto__: { polluted: 'yes' } }]).replace(
        '"Subscriber_Account":"jared"',
        '"Subscriber_Account":"jared","__proto__":{"polluted":"yes"}',
      ),
    ],
    [
      'constructor.prototype',
      `{"constructor":{"prototype":{"polluted":"yes"}},${JSON.stringify(tencentExampleRequest).slice(1)}`,
    ],
  ];

  it.each(SERVER_KINDS.flatMap((kind) => pollutingBodies.map(([where, body]) => [kind, where, body] as const)))(
    'on %s, %s: processed normally, no prototype touched',
    async (kind, _where, body) => {
      const seen: { prototype: unknown; ownKeys: string[][]; merged: Record<string, unknown> }[] = [];
      const decide = (_subscriber: string, context: { event: object }): boolean => {
        const event = context.event as Readonly<Record<string, unknown>>;
        const entries = event['SubscribeAccountList'] as object[];
        seen.push({
          prototype: Object.getPrototypeOf(event),
          ownKeys: [event, ...entries].map((each) => Object.keys(each)),
          // Even code that merges the event the careless way must find nothing to merge into prototypes.
          merged: Object.assign({}, event, ...entries) as Record<string, unknown>,
        });
        return false;
      };
      const response = await request(serverWith(kind, { decide }))
        .post(callbackUrl())
        .set('Content-Type', 'application/json')
        .send(body);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(proceedBody(body.includes('leckie') ? ['jared', 'leckie'] : ['jared']));
      expect(seen.length).toBeGreaterThan(0);
      for (const { prototype, ownKeys, merged } of seen) {
        expect(prototype).toBe(Object.prototype);
        expect(merged['polluted']).toBeUndefined();
        expect(ownKeys.flat()).not.toEqual(expect.arrayContaining(['__proto__']));
        expect(ownKeys.flat()).not.toEqual(expect.arrayContaining(['constructor']));
      }
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
  );

  it('cleans a body that express.json() parsed before us', async () => {
    let ownKeys: string[] = [];
    const response = await request(
      serverWith('express5', { decide: (_s, { event }) => ((ownKeys = Object.keys(event)), true) }, { parser: 'json' }),
    )
      .post(callbackUrl())
      .set('Content-Type', 'application/json')
      .send(`{"__proto__":{"polluted":"yes"},${JSON.stringify(tencentExampleRequest).slice(1)}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody([]));
    expect(ownKeys).not.toContain('__proto__');
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe.each(SERVER_KINDS)('query oddities on %s', (kind) => {
  it.each([
    ['CallbackCommand', '&CallbackCommand=OfficialAccount.CallbackAfterAddSubscriber'],
    ['SdkAppid', '&SdkAppid=1400000001'],
    ['contenttype', '&contenttype=xml'],
  ])('answers %s repeated with another value with 400, logged at info', async (name, extra) => {
    const decide = jest.fn(allowAll);
    const logger = silentLogger();
    const response = await request(serverWith(kind, { decide, logger }))
      .post(callbackUrl() + extra)
      .send(tencentExampleRequest);
    const message = `query parameter ${name} appears more than once, with different values`;
    expect(response.status).toBe(400);
    expect(response.body).toEqual(failBody('ERR_QUERY_REPEATED', message));
    expect(decide).not.toHaveBeenCalled();
    expect(logger.info.mock.calls).toEqual([
      [`beforeAddSubscriber: ${COMMAND} answered 400 ERR_QUERY_REPEATED: ${message}`],
    ]);
    expect(requestWarnings(logger)).toEqual([]);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it.each([
    ['Sign', '&Sign=0000'],
    ['RequestTime', '&RequestTime=1'],
  ])('answers %s repeated with another value with 401, logged at warn', async (name, extra) => {
    const decide = jest.fn(allowAll);
    const logger = silentLogger();
    const response = await request(serverWith(kind, { decide, token: TOKEN, logger }))
      .post(callbackUrl({ token: TOKEN }) + extra)
      .send(tencentExampleRequest);
    const message = `query parameter ${name} appears more than once, with different values`;
    expect(response.status).toBe(401);
    expect(response.body).toEqual(failBody('ERR_QUERY_REPEATED', message));
    expect(decide).not.toHaveBeenCalled();
    expect(logger.warn.mock.calls).toEqual([
      [`beforeAddSubscriber: ${COMMAND} answered 401 ERR_QUERY_REPEATED: ${message}`],
    ]);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it.each([
    ['CallbackCommand', `&CallbackCommand=${COMMAND}`],
    ['SdkAppid', '&SdkAppid=1400000000'],
    ['contenttype', '&contenttype=json'],
  ])('accepts %s repeated with the same value, read once', async (_name, extra) => {
    const logger = silentLogger();
    const response = await request(serverWith(kind, { decide: (s) => s !== 'jared', sdkAppId: 1400000000, logger }))
      .post(callbackUrl() + extra)
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
    expect(logger.info).not.toHaveBeenCalled();
    expect(requestWarnings(logger)).toEqual([]);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('accepts a signed request whose Sign and RequestTime are repeated with the same values', async () => {
    const url = callbackUrl({ token: TOKEN });
    const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    const response = await request(serverWith(kind, { decide: (s) => s !== 'jared', token: TOKEN }))
      .post(`${url}&Sign=${query.get('Sign') ?? ''}&RequestTime=${query.get('RequestTime') ?? ''}`)
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
  });

  it('passes on a request whose repeated CallbackCommand never names ours', async () => {
    const url = callbackUrl({ command: 'OfficialAccount.CallbackAfterAddSubscriber' }) + '&CallbackCommand=Other';
    const response = await request(serverWith(kind, { decide: allowAll }))
      .post(url)
      .send('{}');
    expect(response.status).toBe(299);
    expect(response.body).toEqual({ passedOn: true, method: 'POST', rawBody: '{}' });
  });

  it('accepts a missing SdkAppid when no sdkAppId is configured', async () => {
    const response = await request(serverWith(kind, { decide: (s) => s !== 'jared' }))
      .post(callbackUrl({ sdkAppId: null }))
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
  });

  it('accepts an unknown OptPlatform and logs it once', async () => {
    const logger = silentLogger();
    const server = serverWith(kind, { decide: (s) => s !== 'jared', logger });
    for (let round = 0; round < 2; round += 1) {
      const response = await request(server)
        .post(callbackUrl({ extra: {} }).replace('OptPlatform=RESTAPI', 'OptPlatform=Harmony'))
        .send(tencentExampleRequest);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(proceedBody(['jared']));
    }
    expect(logger.warn.mock.calls.filter(([message]) => message.includes('OptPlatform'))).toEqual([
      ['beforeAddSubscriber: unknown OptPlatform "Harmony" accepted'],
    ]);
  });
});

describe.each(SERVER_KINDS)('body size on %s', (kind) => {
  const limit = 1024;
  const bigBody = JSON.stringify(eventFor(Array.from({ length: 60 }, (_, i) => `user_${i}`)));

  it('refuses in a 200 when Content-Length declares more than the limit', async () => {
    const decide = jest.fn(allowAll);
    const logger = silentLogger();
    const response = await request(serverWith(kind, { decide, bodyLimitBytes: limit, logger }))
      .post(callbackUrl())
      .send(bigBody);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(refusedBody('ERR_BODY_TOO_LARGE', `body is larger than ${limit} bytes`));
    expect(response.headers['connection']).toBe('close');
    expect(decide).not.toHaveBeenCalled();
    expect(logger.error.mock.calls).toEqual([
      [refusedLine('ERR_BODY_TOO_LARGE', `body is larger than ${limit} bytes`)],
    ]);
  });

  it('counts the bytes of a chunked body, which declares no length', async () => {
    const server = serverWith(kind, { decide: allowAll, bodyLimitBytes: limit });
    const port = await listen(server);
    try {
      const response = await sendPartially(port, callbackUrl(), Buffer.from(bigBody), {
        'Transfer-Encoding': 'chunked',
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(refusedBody('ERR_BODY_TOO_LARGE', `body is larger than ${limit} bytes`));
      expect(response.headers.connection).toBe('close');
    } finally {
      await close(server);
    }
  });

  it('refuses in a 200 at the deadline when a body never reaches its declared length', async () => {
    const logger = silentLogger();
    const server = serverWith(kind, { decide: allowAll, timeoutMs: 50, logger });
    const port = await listen(server);
    try {
      const response = await sendPartially(port, callbackUrl(), Buffer.from('{"CallbackCommand"'), {
        'Content-Length': '500',
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(refusedBody('ERR_BODY_TIMEOUT', 'body did not arrive before the deadline'));
      expect(response.headers.connection).toBe('close');
      expect(logger.error.mock.calls).toEqual([
        [refusedLine('ERR_BODY_TIMEOUT', 'body did not arrive before the deadline')],
      ]);
    } finally {
      await close(server);
    }
  });

  it('answers a body within the limit', async () => {
    const response = await request(serverWith(kind, { decide: allowAll, bodyLimitBytes: bigBody.length }))
      .post(callbackUrl())
      .send(bigBody);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody([]));
  });
});

describe('faults on the server side', () => {
  it('refuses ERR_BODY_UNAVAILABLE in a 200 when an earlier middleware drained the body and kept nothing', async () => {
    const app = express();
    app.use((req, _res, next) => {
      req.resume();
      req.on('end', () => next());
    });
    const logger = silentLogger();
    const decide = jest.fn(allowAll);
    app.use(beforeAddSubscriber({ decide, token: false, logger }));
    const response = await request(app).post(callbackUrl()).send(tencentExampleRequest);
    const message = 'the request body was consumed before this middleware';
    expect(response.status).toBe(200);
    expect(response.body).toEqual(refusedBody('ERR_BODY_UNAVAILABLE', message));
    expect(response.headers['connection']).toBe('close');
    expect(decide).not.toHaveBeenCalled();
    expect(logger.error.mock.calls).toEqual([[refusedLine('ERR_BODY_UNAVAILABLE', message)]]);
  });

  it.each(SERVER_KINDS)(
    'refuses ERR_INTERNAL in a 200, without the error text, when our own code fails after authentication (%s)',
    async (kind) => {
      const logger = silentLogger();
      const server = serverWith(kind, { decide: allowAll, token: 'a-token', logger });
      // Our own code fails where nothing of the app's runs: writing the reply's JSON.
      const stringify = JSON.stringify;
      const spy = jest.spyOn(JSON, 'stringify').mockImplementation((value: unknown) => {
        if (typeof value === 'object' && value !== null && 'RefusedSubscribers_Account' in value) {
          throw new Error('serializer is broken: secret detail');
        }
        return stringify(value);
      });
      let response: request.Response;
      try {
        response = await request(server)
          .post(callbackUrl({ token: 'a-token' }))
          .send(JSON.stringify(tencentExampleRequest));
      } finally {
        spy.mockRestore();
      }
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'ERR_INTERNAL: internal error' });
      expect(response.headers['connection']).toBe('close');
      expect(response.text).not.toContain('secret detail');
      expect(logger.error.mock.calls).toEqual([['beforeAddSubscriber: internal error', expect.any(Error)]]);
      const next = await request(server).post(callbackUrl()).send(tencentExampleRequest);
      expect(next.status).toBe(401);
    },
  );

  it('answers 500 ERR_INTERNAL when our own code fails before authentication', async () => {
    const logger = silentLogger();
    const server = serverWith('node:http', { decide: allowAll, token: 'a-token', logger });
    // Writing the 401 for a forged Sign fails; the 500 that replaces it is written as usual.
    const stringify = JSON.stringify;
    const spy = jest.spyOn(JSON, 'stringify').mockImplementation((value: unknown) => {
      if (stringify(value).includes('ERR_SIGN_MISMATCH')) throw new Error('serializer is broken: secret detail');
      return stringify(value);
    });
    let response: request.Response;
    try {
      response = await request(server)
        .post(callbackUrl({ token: 'forged' }))
        .send(tencentExampleRequest);
    } finally {
      spy.mockRestore();
    }
    expect(response.status).toBe(500);
    expect(response.body).toEqual(failBody('ERR_INTERNAL', 'internal error'));
    expect(logger.error).toHaveBeenCalledWith('beforeAddSubscriber: internal error', expect.any(Error));
    const next = await request(server)
      .post(callbackUrl({ token: 'a-token' }))
      .send(tencentExampleRequest);
    expect(next.status).toBe(200);
  });

  it('keeps answering when the logger itself throws', async () => {
    const explode = (): never => {
      throw new Error('logger down');
    };
    const logger = { debug: explode, info: explode, warn: explode, error: explode };
    const response = await request(serverWith('node:http', { decide: () => Promise.reject(new Error('x')), logger }))
      .post(callbackUrl({ extra: {} }).replace('OptPlatform=RESTAPI', 'OptPlatform=Harmony'))
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared', 'leckie']));
  });
});
