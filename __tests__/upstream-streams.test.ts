import http from 'node:http';
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import express5 from 'express';
import express4 from 'express4';
import request from 'supertest';
import { beforeAddSubscriber, type BeforeAddSubscriberOptions, type DecisionContext } from '../lib/index';
import { InternalError } from '../lib/errors';
import { eventFor, tencentExampleRequest } from './fixtures';
import { ioUntil } from './helpers/deadline-timers';
import { close, listen, readBodyNow } from './helpers/raw-http';
import {
  callbackUrl,
  COMMAND,
  PATH,
  refusedBody,
  serverWith,
  SERVER_KINDS,
  silentLogger,
  TOKEN,
  type ServerKind,
} from './helpers/servers';
import { bodyReadInFrontWarning } from '../lib/node/body-read-in-front';

// Before the fix some of these requests were never answered: fail fast instead of at jest's timeout.
const NO_HANG_MS = 3000;
const EXAMPLE_BYTES = Buffer.from(JSON.stringify(tencentExampleRequest));
const EXAMPLE_REPLY = '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedSubscribers_Account":["jared"]}';
const refuseJared = (subscriber: string): boolean => subscriber !== 'jared';

type BodyCarrying = http.IncomingMessage & { body?: unknown };
/** An app's own middleware in front of ours, written for node:http, Express 4 and 5 alike. */
type Upstream = (req: BodyCarrying, res: http.ServerResponse, next: (error?: unknown) => void) => void;

/** A server that runs `upstream`, then the signed middleware on PATH, then answers 299 for "passed on". */
function serverBehind(kind: ServerKind, upstream: Upstream, options: Partial<BeforeAddSubscriberOptions> = {}) {
  const middleware = beforeAddSubscriber({
    decide: refuseJared,
    token: TOKEN,
    logger: silentLogger(),
    ...options,
  } as BeforeAddSubscriberOptions);
  const passedOn = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.statusCode = 299;
    res.end();
  };
  if (kind === 'node:http') {
    return http.createServer((req, res) => upstream(req, res, () => middleware(req, res, () => passedOn(req, res))));
  }
  const app = kind === 'express5' ? express5() : express4();
  app.use(upstream);
  app.use(PATH, middleware);
  app.use(passedOn);
  return http.createServer(app);
}

/** Drains the request with `await stream.pipeline(req, collector)`, which leaves `req.destroyed` true. */
async function collectWithPipeline(req: BodyCarrying, keepBody: boolean): Promise<void> {
  const chunks: Buffer[] = [];
  const collector = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await pipeline(req, collector);
  if (keepBody) req.body = Buffer.concat(chunks);
}

function pipelineUpstream(keepBody: boolean): Upstream {
  return (req, _res, next) => void collectWithPipeline(req, keepBody).then(() => next(), next);
}

const pausingUpstream: Upstream = (req, _res, next) => {
  req.pause();
  next();
};

function signedPost(server: http.Server) {
  return request(server)
    .post(callbackUrl({ token: TOKEN }))
    .timeout(NO_HANG_MS);
}

// superagent JSON-encodes anything sent as application/json, a Buffer too; these bytes must go as they are.
const bytesAsTheyAre = ((bytes: Buffer) => bytes) as unknown as (body: unknown) => string;

function postBytes(server: http.Server, bytes: Buffer, headers: Record<string, string> = {}) {
  return signedPost(server).set(headers).serialize(bytesAsTheyAre).send(bytes);
}

function warningsAbout(logger: ReturnType<typeof silentLogger>, text: string): unknown[][] {
  return logger.warn.mock.calls.filter(([message]) => message.includes(text));
}

describe('bodies that a body parser in front decompressed', () => {
  const compress = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync };
  // Express 4's body-parser answers 415 to a br body itself, so that case never reaches us there.
  it.each([
    ['express4', 'json', 'gzip'],
    ['express4', 'json', 'deflate'],
    ['express4', 'raw', 'gzip'],
    ['express4', 'text', 'gzip'],
    ['express5', 'json', 'gzip'],
    ['express5', 'json', 'deflate'],
    ['express5', 'json', 'br'],
    ['express5', 'raw', 'gzip'],
    ['express5', 'text', 'gzip'],
  ] as const)(
    'on %s, express.%s() with a %s body: a signed request is answered 200',
    async (kind, parser, encoding) => {
      const server = serverWith(kind, { decide: refuseJared, token: TOKEN }, { parser });
      const response = await postBytes(server, compress[encoding](EXAMPLE_BYTES), {
        'Content-Type': 'application/json',
        'Content-Encoding': encoding,
      });
      expect(response.status).toBe(200);
      expect(response.text).toBe(EXAMPLE_REPLY);
    },
  );
});

describe.each(SERVER_KINDS)('on %s, behind an upstream middleware', (kind) => {
  it('that drained the stream with stream.pipeline and kept the bytes in req.body: answered 200', async () => {
    const response = await postBytes(serverBehind(kind, pipelineUpstream(true)), EXAMPLE_BYTES);
    expect(response.status).toBe(200);
    expect(response.text).toBe(EXAMPLE_REPLY);
  });

  it('that drained the stream with stream.pipeline and kept nothing: refused ERR_BODY_UNAVAILABLE in a 200', async () => {
    const logger = silentLogger();
    const response = await postBytes(serverBehind(kind, pipelineUpstream(false), { logger }), EXAMPLE_BYTES);
    const message = 'the request body was consumed before this middleware';
    expect(response.status).toBe(200);
    expect(response.body).toEqual(refusedBody('ERR_BODY_UNAVAILABLE', message));
    expect(response.headers['connection']).toBe('close');
    expect(logger.error.mock.calls).toEqual([
      [`beforeAddSubscriber: ${COMMAND} refused before its handler ran: ERR_BODY_UNAVAILABLE: ${message}`],
    ]);
  });

  it('that called req.pause(): the body is still read and answered 200, not 408', async () => {
    const response = await postBytes(serverBehind(kind, pausingUpstream), EXAMPLE_BYTES);
    expect(response.status).toBe(200);
    expect(response.text).toBe(EXAMPLE_REPLY);
  });
});

describe('the warning about a body parser in front', () => {
  it.each(['express4', 'express5'] as const)('is logged exactly once over two requests on %s', async (kind) => {
    const logger = silentLogger();
    const server = serverWith(kind, { decide: refuseJared, token: TOKEN, logger }, { parser: 'json' });
    for (const _attempt of [1, 2]) {
      const response = await signedPost(server).send(tencentExampleRequest);
      expect([response.status, response.text]).toEqual([200, EXAMPLE_REPLY]);
    }
    expect(warningsAbout(logger, 'before body parsers')).toEqual([
      [`beforeAddSubscriber${bodyReadInFrontWarning('express')}`],
    ]);
  });

  it('is logged once for any stage that read the stream first, here stream.pipeline on node:http', async () => {
    const logger = silentLogger();
    const server = serverBehind('node:http', pipelineUpstream(true), { logger });
    for (const _attempt of [1, 2]) {
      const response = await postBytes(server, EXAMPLE_BYTES);
      expect([response.status, response.text]).toEqual([200, EXAMPLE_REPLY]);
    }
    expect(warningsAbout(logger, 'before body parsers')).toEqual([
      [`beforeAddSubscriber${bodyReadInFrontWarning('other')}`],
    ]);
  });

  it.each(SERVER_KINDS)('is not logged on %s when the middleware reads the body itself', async (kind) => {
    const logger = silentLogger();
    const response = await signedPost(serverWith(kind, { decide: refuseJared, token: TOKEN, logger })).send(
      tencentExampleRequest,
    );
    expect([response.status, response.text]).toEqual([200, EXAMPLE_REPLY]);
    expect(warningsAbout(logger, 'before body parsers')).toEqual([]);
  });
});

describe('a client that really goes away after an upstream read its body', () => {
  const gzipJson: Upstream = express5.json();

  it.each([
    [
      'express5',
      'express.json() with a gzip body',
      gzipJson,
      { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    ],
    ['node:http', 'stream.pipeline', pipelineUpstream(true), {}],
  ] as const)(
    'on %s behind %s, gets no reply, and the next request is answered',
    async (kind, _name, upstream, headers) => {
      const asked: AbortSignal[] = [];
      const responses: http.ServerResponse[] = [];
      const onDecision = jest.fn();
      // Keeps the decision pending until the client has gone, then lets it finish.
      const decide = (subscriber: string, { signal }: DecisionContext): boolean | Promise<boolean> => {
        if (subscriber !== 'gone') return refuseJared(subscriber);
        asked.push(signal);
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(true)));
      };
      const recordResponse: Upstream = (req, res, next) => {
        responses.push(res);
        upstream(req, res, next);
      };
      const server = serverBehind(kind, recordResponse, { decide, onDecision, timeoutMs: 60_000 });
      const port = await listen(server);
      try {
        const body = JSON.stringify(eventFor(['gone']));
        const client = http.request({
          host: '127.0.0.1',
          port,
          path: callbackUrl({ token: TOKEN }),
          method: 'POST',
          headers,
        });
        client.on('error', () => undefined);
        client.end('Content-Encoding' in headers ? zlib.gzipSync(body) : body);
        await ioUntil(() => asked.length === 1);
        const [signal] = asked;
        expect(signal?.aborted).toBe(false);
        client.destroy();
        await ioUntil(() => signal?.aborted === true);
        expect((signal?.reason as DOMException).message).toBe('The client went away');
        await ioUntil(() => false, 20);
        expect(responses.map((res) => [res.headersSent, res.writableEnded])).toEqual([[false, false]]);
        expect(onDecision).not.toHaveBeenCalled();

        const next = await postBytes(
          server,
          'Content-Encoding' in headers ? zlib.gzipSync(EXAMPLE_BYTES) : EXAMPLE_BYTES,
          headers,
        );
        expect([next.status, next.text]).toEqual([200, EXAMPLE_REPLY]);
      } finally {
        await close(server);
      }
    },
  );
});

describe('readBody on a stream destroyed before it was read', () => {
  const notCancelled = { cancelled: false, onCancel: () => () => undefined };

  it('answers ERR_BODY_UNAVAILABLE instead of waiting for events that never come', async () => {
    const req = Object.assign(new PassThrough(), { complete: false, headers: {} });
    req.destroy();
    const outcome = await readBodyNow(req as unknown as http.IncomingMessage, 100, notCancelled);
    expect(outcome).toBeInstanceOf(InternalError);
    expect(outcome).toMatchObject({ code: 'ERR_BODY_UNAVAILABLE' });
    expect(req.listenerCount('data')).toBe(0);
  });

  it('reports a request whose client went away as not received', async () => {
    const req = Object.assign(new PassThrough(), { complete: false, headers: {} });
    req.destroy();
    const cancelled = { cancelled: true, onCancel: () => () => undefined };
    await expect(readBodyNow(req as unknown as http.IncomingMessage, 100, cancelled)).resolves.toBe('not-received');
  });
});
