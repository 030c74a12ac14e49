// Edges of the internal pieces that the HTTP tests cannot reach on purpose.
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { decideEach } from '../lib/decide-each';
import { PayloadTooLargeError } from '../lib/errors';
import { parseQuery } from '../lib/parse-query';
import { readBody } from '../lib/read-body';
import { settleBeforeAbort } from '../lib/settle-before-abort';
import { computeSign, signMatchesAnyToken } from '../lib/sign';
import { beforeAddSubscriber, type DecisionContext } from '../lib/index';
import { eventWith, tencentExampleRequest } from './fixtures';
import { callbackUrl, failBody, PATH, proceedBody, serverWith, silentLogger } from './helpers/servers';

describe('parseQuery', () => {
  it.each([
    ['no URL', undefined],
    ['a URL without a query', '/im/callback'],
    ['an empty query', '/im/callback?'],
  ])('reads %s as no parameters', (_name, url) => {
    expect(parseQuery(url)).toEqual({ query: { CallbackCommand: '' }, commands: [], repeated: [] });
  });

  it('keeps the first value of a repeated parameter and says it was repeated, once', () => {
    expect(parseQuery('/?Sign=a&Sign=b&Sign=c&__proto__=x&Other=1')).toEqual({
      query: { CallbackCommand: '', Sign: 'a' },
      commands: [],
      repeated: ['Sign'],
    });
  });
});

describe('decideEach', () => {
  const context = (signal: AbortSignal): DecisionContext => ({
    event: tencentExampleRequest,
    query: { CallbackCommand: 'x' },
    signal,
  });

  it('times everyone out without asking when the signal has already aborted', async () => {
    const decide = jest.fn(() => true);
    await expect(decideEach(['a', 'b'], decide, context(AbortSignal.abort()), 2)).resolves.toEqual([
      'timed-out',
      'timed-out',
    ]);
    expect(decide).not.toHaveBeenCalled();
  });

  it('resolves at once for nobody', async () => {
    await expect(decideEach([], () => true, context(new AbortController().signal), 1)).resolves.toEqual([]);
  });

  it('names null among invalid verdicts', async () => {
    const [outcome] = await decideEach(
      ['a'],
      () => null as unknown as boolean,
      context(new AbortController().signal),
      1,
    );
    expect(outcome).toEqual({
      error: expect.objectContaining({
        code: 'ERR_DECIDE_RESULT_INVALID',
        message: expect.stringContaining('decide returned null'),
      }),
    });
  });
});

describe('settleBeforeAbort', () => {
  it('does not start work once the signal has aborted', async () => {
    const work = jest.fn(() => 1);
    await expect(settleBeforeAbort(AbortSignal.abort(), work)).resolves.toEqual({ aborted: true });
    expect(work).not.toHaveBeenCalled();
  });
});

describe('signMatchesAnyToken', () => {
  it.each(['', 'abc', 'g'.repeat(64), `${computeSign('t', 1)}00`])(
    'refuses the malformed Sign %j without throwing',
    (sign) => {
      expect(signMatchesAnyToken(sign, '1', ['t'])).toBe(false);
    },
  );

  it('matches the right token among several', () => {
    expect(signMatchesAnyToken(computeSign('second', 7), '7', ['first', 'second'])).toBe(true);
  });
});

describe('readBody', () => {
  function fakeRequest(
    headers: Record<string, string> = {},
  ): PassThrough & { complete: boolean; headers: Record<string, string> } {
    return Object.assign(new PassThrough(), { complete: false, headers });
  }

  it('stops at the first byte over the limit and pauses the stream', async () => {
    const req = fakeRequest();
    const outcome = readBody(req as unknown as IncomingMessage, 4, new AbortController().signal);
    req.write('12345');
    await expect(outcome).resolves.toBeInstanceOf(PayloadTooLargeError);
    expect(req.isPaused()).toBe(true);
    expect(req.listenerCount('data')).toBe(0);
  });

  it.each([
    ['an error', (req: PassThrough) => req.emit('error', new Error('ECONNRESET'))],
    ['a close before the end', (req: PassThrough) => req.emit('close')],
  ])('gives up on %s and removes its listeners', async (_name, interrupt) => {
    const req = fakeRequest();
    const outcome = readBody(req as unknown as IncomingMessage, 100, new AbortController().signal);
    req.write('{"a"');
    interrupt(req);
    await expect(outcome).resolves.toBe('not-received');
    expect(['data', 'end', 'error', 'close'].map((event) => req.listenerCount(event))).toEqual([0, 0, 0, 0]);
  });

  it('ignores a close that comes after a complete body', async () => {
    const req = fakeRequest();
    const outcome = readBody(req as unknown as IncomingMessage, 100, new AbortController().signal);
    req.complete = true;
    req.emit('close');
    req.end('{}');
    await expect(outcome).resolves.toEqual(Buffer.from('{}'));
  });

  it('reads nothing when the signal has already aborted', async () => {
    const req = fakeRequest();
    await expect(readBody(req as unknown as IncomingMessage, 100, AbortSignal.abort())).resolves.toBe('not-received');
    expect(req.listenerCount('data')).toBe(0);
  });
});

describe('odd set-ups around the middleware', () => {
  // A string in req.body is taken as raw text (express.text), so the non-object here is a number.
  it('validates a non-object that express.json({ strict: false }) produced', async () => {
    const app = express();
    app.use(express.json({ strict: false }));
    app.use(PATH, beforeAddSubscriber({ decide: () => true, logger: silentLogger() }));
    const response = await request(app).post(callbackUrl()).set('Content-Type', 'application/json').send('42');
    expect(response.status).toBe(400);
    expect(response.body).toEqual(failBody('ERR_BODY_INVALID', 'body must be of type object'));
  });

  it('stays quiet when something else answered first, while decisions ran', async () => {
    const app = express();
    let release: (verdict: boolean) => void = () => undefined;
    const decided = new Promise<boolean>((resolve) => (release = resolve));
    app.use((_req, res, next) => {
      // A request-timeout middleware of the app's own answers before we do.
      setTimeout(() => {
        res.status(503).json({ timedOutBy: 'app' });
        release(true);
      }, 5);
      next();
    });
    app.use(PATH, beforeAddSubscriber({ decide: () => decided, logger: silentLogger() }));
    const response = await request(app).post(callbackUrl()).send(tencentExampleRequest);
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ timedOutBy: 'app' });
  });

  it('logs at most 32 distinct unknown OptPlatform values', async () => {
    const logger = silentLogger();
    const server = serverWith('node:http', { decide: () => true, logger });
    for (let index = 0; index < 34; index += 1) {
      const response = await request(server)
        .post(callbackUrl().replace('OptPlatform=RESTAPI', `OptPlatform=Platform${index}`))
        .send(eventWith());
      expect(response.body).toEqual(proceedBody([]));
    }
    expect(logger.warn.mock.calls.filter(([message]) => message.includes('unknown OptPlatform'))).toHaveLength(32);
  });
});
