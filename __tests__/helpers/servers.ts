import http from 'node:http';
import express5 from 'express';
import express4 from 'express4';
import { REQUEST_TIME_PATTERN } from '../../lib/protocol/constants';
import { buildCallback } from '../../lib/testing';
import {
  beforeAddSubscriber,
  callbackRouter,
  computeSign,
  type CallbackRouterOptions,
  type BeforeAddSubscriberOptions,
  type DecideBatchOptions,
  type DecideEachOptions,
  type Logger,
} from '../../lib/index';

export const COMMAND = 'OfficialAccount.CallbackBeforeAddSubscriber';
export const PATH = '/im/callback';
export const TOKEN = 'xxxxyyyy';
export const SDK_APP_ID = '1400000000';

export type ServerKind = 'express5' | 'express4' | 'node:http';
export const SERVER_KINDS: ServerKind[] = ['express5', 'express4', 'node:http'];

/** What the handler after ours answers: proof that the request was passed on, with its raw body. */
export interface PassedOn {
  passedOn: true;
  method: string;
  rawBody: string;
}

/** The whole raw body, as text. */
export function readRaw(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The status of the handler after ours, which no reply of ours uses. */
export const PASSED_ON_STATUS = 299;

export function passedOn(method: string, rawBody: string): PassedOn {
  return { passedOn: true, method, rawBody };
}

/** The handler after ours on node's request and response: it answers with the raw body it read. */
export function passOn(req: http.IncomingMessage, res: http.ServerResponse): void {
  void readRaw(req).then((rawBody) => {
    res.writeHead(PASSED_ON_STATUS, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(passedOn(req.method ?? '', rawBody)));
  });
}

/**
 * A server with the middleware on PATH and, after it, a handler that reads the raw body and
 * answers 299, so a test can tell "passed on with the body untouched" from any reply of ours.
 */
export function serverWith(
  kind: ServerKind,
  options: Omit<DecideEachOptions, 'token'> | Omit<DecideBatchOptions, 'token'> | BeforeAddSubscriberOptions,
  setUp?: { parser?: 'json' | 'raw' | 'text' },
): http.Server {
  // Unsigned unless a test gives a token: most tests are about something other than authentication.
  const middleware = beforeAddSubscriber({
    logger: silentLogger(),
    token: false,
    ...options,
  } as BeforeAddSubscriberOptions);
  if (kind === 'node:http') {
    return http.createServer((req, res) => middleware(req, res, () => passOn(req, res)));
  }
  const express = kind === 'express5' ? express5 : express4;
  const app = express();
  if (setUp?.parser === 'json') app.use(express.json());
  if (setUp?.parser === 'raw') app.use(express.raw({ type: () => true }));
  if (setUp?.parser === 'text') app.use(express.text({ type: () => true }));
  app.use(PATH, middleware);
  app.use(passOn);
  return http.createServer(app);
}

/** A logger whose calls are recorded by jest. */
export function silentLogger(): jest.Mocked<Logger> {
  return { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
}

export interface CallbackQueryInput {
  command?: string;
  sdkAppId?: string | null;
  token?: string;
  requestTime?: string | number;
  sign?: string;
  extra?: Record<string, string>;
}

/**
 * The URL Tencent calls: PATH with every query parameter it sends, signed when a token is given,
 * built by the package's own buildCallback; the inputs a genuine request cannot have (no SdkAppid,
 * a Sign or RequestTime of one's own, extra parameters) are then set on its query.
 */
export function callbackUrl(input: CallbackQueryInput = {}): string {
  const requestTime = input.requestTime ?? Math.floor(Date.now() / 1000);
  const signable = input.token !== undefined && REQUEST_TIME_PATTERN.test(String(requestTime));
  const built = buildCallback({
    command: input.command ?? COMMAND,
    sdkAppId: input.sdkAppId ?? SDK_APP_ID,
    path: PATH,
    ...(signable ? { token: input.token, requestTime } : {}),
  });
  const query = new URLSearchParams(built.query as unknown as Record<string, string>);
  if (input.sdkAppId === null) query.delete('SdkAppid');
  if (input.token !== undefined && !signable) {
    query.set('RequestTime', String(requestTime));
    query.set('Sign', computeSign(input.token, requestTime));
  }
  if (input.sign !== undefined) {
    query.set('Sign', input.sign);
    if (input.token === undefined && input.requestTime !== undefined) query.set('RequestTime', String(requestTime));
  }
  for (const [name, value] of Object.entries(input.extra ?? {})) query.append(name, value);
  return `${PATH}?${query.toString()}`;
}

/** The FAIL body every non-200 answer carries, with its stable code at the start of ErrorInfo. */
export function failBody(code: string, info: string | RegExp = /.+/): object {
  return {
    ActionStatus: 'FAIL',
    ErrorCode: 1,
    ErrorInfo: expect.stringMatching(new RegExp(`^${code}: ${typeof info === 'string' ? escape(info) : info.source}`)),
  };
}

/**
 * The 200 reply that refuses a request which passed authentication but failed before its handler
 * ran: `ErrorCode` 1 with the reason's stable code at the start of ErrorInfo, as the command's
 * failure policy answers it (a gate's default `onError`, an After-callback, a generic handler).
 */
export function refusedBody(code: string, info: string | RegExp = /.+/): object {
  return {
    ActionStatus: 'OK',
    ErrorCode: 1,
    ErrorInfo: expect.stringMatching(new RegExp(`^${code}: ${typeof info === 'string' ? escape(info) : info.source}`)),
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The 200 reply that lets Tencent go on without these subscribers. */
export function proceedBody(refused: string[]): object {
  return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: refused };
}

/**
 * A server with callbackRouter on PATH and, after it, the same pass-on handler as `serverWith`,
 * so a test can tell "passed on with the body untouched" from any reply of ours.
 */
export function routerServerWith(
  kind: ServerKind,
  options: Omit<CallbackRouterOptions, 'token'> & { token?: CallbackRouterOptions['token'] },
): http.Server {
  const middleware = callbackRouter({ logger: silentLogger(), token: false, ...options });
  if (kind === 'node:http') {
    return http.createServer((req, res) => middleware(req, res, () => passOn(req, res)));
  }
  const express = kind === 'express5' ? express5 : express4;
  const app = express();
  app.use(PATH, middleware);
  app.use(passOn);
  return http.createServer(app);
}
