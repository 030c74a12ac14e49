// Edges of the internal pieces that the HTTP tests cannot reach on purpose.
import http, { type IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import express from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { Deadline, type TimedCancellation } from '../lib/engine/deadline';
import { decideEach as decideItems } from '../lib/kinds/list-gate/decide-each';
import { memberDecider } from '../lib/kinds/list-gate/decide-request';
import { PayloadTooLargeError } from '../lib/errors';
import { normalizedPath, parseQuery } from '../lib/protocol/query';
import { RefusalLog } from '../lib/engine/log-lines';
import { settleBeforeAbort } from '../lib/engine/settle-before-abort';
import { computeSign, createSignVerifier } from '../lib/protocol/sign';
import { beforeAddSubscriber, type DecisionContext } from '../lib/index';
import { eventFor, eventWith, tencentExampleRequest } from './fixtures';
import { ioUntil, watchTimersOf } from './helpers/deadline-timers';
import { close, listen, readBodyNow, sendPartially } from './helpers/raw-http';
import { callbackUrl, PATH, proceedBody, refusedBody, serverWith, silentLogger } from './helpers/servers';

describe('parseQuery', () => {
  it.each([
    ['no URL', undefined],
    ['a URL without a query', '/im/callback'],
    ['an empty query', '/im/callback?'],
  ])('reads %s as no parameters', (_name, url) => {
    expect(parseQuery(url)).toEqual({
      query: { CallbackCommand: '' },
      commands: [],
      conflicting: [],
      namesTencentParameter: false,
    });
  });

  it('keeps the first value of a parameter repeated with other values and says so, once', () => {
    expect(parseQuery('/?Sign=a&Sign=b&Sign=c&__proto__=x&Other=1')).toEqual({
      query: { CallbackCommand: '', Sign: 'a' },
      commands: [],
      conflicting: ['Sign'],
      namesTencentParameter: true,
    });
  });

  it('reads a parameter repeated with the same value once, without complaint', () => {
    expect(parseQuery('/?contenttype=json&SdkAppid=1&contenttype=json')).toEqual({
      query: { CallbackCommand: '', contenttype: 'json', SdkAppid: '1' },
      commands: [],
      conflicting: [],
      namesTencentParameter: true,
    });
  });

  it.each([
    ['an array form', '/?CallbackCommand[]=Group.CallbackBeforeSendMsg'],
    ['an indexed array form', '/?Sign[0]=a'],
    ['another case', '/?callbackcommand=x'],
    ['an escaped name', '/?%53ign=x'],
  ])("tells one of Tencent's parameters in %s", (_name, url) => {
    expect(parseQuery(url).namesTencentParameter).toBe(true);
  });

  it('tells a query without any of them', () => {
    expect(parseQuery('/orders?page=2&sort=desc').namesTencentParameter).toBe(false);
  });
});

describe('RefusalLog', () => {
  const LINE = 'x: C answered 401 ERR_SIGN_MISMATCH: no';
  const WHAT = 'answered 401 ERR_SIGN_MISMATCH';

  function refusalLog(intervalMs = 1000) {
    let now = 0;
    const logger = silentLogger();
    const log = new RefusalLog(logger, 'x', intervalMs, () => now);
    return { log, logger, advance: (ms: number) => (now += ms) };
  }

  afterEach(() => jest.useRealTimers());

  it('logs the first of an interval, and the count of the rest once the interval ends', () => {
    jest.useFakeTimers();
    const { log, logger } = refusalLog();
    for (let index = 0; index < 3; index += 1) log.refused('warn', WHAT, LINE);
    expect(logger.warn.mock.calls).toEqual([[LINE]]);
    jest.advanceTimersByTime(1000);
    expect(logger.warn.mock.calls).toEqual([
      [LINE],
      ['x: 2 more request(s) answered 401 ERR_SIGN_MISMATCH in the last 1 s (one line per code, status and interval)'],
    ]);
  });

  it('logs the count first when the next refusal comes after the interval, before its timer fired', () => {
    jest.useFakeTimers();
    const { log, logger, advance } = refusalLog();
    log.refused('warn', WHAT, LINE);
    log.refused('warn', WHAT, LINE);
    advance(1500);
    log.refused('warn', WHAT, LINE);
    expect(logger.warn.mock.calls).toEqual([
      [LINE],
      ['x: 1 more request(s) answered 401 ERR_SIGN_MISMATCH in the last 1 s (one line per code, status and interval)'],
      [LINE],
    ]);
    // The timer of the interval that ended has gone with it: nothing more is logged.
    jest.runAllTimers();
    expect(logger.warn).toHaveBeenCalledTimes(3);
  });

  it('logs a lone refusal of each interval in full, with no count', () => {
    const { log, logger, advance } = refusalLog(200);
    log.refused('info', WHAT, LINE);
    advance(200);
    log.refused('info', WHAT, LINE);
    expect(logger.info.mock.calls).toEqual([[LINE], [LINE]]);
  });

  it('keeps refusals of one code with different statuses apart', () => {
    const { log, logger } = refusalLog();
    log.refused('info', 'answered 400 ERR_QUERY_REPEATED', 'a 400');
    log.refused('warn', 'answered 401 ERR_QUERY_REPEATED', 'a 401');
    expect([logger.info.mock.calls, logger.warn.mock.calls]).toEqual([[['a 400']], [['a 401']]]);
  });

  it('works where timers are numbers, without unref', () => {
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation((() => 7) as unknown as typeof setTimeout);
    try {
      const { log, logger } = refusalLog();
      log.refused('warn', WHAT, LINE);
      log.refused('warn', WHAT, LINE);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('logs in a duration its reader can take in: 300 ms, 1.5 s', () => {
    jest.useFakeTimers();
    for (const [intervalMs, shown] of [
      [300, '300 ms'],
      [1500, '1.5 s'],
    ] as const) {
      const { log, logger } = refusalLog(intervalMs);
      log.refused('warn', WHAT, LINE);
      log.refused('warn', WHAT, LINE);
      jest.advanceTimersByTime(intervalMs);
      expect(logger.warn.mock.calls[1]?.[0]).toContain(`in the last ${shown} (`);
    }
  });
});

describe('normalizedPath', () => {
  it.each([
    ['/im/callback', '/im/callback'],
    ['/IM/CALLBACK', '/im/callback'],
    ['/im/callback/', '/im/callback'],
    ['/im//callback//', '/im/callback'],
    ['/im/%63allback', '/im/callback'],
    ['/im/callback;x=1', '/im/callback'],
    ['/im/callback%3Bx', '/im/callback'],
    ['/im/callback?Sign=1', '/im/callback'],
    ['https://example.com/im/callback?x', '/im/callback'],
    ['https://example.com', '/'],
    ['/im/%E0%A4%A', '/im/%e0%a4%a'],
    ['/im/%63allback;%zz', '/im/callback'],
    ['/IM/%63allback;%E0', '/im/callback'],
    ['/im/%63allback%zz', '/im/callback%zz'],
    ['/im/%E0/%63allback', '/im/%e0/callback'],
    ['/', '/'],
    ['', '/'],
  ])('reads %s as %s', (url, expected) => {
    expect(normalizedPath(url)).toBe(expected);
  });
});

describe('parseQuery reads every query exactly as URLSearchParams does', () => {
  const KNOWN = ['CallbackCommand', 'SdkAppid', 'contenttype', 'ClientIP', 'OptPlatform', 'Sign', 'RequestTime'];

  /** The reading parseQuery must agree with: every known name's values, in order. */
  function byURLSearchParams(search: string): Record<string, string[]> {
    const seen: Record<string, string[]> = {};
    for (const [name, value] of new URLSearchParams(search)) {
      if (KNOWN.includes(name)) (seen[name] ??= []).push(value);
    }
    return seen;
  }

  const pieces = fc.constantFrom(...KNOWN, '=', '&', '?', '%', '%41', '%4', '+', ' ', 'a', '1', '#', 'Sign=', '=x');
  const searches = fc.array(pieces, { maxLength: 24 }).map((parts) => parts.join(''));

  it('for any string made of names, separators and escapes', () => {
    fc.assert(
      fc.property(searches, (search) => {
        const parsed = parseQuery(`/im/callback?${search}`);
        const expected = byURLSearchParams(search);
        const firstValues = Object.fromEntries(Object.entries(expected).map(([name, values]) => [name, values[0]]));
        expect(parsed.query).toEqual({ CallbackCommand: '', ...firstValues });
        expect(parsed.commands).toEqual(expected['CallbackCommand'] ?? []);
        expect([...parsed.conflicting].sort()).toEqual(
          Object.keys(expected)
            .filter((name) => new Set(expected[name]).size > 1)
            .sort(),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

/** A cancellation that has already fired, or one that never will. */
function cancellation(cancelled: boolean): TimedCancellation {
  return { cancelled, cancelledNow: () => cancelled, onCancel: () => () => undefined };
}

/** 'a' answers asynchronously; any other subscriber is a slow synchronous decision that runs into the deadline. */
function deadlinePassingAfterA() {
  let deadlinePassed = false;
  const clock: TimedCancellation = {
    cancelled: false,
    cancelledNow: () => deadlinePassed,
    onCancel: () => () => undefined,
  };
  const decide = jest.fn((subscriber: string): boolean | Promise<boolean> => {
    if (subscriber === 'a') return Promise.resolve(true);
    deadlinePassed = true;
    return true;
  });
  return { clock, decide };
}

/** The list gate's way of deciding each subscriber, as the gate calls it. */
function decideEach(
  subscribers: readonly string[],
  decide: (subscriber: string) => unknown,
  context: DecisionContext,
  concurrency: number,
  cancellation: TimedCancellation,
) {
  return decideItems(subscribers, memberDecider(decide, context as never, 'subscriber'), concurrency, cancellation);
}

describe('decideEach', () => {
  const context: DecisionContext = {
    event: tencentExampleRequest,
    query: { CallbackCommand: 'x' },
    signal: new AbortController().signal,
  };

  it('times everyone out without asking when already cancelled', async () => {
    const decide = jest.fn(() => true);
    await expect(Promise.resolve(decideEach(['a', 'b'], decide, context, 2, cancellation(true)))).resolves.toEqual([
      'timed-out',
      'timed-out',
    ]);
    expect(decide).not.toHaveBeenCalled();
  });

  it('resolves at once for nobody', async () => {
    // Synchronously, with no promise: nothing is pending.
    expect(decideEach([], () => true, context, 1, cancellation(false))).toEqual([]);
  });

  it('names null among invalid verdicts', async () => {
    const [outcome] = await decideEach(['a'], () => null as unknown as boolean, context, 1, cancellation(false));
    const error = expect.objectContaining({
      code: 'ERR_DECIDE_RESULT_INVALID',
      message: expect.stringContaining('decide returned null'),
    });
    expect(outcome).toEqual({ error, thrown: error });
  });

  it('after an asynchronous decision, counts no synchronous answer past the deadline and starts nobody', async () => {
    const { clock, decide } = deadlinePassingAfterA();
    await expect(decideEach(['a', 'b', 'c'], decide, context, 1, clock)).resolves.toEqual([
      'allowed',
      'timed-out',
      'timed-out',
    ]);
    expect(decide.mock.calls.map(([subscriber]) => subscriber)).toEqual(['a', 'b']);
  });

  it('answers at once, not a turn later, when the deadline passes during the calls it starts at once', () => {
    const { clock, decide } = deadlinePassingAfterA();
    // 'a' is still pending when 'b' runs into the deadline: everything is settled there and then.
    expect(decideEach(['a', 'b', 'c'], decide, context, 2, clock)).toEqual(['timed-out', 'timed-out', 'timed-out']);
    expect(decide.mock.calls.map(([subscriber]) => subscriber)).toEqual(['a', 'b']);
  });

  it('finishes when the client goes away inside the last decide call, which returned a promise', async () => {
    const deadline = new Deadline(60_000);
    try {
      const decide = (subscriber: string): Promise<boolean> => {
        if (subscriber === 'b') deadline.clientGone();
        return new Promise<boolean>(() => undefined);
      };
      await expect(Promise.resolve(decideEach(['a', 'b'], decide, context, 2, deadline))).resolves.toEqual([
        'timed-out',
        'timed-out',
      ]);
    } finally {
      deadline.end();
    }
  });

  it('keeps the synchronous decisions made before an asynchronous one and decides the rest', async () => {
    const decide = jest.fn((subscriber: string): boolean | Promise<boolean> =>
      subscriber === 'b' ? Promise.resolve(false) : subscriber !== 'd',
    );
    await expect(decideEach(['a', 'b', 'c', 'd'], decide, context, 2, cancellation(false))).resolves.toEqual([
      'allowed',
      'refused',
      'allowed',
      'refused',
    ]);
    expect(decide.mock.calls.map(([subscriber]) => subscriber)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('settleBeforeAbort', () => {
  it('does not start work once the signal has aborted', async () => {
    const work = jest.fn(() => 1);
    await expect(settleBeforeAbort(cancellation(true), work)).resolves.toEqual({ aborted: true });
    expect(work).not.toHaveBeenCalled();
  });

  it('is aborted when the client goes away inside the work, which returned a promise', async () => {
    const deadline = new Deadline(60_000);
    try {
      const work = (): Promise<number> => {
        deadline.clientGone();
        return new Promise<number>(() => undefined);
      };
      await expect(settleBeforeAbort(deadline, work)).resolves.toEqual({ aborted: true });
    } finally {
      deadline.end();
    }
  });
});

describe('createSignVerifier', () => {
  const verify = createSignVerifier(['first', 'second']);

  it.each(['', 'abc', 'g'.repeat(64), `${computeSign('first', 1)}00`])(
    'refuses the malformed Sign %j without throwing',
    (sign) => {
      expect(verify(sign, '1')).toBe(false);
    },
  );

  it('matches any of the tokens, for whichever RequestTime comes, however they alternate', () => {
    // The verifier keeps the digests of the last RequestTime: alternating must not confuse it.
    const checks = [7, 8, 7, 7, 9, 8].flatMap((time) => [
      verify(computeSign('second', time), String(time)),
      verify(computeSign('first', time), String(time)),
      verify(computeSign('second', time + 1), String(time)),
      verify(computeSign('third', time), String(time)),
    ]);
    expect(checks).toEqual([7, 8, 7, 7, 9, 8].flatMap(() => [true, true, false, false]));
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
    const outcome = readBodyNow(req as unknown as IncomingMessage, 4, cancellation(false));
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
    const outcome = readBodyNow(req as unknown as IncomingMessage, 100, cancellation(false));
    req.write('{"a"');
    interrupt(req);
    await expect(outcome).resolves.toBe('not-received');
    expect(['data', 'end', 'error', 'close'].map((event) => req.listenerCount(event))).toEqual([0, 0, 0, 0]);
  });

  it('ignores a close that comes after a complete body', async () => {
    const req = fakeRequest();
    const outcome = readBodyNow(req as unknown as IncomingMessage, 100, cancellation(false));
    req.complete = true;
    req.emit('close');
    req.end('{}');
    await expect(outcome).resolves.toEqual(Buffer.from('{}'));
  });

  it('reads nothing when already cancelled', async () => {
    const req = fakeRequest();
    await expect(readBodyNow(req as unknown as IncomingMessage, 100, cancellation(true))).resolves.toBe('not-received');
    expect(req.listenerCount('data')).toBe(0);
  });
});

describe('odd set-ups around the middleware', () => {
  // A string in req.body is taken as raw text (express.text), so the non-object here is a number.
  it('validates a non-object that express.json({ strict: false }) produced, and refuses it in a 200', async () => {
    const app = express();
    const logger = silentLogger();
    const decide = jest.fn(() => true);
    app.use(express.json({ strict: false }));
    app.use(PATH, beforeAddSubscriber({ decide, token: false, logger }));
    const response = await request(app).post(callbackUrl()).set('Content-Type', 'application/json').send('42');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(refusedBody('ERR_BODY_INVALID', 'body must be of type object'));
    expect(decide).not.toHaveBeenCalled();
    expect(logger.error.mock.calls).toEqual([
      [
        'beforeAddSubscriber: OfficialAccount.CallbackBeforeAddSubscriber refused before its handler ran: ERR_BODY_INVALID: body must be of type object',
      ],
    ]);
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
    app.use(PATH, beforeAddSubscriber({ decide: () => decided, token: false, logger: silentLogger() }));
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

describe('what review found', () => {
  it('reads a generator returned by decideBatch once, and refuses what it yields', async () => {
    const decideBatch = function* (subscribers: readonly string[]): Generator<string> {
      for (const subscriber of subscribers) if (subscriber === 'jared') yield subscriber;
    };
    const response = await request(serverWith('node:http', { decideBatch }))
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
  });

  it.each([
    ['an empty string', ''],
    ['false', false],
    ['null', null],
  ])('goes on when rejectRequest returns %s', async (_name, verdict) => {
    const response = await request(
      serverWith('node:http', { decide: (s) => s !== 'jared', rejectRequest: () => verdict as string | null }),
    )
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared']));
  });

  it.each([
    ['true', true],
    ['a number', 1],
    ['an object', { reason: 'no' }],
  ])('treats rejectRequest returning %s as a failure settled by onError', async (_name, verdict) => {
    const logger = silentLogger();
    const decide = jest.fn(() => true);
    const response = await request(
      serverWith('node:http', { decide, logger, rejectRequest: () => verdict as unknown as string }),
    )
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(['jared', 'leckie']));
    expect(decide).not.toHaveBeenCalled();
    expect(logger.error.mock.calls.map(([, error]) => (error as { code: string }).code)).toEqual([
      'ERR_REJECT_REQUEST_RESULT_INVALID',
    ]);
  });

  it('handles a decide thenable whose then throws', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const brokenThenable = {
        then(): never {
          throw new Error('broken then');
        },
      };
      const decide = (subscriber: string): boolean | Promise<boolean> =>
        subscriber === 'jared' ? (brokenThenable as unknown as Promise<boolean>) : true;
      const response = await request(serverWith('node:http', { decide }))
        .post(callbackUrl())
        .send(tencentExampleRequest);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(proceedBody(['jared']));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('logs an onDecision that returns a rejecting thenable that is not a native promise', async () => {
    const logger = silentLogger();
    const onDecision = (): Promise<void> =>
      ({
        then: (_resolve: unknown, reject: (error: Error) => void) => reject(new Error('metrics down')),
      }) as unknown as Promise<void>;
    const response = await request(serverWith('node:http', { decide: () => true, onDecision, logger }))
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(response.body).toEqual(proceedBody([]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.error).toHaveBeenCalledWith(
      'beforeAddSubscriber: onDecision failed',
      expect.objectContaining({ code: 'ERR_ON_DECISION_FAILED' }),
    );
  });

  it('does no work for a client that left before the middleware ran', async () => {
    const decide = jest.fn(() => true);
    const onDecision = jest.fn();
    const app = express();
    let arrived = (): void => undefined;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const reachedUs = new Promise<void>((resolve) => {
      // A slow middleware in front: the client is gone by the time it calls next().
      app.use((_req, res, next) => {
        arrived();
        res.once('close', () => {
          next();
          setImmediate(resolve);
        });
      });
    });
    app.use(PATH, beforeAddSubscriber({ decide, token: false, onDecision, logger: silentLogger(), timeoutMs: 60_000 }));
    const server = http.createServer(app);
    const port = await listen(server);
    const deadlineTimers = watchTimersOf(60_000);
    try {
      const client = http.request({ host: '127.0.0.1', port, path: callbackUrl(), method: 'POST' });
      client.on('error', () => undefined);
      client.write(JSON.stringify(tencentExampleRequest));
      await requestArrived;
      client.destroy();
      await reachedUs;
      await ioUntil(() => deadlineTimers.pending() === 0);
      expect(deadlineTimers.pending()).toBe(0);
      expect(decide).not.toHaveBeenCalled();
      expect(onDecision).not.toHaveBeenCalled();
    } finally {
      deadlineTimers.restore();
      await close(server);
    }
  });

  it('refuses in a 200 from a declared Content-Length alone, before any byte of the body', async () => {
    const server = serverWith('node:http', { decide: () => true, bodyLimitBytes: 1000 });
    const port = await listen(server);
    try {
      const response = await sendPartially(port, callbackUrl(), Buffer.from('{'), { 'Content-Length': '1001' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(refusedBody('ERR_BODY_TOO_LARGE', 'body is larger than 1000 bytes'));
      expect(response.headers.connection).toBe('close');
    } finally {
      await close(server);
    }
  });

  it('decides a list of 2000 subscribers that fits the default body limit', async () => {
    const subscribers = Array.from({ length: 2000 }, (_, index) => `u${index}`);
    const response = await request(serverWith('express4', { decide: (s) => !s.endsWith('7') }))
      .post(callbackUrl())
      .send(eventFor(subscribers));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(proceedBody(subscribers.filter((s) => s.endsWith('7'))));
  });
});
