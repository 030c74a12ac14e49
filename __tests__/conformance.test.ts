// The same cases on every way of mounting the webhook: Express 4 and 5, node:http, Koa, Fastify, the
// fetch handler behind a node:http bridge, and Hono on @hono/node-server. Each case states the exact
// status, body and headers; a server that answers differently fails its row.
import type http from 'node:http';
import request from 'supertest';
import {
  beforeAddSubscriber,
  callbackRouter,
  type BeforeAddSubscriberOptions,
  type CallbackRouterOptions,
  type WebhookMiddleware,
} from '../lib/index';
import { buildCallback } from '../lib/testing';
import { eventFor, tencentExampleReplyRefused, tencentExampleRequest } from './fixtures';
import { ADAPTER_KINDS, adapterServer, type AdapterKind } from './helpers/adapters';
import { close, listen, sendPartially } from './helpers/raw-http';
import { callbackUrl, failBody, proceedBody, SDK_APP_ID, silentLogger, TOKEN } from './helpers/servers';

const NOW_SECONDS = 1_700_000_000;
const LIMIT = 1000;
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
const CLOSING_HEADERS = { ...JSON_HEADERS, connection: 'close' };

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

interface Case {
  /** Builds the webhook; `seen` collects what the app's handlers were called with. */
  webhook: (seen: unknown[]) => WebhookMiddleware;
  send: (server: http.Server) => Promise<Answer>;
  status: number;
  body: unknown;
  /** Headers that must be there with exactly these values. */
  headers?: Record<string, string>;
  /** What the handlers must have been called with; nothing by default. */
  seen?: unknown[];
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function subscriberGate(options: Partial<BeforeAddSubscriberOptions> = {}) {
  return (seen: unknown[]): WebhookMiddleware =>
    beforeAddSubscriber({
      logger: silentLogger(),
      token: TOKEN,
      sdkAppId: SDK_APP_ID,
      now: () => NOW_SECONDS * 1000,
      bodyLimitBytes: LIMIT,
      decide: (subscriber: string) => {
        seen.push(subscriber);
        return subscriber !== 'jared';
      },
      ...options,
    } as BeforeAddSubscriberOptions);
}

function router(on: (seen: unknown[]) => CallbackRouterOptions['on'], options: Partial<CallbackRouterOptions> = {}) {
  return (seen: unknown[]): WebhookMiddleware =>
    callbackRouter({ logger: silentLogger(), token: TOKEN, sdkAppId: SDK_APP_ID, on: on(seen), ...options });
}

const signedUrl = (input: Parameters<typeof callbackUrl>[0] = {}): string =>
  callbackUrl({ token: TOKEN, requestTime: NOW_SECONDS, ...input });

function post(url: string, body: string | Buffer | object, contentType = 'application/json') {
  return async (server: http.Server): Promise<Answer> => {
    const response = await request(server).post(url).set('Content-Type', contentType).send(body);
    return { status: response.status, body: response.body as unknown, headers: response.headers };
  };
}

function get(url: string) {
  return async (server: http.Server): Promise<Answer> => {
    const response = await request(server).get(url);
    return { status: response.status, body: response.body as unknown, headers: response.headers };
  };
}

/** Sends the headers and a first chunk only, and waits for the answer on a raw connection. */
function postPartially(url: string, firstChunk: string, headers: http.OutgoingHttpHeaders) {
  return async (server: http.Server): Promise<Answer> => {
    const port = await listen(server);
    try {
      return await sendPartially(port, url, Buffer.from(firstChunk), headers);
    } finally {
      await close(server);
    }
  };
}

const tooLargeBody = JSON.stringify(eventFor(Array.from({ length: 60 }, (_, index) => `user${index}`)));
const afterAdd = buildCallback({
  command: 'OfficialAccount.CallbackAfterAddSubscriber',
  token: TOKEN,
  sdkAppId: Number(SDK_APP_ID),
});
const beforeSend = buildCallback({
  command: 'OfficialAccount.CallbackBeforeSendMsg',
  token: TOKEN,
  sdkAppId: Number(SDK_APP_ID),
});
const otherFamily = buildCallback({ command: 'Group.CallbackAfterNewMemberJoin', token: TOKEN });
const newMsgBody = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello [LV1]' } }] as const;

const CASES: Record<string, Case> = {
  "Tencent's example, answered exactly as Tencent's example reply": {
    webhook: subscriberGate(),
    send: post(signedUrl(), tencentExampleRequest),
    status: 200,
    body: tencentExampleReplyRefused,
    headers: JSON_HEADERS,
    seen: ['jared', 'leckie'],
  },
  "Tencent's example sent as text/plain, read as JSON all the same": {
    webhook: subscriberGate(),
    send: post(signedUrl(), JSON.stringify(tencentExampleRequest), 'text/plain'),
    status: 200,
    body: tencentExampleReplyRefused,
    headers: JSON_HEADERS,
    seen: ['jared', 'leckie'],
  },
  'a body that is not JSON: 400': {
    webhook: subscriberGate(),
    send: post(signedUrl(), '{"CallbackCommand":', 'application/octet-stream'),
    status: 400,
    body: failBody('ERR_BODY_NOT_JSON', 'body is not valid JSON'),
    headers: JSON_HEADERS,
  },
  'a body that is not UTF-8: 400': {
    webhook: subscriberGate(),
    send: post(signedUrl(), Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/octet-stream'),
    status: 400,
    body: failBody('ERR_BODY_NOT_UTF8', 'body is not valid UTF-8'),
    headers: JSON_HEADERS,
  },
  'an empty body: 400': {
    webhook: subscriberGate(),
    send: post(signedUrl(), '', 'application/octet-stream'),
    status: 400,
    body: failBody('ERR_BODY_NOT_JSON', 'body is empty; a JSON object was expected'),
    headers: JSON_HEADERS,
  },
  'a body against the schema: 400': {
    webhook: subscriberGate(),
    send: post(signedUrl(), { ...tencentExampleRequest, EventTime: 'yesterday' }),
    status: 400,
    body: failBody('ERR_BODY_INVALID', 'body.EventTime must be of type integer'),
    headers: JSON_HEADERS,
  },
  'a Content-Length over the limit: 413 before reading': {
    webhook: subscriberGate(),
    send: post(signedUrl(), tooLargeBody),
    status: 413,
    body: failBody('ERR_BODY_TOO_LARGE', `body is larger than ${LIMIT} bytes`),
    headers: CLOSING_HEADERS,
  },
  'a chunked body that grows over the limit: 413 without waiting for its end': {
    webhook: subscriberGate(),
    send: postPartially(signedUrl(), tooLargeBody, { 'Transfer-Encoding': 'chunked' }),
    status: 413,
    body: failBody('ERR_BODY_TOO_LARGE', `body is larger than ${LIMIT} bytes`),
    headers: CLOSING_HEADERS,
  },
  'a forged Sign: 401': {
    webhook: subscriberGate(),
    send: post(signedUrl({ token: 'forged-token' }), tencentExampleRequest),
    status: 401,
    body: failBody('ERR_SIGN_MISMATCH', 'Sign does not match the configured callback token'),
    headers: CLOSING_HEADERS,
  },
  'another app: 403': {
    webhook: subscriberGate(),
    send: post(signedUrl({ sdkAppId: '1400000001' }), tencentExampleRequest),
    status: 403,
    body: failBody('ERR_SDKAPPID_MISMATCH'),
    headers: CLOSING_HEADERS,
  },
  "the deadline with onTimeout 'refuse': undecided subscribers refused": {
    webhook: subscriberGate({
      timeoutMs: 100,
      onTimeout: 'refuse',
      decide: (subscriber: string) => (subscriber === 'jared' ? true : never<boolean>()),
    }),
    send: post(signedUrl(), eventFor(['jared', 'leckie'])),
    status: 200,
    body: proceedBody(['leckie']),
    headers: JSON_HEADERS,
  },
  'a body that never arrives: 408 at the deadline': {
    webhook: subscriberGate({ timeoutMs: 100 }),
    send: postPartially(signedUrl(), '{"CallbackCommand"', { 'Content-Length': '500' }),
    status: 408,
    body: failBody('ERR_BODY_TIMEOUT', 'body did not arrive before the deadline'),
    headers: CLOSING_HEADERS,
  },
  'another command, for beforeAddSubscriber: passed on, body unread': {
    webhook: subscriberGate(),
    send: post(afterAdd.path, afterAdd.json),
    status: 299,
    body: { passedOn: true, method: 'POST', rawBody: afterAdd.json },
  },
  'a GET for its command: passed on': {
    webhook: subscriberGate(),
    send: get(signedUrl()),
    status: 299,
    body: { passedOn: true, method: 'GET', rawBody: '' },
  },
  "a command without a handler, with unhandled 'next': passed on after authentication, body unread": {
    webhook: router(() => ({})),
    send: post(otherFamily.path, otherFamily.json),
    status: 299,
    body: { passedOn: true, method: 'POST', rawBody: otherFamily.json },
  },
  "a command without a handler, with unhandled 'ack': acknowledged": {
    webhook: router(() => ({}), { unhandled: 'ack' }),
    send: post(otherFamily.path, otherFamily.json),
    status: 200,
    body: OK,
    headers: JSON_HEADERS,
  },
  'an After-callback through callbackRouter: its handler called, OK': {
    webhook: router((seen) => ({
      'OfficialAccount.CallbackAfterAddSubscriber': (event) => {
        seen.push(event.SubscribeAccountList);
      },
    })),
    send: post(afterAdd.path, afterAdd.json),
    status: 200,
    body: OK,
    headers: JSON_HEADERS,
    seen: [afterAdd.body.SubscribeAccountList],
  },
  'BeforeSendMsg through callbackRouter: the message modified': {
    webhook: router((seen) => ({
      'OfficialAccount.CallbackBeforeSendMsg': {
        decide: (event) => {
          seen.push(event.Official_Account);
          return { modify: { MsgBody: newMsgBody } };
        },
      },
    })),
    send: post(beforeSend.path, beforeSend.json),
    status: 200,
    body: { ...OK, MsgBody: newMsgBody },
    headers: JSON_HEADERS,
    seen: [beforeSend.body.Official_Account],
  },
  'an unsigned command through callbackRouter: 401 before its body is read': {
    webhook: router(() => ({})),
    send: post(buildCallback({ command: 'Group.CallbackAfterNewMemberJoin' }).path, otherFamily.json),
    status: 401,
    body: failBody('ERR_SIGN_MISSING', 'query parameter Sign is missing'),
    headers: CLOSING_HEADERS,
  },
};

describe.each(ADAPTER_KINDS)('on %s', (kind: AdapterKind) => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const { webhook, send, status, body, headers = {}, seen: expectedSeen = [] } = CASES[name]!;
    const seen: unknown[] = [];
    const answer = await send(await adapterServer(kind, webhook(seen)));
    expect({ status: answer.status, body: answer.body }).toEqual({ status, body });
    expect(answer.headers).toMatchObject(headers);
    expect(seen).toEqual(expectedSeen);
  });
});
