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
  type Logger,
  type WebhookMiddleware,
} from '../lib/index';
import { buildCallback } from '../lib/testing';
import { eventFor, tencentExampleReplyRefused, tencentExampleRequest } from './fixtures';
import { ADAPTER_KINDS, adapterServer, type AdapterKind } from './helpers/adapters';
import { close, listen, sendPartially } from './helpers/raw-http';
import {
  callbackUrl,
  COMMAND,
  failBody,
  PATH,
  proceedBody,
  refusedBody,
  SDK_APP_ID,
  silentLogger,
  TOKEN,
} from './helpers/servers';

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

type LoggedLines = Partial<Record<'info' | 'warn' | 'error', unknown[][]>>;

interface Case {
  /** Builds the webhook; `seen` collects what the app's handlers were called with, `logger` what it logs. */
  webhook: (seen: unknown[], logger: Logger) => WebhookMiddleware;
  send: (server: http.Server) => Promise<Answer>;
  status: number;
  body: unknown;
  /** Headers that must be there with exactly these values. */
  headers?: Record<string, string>;
  /** What the handlers must have been called with; nothing by default. */
  seen?: unknown[];
  /** Every line logged at info, warn and error; none by default. */
  logged?: LoggedLines;
}

/** The one error line of a signed request refused before its handler ran. */
function refusedLine(entry: string, command: string, code: string, message: string): LoggedLines {
  return { error: [[`${entry}: ${command} refused before its handler ran: ${code}: ${message}`]] };
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function subscriberGate(options: Partial<BeforeAddSubscriberOptions> = {}) {
  return (seen: unknown[], logger: Logger): WebhookMiddleware =>
    beforeAddSubscriber({
      logger,
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
  return (seen: unknown[], logger: Logger): WebhookMiddleware =>
    callbackRouter({ logger, token: TOKEN, sdkAppId: SDK_APP_ID, on: on(seen), ...options });
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
/** A signed callback's path with its CallbackCommand taken out (the Sign does not cover it). */
function withoutCommand(path: string): string {
  const url = new URL(path, 'http://localhost');
  url.searchParams.delete('CallbackCommand');
  return `${url.pathname}${url.search}`;
}
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
  'a body that is not JSON: refused in a 200': {
    webhook: subscriberGate(),
    send: post(signedUrl(), '{"CallbackCommand":', 'application/octet-stream'),
    status: 200,
    body: refusedBody('ERR_BODY_NOT_JSON', 'body is not valid JSON'),
    headers: JSON_HEADERS,
    logged: refusedLine('beforeAddSubscriber', COMMAND, 'ERR_BODY_NOT_JSON', 'body is not valid JSON'),
  },
  'a body that is not UTF-8: refused in a 200': {
    webhook: subscriberGate(),
    send: post(signedUrl(), Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/octet-stream'),
    status: 200,
    body: refusedBody('ERR_BODY_NOT_UTF8', 'body is not valid UTF-8'),
    headers: JSON_HEADERS,
    logged: refusedLine('beforeAddSubscriber', COMMAND, 'ERR_BODY_NOT_UTF8', 'body is not valid UTF-8'),
  },
  'an empty body: refused in a 200': {
    webhook: subscriberGate(),
    send: post(signedUrl(), '', 'application/octet-stream'),
    status: 200,
    body: refusedBody('ERR_BODY_NOT_JSON', 'body is empty; a JSON object was expected'),
    headers: JSON_HEADERS,
    logged: refusedLine(
      'beforeAddSubscriber',
      COMMAND,
      'ERR_BODY_NOT_JSON',
      'body is empty; a JSON object was expected',
    ),
  },
  'a body against the schema: refused in a 200': {
    webhook: subscriberGate(),
    send: post(signedUrl(), { ...tencentExampleRequest, EventTime: 'yesterday' }),
    status: 200,
    body: refusedBody('ERR_BODY_INVALID', 'body.EventTime must be of type integer'),
    headers: JSON_HEADERS,
    logged: refusedLine('beforeAddSubscriber', COMMAND, 'ERR_BODY_INVALID', 'body.EventTime must be of type integer'),
  },
  "a body against the schema with onError 'allow': nobody refused, in a 200": {
    webhook: subscriberGate({ onError: 'allow' }),
    send: post(signedUrl(), { ...tencentExampleRequest, EventTime: 'yesterday' }),
    status: 200,
    body: proceedBody([]),
    headers: JSON_HEADERS,
    logged: refusedLine('beforeAddSubscriber', COMMAND, 'ERR_BODY_INVALID', 'body.EventTime must be of type integer'),
  },
  'a Content-Length over the limit: refused in a 200 before reading': {
    webhook: subscriberGate(),
    send: post(signedUrl(), tooLargeBody),
    status: 200,
    body: refusedBody('ERR_BODY_TOO_LARGE', `body is larger than ${LIMIT} bytes`),
    headers: CLOSING_HEADERS,
    logged: refusedLine('beforeAddSubscriber', COMMAND, 'ERR_BODY_TOO_LARGE', `body is larger than ${LIMIT} bytes`),
  },
  'a chunked body that grows over the limit: refused in a 200 without waiting for its end': {
    webhook: subscriberGate(),
    send: postPartially(signedUrl(), tooLargeBody, { 'Transfer-Encoding': 'chunked' }),
    status: 200,
    body: refusedBody('ERR_BODY_TOO_LARGE', `body is larger than ${LIMIT} bytes`),
    headers: CLOSING_HEADERS,
    logged: refusedLine('beforeAddSubscriber', COMMAND, 'ERR_BODY_TOO_LARGE', `body is larger than ${LIMIT} bytes`),
  },
  'a forged Sign: 401': {
    webhook: subscriberGate(),
    send: post(signedUrl({ token: 'forged-token' }), tencentExampleRequest),
    status: 401,
    body: failBody('ERR_SIGN_MISMATCH', 'Sign does not match the configured callback token'),
    headers: CLOSING_HEADERS,
    logged: {
      warn: [
        [
          `beforeAddSubscriber: ${COMMAND} answered 401 ERR_SIGN_MISMATCH: Sign does not match the configured callback token`,
        ],
      ],
    },
  },
  'another app: 403': {
    webhook: subscriberGate(),
    send: post(signedUrl({ sdkAppId: '1400000001' }), tencentExampleRequest),
    status: 403,
    body: failBody('ERR_SDKAPPID_MISMATCH'),
    headers: CLOSING_HEADERS,
    logged: {
      warn: [
        [
          `beforeAddSubscriber: ${COMMAND} answered 403 ERR_SDKAPPID_MISMATCH: query parameter SdkAppid is not the SDKAppID this webhook serves`,
        ],
      ],
    },
  },
  'a query parameter repeated with another value: 400': {
    webhook: subscriberGate(),
    send: post(`${signedUrl()}&SdkAppid=1400000001`, tencentExampleRequest),
    status: 400,
    body: failBody('ERR_QUERY_REPEATED', 'query parameter SdkAppid appears more than once, with different values'),
    headers: CLOSING_HEADERS,
    logged: {
      info: [
        [
          `beforeAddSubscriber: ${COMMAND} answered 400 ERR_QUERY_REPEATED: query parameter SdkAppid appears more than once, with different values`,
        ],
      ],
    },
  },
  'a query parameter repeated with the same value: read once, answered': {
    webhook: subscriberGate(),
    send: post(`${signedUrl()}&contenttype=json`, tencentExampleRequest),
    status: 200,
    body: tencentExampleReplyRefused,
    headers: JSON_HEADERS,
    seen: ['jared', 'leckie'],
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
    logged: {
      warn: [
        [
          `beforeAddSubscriber: 1 of 2 decision(s) for ${COMMAND} did not come before the deadline; onTimeout refused them`,
        ],
      ],
    },
  },
  'a body that never arrives: refused in a 200 at the deadline': {
    webhook: subscriberGate({ timeoutMs: 100 }),
    send: postPartially(signedUrl(), '{"CallbackCommand"', { 'Content-Length': '500' }),
    status: 200,
    body: refusedBody('ERR_BODY_TIMEOUT', 'body did not arrive before the deadline'),
    headers: CLOSING_HEADERS,
    logged: refusedLine('beforeAddSubscriber', COMMAND, 'ERR_BODY_TIMEOUT', 'body did not arrive before the deadline'),
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
    logged: {
      warn: [
        [
          'callbackRouter: Group.CallbackAfterNewMemberJoin answered 401 ERR_SIGN_MISSING: query parameter Sign is missing',
        ],
      ],
    },
  },
  'an unsigned command in array form through callbackRouter: 401, never passed on': {
    webhook: router(() => ({})),
    send: post(`${PATH}?CallbackCommand[]=Group.CallbackBeforeSendMsg`, otherFamily.json),
    status: 401,
    body: failBody('ERR_SIGN_MISSING', 'query parameter Sign is missing'),
    headers: CLOSING_HEADERS,
    logged: {
      warn: [
        [
          'callbackRouter: a callback without CallbackCommand answered 401 ERR_SIGN_MISSING: query parameter Sign is missing',
        ],
      ],
    },
  },
  "a signed callback without CallbackCommand, with unhandled 'ack': refused in a 200": {
    webhook: router(() => ({}), { unhandled: 'ack' }),
    send: post(withoutCommand(otherFamily.path), otherFamily.json),
    status: 200,
    body: {
      ActionStatus: 'OK',
      ErrorCode: 1,
      ErrorInfo: 'ERR_COMMAND_MISSING: query parameter CallbackCommand is missing',
    },
    headers: JSON_HEADERS,
    logged: {
      error: [
        [
          'callbackRouter: a callback without CallbackCommand refused before its handler ran: ERR_COMMAND_MISSING: query parameter CallbackCommand is missing',
        ],
      ],
    },
  },
  'a signed After-callback whose body is against the schema, through callbackRouter: refused in a 200': {
    webhook: router(() => ({ 'OfficialAccount.CallbackAfterAddSubscriber': () => undefined })),
    send: post(afterAdd.path, { ...afterAdd.body, EventTime: 'yesterday' }),
    status: 200,
    body: refusedBody('ERR_BODY_INVALID', 'body.EventTime must be of type integer'),
    headers: JSON_HEADERS,
    logged: refusedLine(
      'callbackRouter',
      'OfficialAccount.CallbackAfterAddSubscriber',
      'ERR_BODY_INVALID',
      'body.EventTime must be of type integer',
    ),
  },
};

describe.each(ADAPTER_KINDS)('on %s', (kind: AdapterKind) => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const { webhook, send, status, body, headers = {}, seen: expectedSeen = [], logged = {} } = CASES[name]!;
    const seen: unknown[] = [];
    const logger = silentLogger();
    const answer = await send(await adapterServer(kind, webhook(seen, logger)));
    expect({ status: answer.status, body: answer.body }).toEqual({ status, body });
    expect(answer.headers).toMatchObject(headers);
    expect(seen).toEqual(expectedSeen);
    expect({
      info: logger.info.mock.calls,
      warn: logger.warn.mock.calls,
      error: logger.error.mock.calls,
    }).toEqual({ info: [], warn: [], error: [], ...logged });
  });
});
