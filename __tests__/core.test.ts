import request from 'supertest';
import type { DecisionContext } from '../lib/index';
import { eventFor, eventWith, tencentExampleReplyRefused, tencentExampleRequest } from './fixtures';
import {
  callbackUrl,
  COMMAND,
  PATH,
  proceedBody,
  refusedBody,
  serverWith,
  SERVER_KINDS,
  silentLogger,
  type ServerKind,
} from './helpers/servers';

const refuseJared = (subscriber: string): boolean => subscriber !== 'jared';

describe.each(SERVER_KINDS)('on %s', (kind: ServerKind) => {
  it("answers Tencent's example request exactly as Tencent's example reply", async () => {
    const response = await request(serverWith(kind, { decide: refuseJared }))
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toEqual(tencentExampleReplyRefused);
  });

  it('reads the body as JSON whatever the Content-Type says, or without one', async () => {
    const server = serverWith(kind, { decide: refuseJared });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
      const response = await request(server)
        .post(callbackUrl())
        .set('Content-Type', contentType)
        .send(JSON.stringify(tencentExampleRequest));
      expect({ contentType, status: response.status, body: response.body as unknown }).toEqual({
        contentType,
        status: 200,
        body: tencentExampleReplyRefused,
      });
    }
  });

  it.each([
    ['another callback', callbackUrl({ command: 'OfficialAccount.CallbackAfterAddSubscriber' }), 'POST'],
    ['a request with no query', PATH, 'POST'],
    ['a GET for our command', callbackUrl(), 'GET'],
    ['a PUT for our command', callbackUrl(), 'PUT'],
  ])('passes %s on with next() and the body stream unread', async (_name, url, method) => {
    const body = JSON.stringify(eventWith({ CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber' }));
    const decide = jest.fn(() => true);
    const agent = request(serverWith(kind, { decide }));
    const sent =
      method === 'GET' ? agent.get(url) : method === 'PUT' ? agent.put(url).send(body) : agent.post(url).send(body);
    const response = await sent.set('Content-Type', 'application/json');
    expect(response.status).toBe(299);
    expect(response.body).toEqual({ passedOn: true, method, rawBody: method === 'GET' ? '' : body });
    expect(decide).not.toHaveBeenCalled();
  });

  it('decides each distinct subscriber once and lists refusals once, in request order', async () => {
    const decide = jest.fn((subscriber: string) => !subscriber.startsWith('x'));
    const response = await request(serverWith(kind, { decide }))
      .post(callbackUrl())
      .send(eventFor(['xb', 'a', 'xa', 'xb', 'c', 'xa', 'xc']));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['xb', 'xa', 'xc']));
    expect(decide.mock.calls.map(([subscriber]) => subscriber)).toEqual(['xb', 'a', 'xa', 'c', 'xc']);
  });

  it('decides each distinct subscriber once in a long list with duplicates', async () => {
    const distinct = Array.from({ length: 40 }, (_, index) => `${index % 3 === 0 ? 'x' : 'u'}${index}`);
    const decide = jest.fn((subscriber: string) => !subscriber.startsWith('x'));
    const response = await request(serverWith(kind, { decide }))
      .post(callbackUrl())
      .send(eventFor([...distinct, ...distinct.slice(0, 20).reverse()]));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(distinct.filter((subscriber) => subscriber.startsWith('x'))));
    expect(decide.mock.calls.map(([subscriber]) => subscriber)).toEqual(distinct);
  });

  it('hands decide a context whose signal reads through Object.create and a Proxy, while a spread copies only event and query', async () => {
    const seen: { keys: string[]; viaCreate: AbortSignal; viaProxy: AbortSignal; own: AbortSignal }[] = [];
    const decide = jest.fn((_subscriber: string, context: DecisionContext) => {
      seen.push({
        keys: Object.keys({ ...context }),
        viaCreate: (Object.create(context) as DecisionContext).signal,
        viaProxy: new Proxy(context, {}).signal,
        own: context.signal,
      });
      return true;
    });
    const response = await request(serverWith(kind, { decide }))
      .post(callbackUrl())
      .send(eventFor(['jared']));
    expect([response.status, response.body]).toEqual([200, proceedBody([])]);
    const [context] = seen;
    expect(context?.keys).toEqual(['event', 'query']);
    expect(context?.viaCreate).toBe(context?.own);
    expect(context?.viaProxy).toBe(context?.own);
    expect(context?.own.aborted).toBe(true);
  });

  it('answers an empty list without calling decide, with an empty refusal list', async () => {
    const decide = jest.fn(() => false);
    const response = await request(serverWith(kind, { decide })).post(callbackUrl()).send(eventFor([]));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody([]));
    expect(decide).not.toHaveBeenCalled();
  });

  it('passes the validated event, the typed query and a live signal to decide', async () => {
    const seen: unknown[] = [];
    const decide = jest.fn((subscriber: string, context: DecisionContext) => {
      seen.push({
        subscriber,
        account: context.event.Official_Account,
        query: context.query,
        aborted: context.signal.aborted,
      });
      return true;
    });
    const response = await request(serverWith(kind, { decide }))
      .post(callbackUrl({ extra: { Unknown: 'kept out' } }))
      .send(eventFor(['jared']));
    expect(response.body).toEqual(proceedBody([]));
    expect(seen).toEqual([
      {
        subscriber: 'jared',
        account: '@TOA#_test_for_penn',
        query: {
          SdkAppid: '1400000000',
          CallbackCommand: COMMAND,
          contenttype: 'json',
          ClientIP: '127.0.0.1',
          OptPlatform: 'RESTAPI',
        },
        aborted: false,
      },
    ]);
  });

  it('keeps fields Tencent may add, at the top and inside list entries', async () => {
    const seen: unknown[] = [];
    const body = eventWith({
      NewTopLevelField: { nested: [1, 2] },
      SubscribeAccountList: [{ Subscriber_Account: 'jared', Tag: 'vip' }],
    });
    const response = await request(
      serverWith(kind, {
        decide: (_subscriber, { event }) => {
          // Fields Tencent adds later are in the object, not in its type: read them through a cast.
          const withNewFields = event as typeof event & Readonly<Record<string, unknown>>;
          const entry = event.SubscribeAccountList[0] as Readonly<Record<string, unknown>> | undefined;
          seen.push(withNewFields['NewTopLevelField'], entry?.['Tag']);
          return false;
        },
      }),
    )
      .post(callbackUrl())
      .send(body);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
    expect(seen).toEqual([{ nested: [1, 2] }, 'vip']);
  });

  it('rejects the whole request with ErrorCode 1 when rejectRequest returns a reason', async () => {
    const decide = jest.fn(() => true);
    const response = await request(
      serverWith(kind, {
        decide,
        rejectRequest: ({ event }) =>
          event.Operator_Account === '107867' ? 'operator 107867 may not add subscribers' : undefined,
      }),
    )
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 1,
      ErrorInfo: 'operator 107867 may not add subscribers',
    });
    expect(decide).not.toHaveBeenCalled();
  });

  it('goes on to decide when rejectRequest returns nothing', async () => {
    const response = await request(serverWith(kind, { decide: refuseJared, rejectRequest: async () => undefined }))
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(tencentExampleReplyRefused);
  });

  it('refuses a subscriber whose decide throws and keeps the error out of the reply', async () => {
    const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const decide = (subscriber: string): boolean => {
      if (subscriber === 'leckie') throw new Error('database password is hunter2');
      return true;
    };
    const response = await request(serverWith(kind, { decide, logger }))
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['leckie']));
    expect(response.text).not.toContain('hunter2');
    expect(logger.error).toHaveBeenCalledWith(
      'beforeAddSubscriber: decide failed for subscriber "leckie"',
      expect.objectContaining({
        code: 'ERR_DECIDE_FAILED',
        cause: expect.objectContaining({ message: 'database password is hunter2' }),
      }),
    );
  });
});

describe('bodies already read by an app-level parser', () => {
  it.each([
    ['express4', 'json'],
    ['express4', 'raw'],
    ['express4', 'text'],
    ['express5', 'json'],
    ['express5', 'raw'],
    ['express5', 'text'],
  ] as const)('on %s, uses what express.%s() left in req.body', async (kind, parser) => {
    const response = await request(serverWith(kind, { decide: refuseJared }, { parser }))
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(tencentExampleReplyRefused);
  });

  it.each(['express4', 'express5'] as const)(
    'reads the stream itself when %s express.json() skipped a non-JSON Content-Type',
    async (kind) => {
      const response = await request(serverWith(kind, { decide: refuseJared }, { parser: 'json' }))
        .post(callbackUrl())
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(tencentExampleRequest));
      expect(response.status).toBe(200);
      expect(response.body).toEqual(tencentExampleReplyRefused);
    },
  );

  it('still validates a body parsed by express.json(), and refuses an invalid one in a 200', async () => {
    const logger = silentLogger();
    const response = await request(serverWith('express5', { decide: refuseJared, logger }, { parser: 'json' }))
      .post(callbackUrl())
      .send(eventWith({ SubscribeAccountList: 'jared' }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(refusedBody('ERR_BODY_INVALID', 'body.SubscribeAccountList must be of type array'));
    expect(logger.error.mock.calls).toEqual([
      [
        `beforeAddSubscriber: ${COMMAND} refused before its handler ran: ERR_BODY_INVALID: body.SubscribeAccountList must be of type array`,
      ],
    ]);
  });
});
