import http from 'node:http';
import request from 'supertest';
import type { DecisionContext, DecisionReport } from '../lib/index';
import { eventFor, tencentExampleRequest } from './fixtures';
import { ioUntil, watchTimersOf } from './helpers/deadline-timers';
import { close, listen } from './helpers/raw-http';
import { callbackUrl, COMMAND, proceedBody, serverWith, SERVER_KINDS, silentLogger } from './helpers/servers';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** Lets real I/O (sockets, not timers) make progress for a few turns of the event loop. */
async function letIoRun(turns = 20): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Sends Tencent's example with the given subscribers; `answered` tells whether the reply came yet. */
function send(server: http.Server, subscribers: string[] = ['jared', 'leckie']) {
  let answered = false;
  const response = request(server)
    .post(callbackUrl())
    .send(eventFor(subscribers))
    .then((res) => {
      answered = true;
      return res;
    });
  return { response, isAnswered: () => answered };
}

describe('the deadline, with fake timers', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it.each([
    ['refuse', ['jared', 'leckie']],
    ['allow', ['jared']],
  ] as const)(
    "replies exactly at timeoutMs with onTimeout '%s' for undecided subscribers, logs it, then leaves no timer",
    async (onTimeout, refused) => {
      const logger = silentLogger();
      const signals: AbortSignal[] = [];
      const leckieAsked = deferred<undefined>();
      const decide = (subscriber: string, { signal }: DecisionContext): boolean | Promise<boolean> => {
        signals.push(signal);
        if (subscriber === 'jared') return false;
        leckieAsked.resolve(undefined);
        return never();
      };
      const onDecision = jest.fn();
      const { response, isAnswered } = send(
        serverWith('node:http', { decide, onTimeout, timeoutMs: 1000, onDecision, logger }),
      );
      await leckieAsked.promise;

      jest.advanceTimersByTime(999);
      await letIoRun();
      expect(isAnswered()).toBe(false);
      expect(signals.map((signal) => signal.aborted)).toEqual([false, false]);

      jest.advanceTimersByTime(1);
      const res = await response;
      expect(res.status).toBe(200);
      expect(res.body).toEqual(proceedBody([...refused]));
      expect(signals[1]?.aborted).toBe(true);
      expect((signals[1]?.reason as DOMException).name).toBe('TimeoutError');
      expect(jest.getTimerCount()).toBe(0);
      expect(onDecision).toHaveBeenCalledWith(
        expect.objectContaining({ asked: 2, timedOut: 1, refused: refused.length, deadlineFired: true }),
      );
      expect(logger.warn.mock.calls.filter(([line]) => !line.includes('`token: false`'))).toEqual([
        [
          `beforeAddSubscriber: 1 of 2 decision(s) for ${COMMAND} did not come before the deadline; onTimeout ${onTimeout === 'allow' ? 'allowed' : 'refused'} them`,
        ],
      ]);
      expect(logger.error).not.toHaveBeenCalled();
    },
  );

  it('ignores a decision that arrives after the deadline, and logs a late rejection once, at warn', async () => {
    const late = deferred<boolean>();
    const lateFailure = deferred<boolean>();
    const alsoLate = deferred<boolean>();
    const unhandled = jest.fn();
    const logger = silentLogger();
    const thrown = new Error('too late');
    process.on('unhandledRejection', unhandled);
    try {
      const decides: Record<string, Promise<boolean>> = {
        jared: late.promise,
        leckie: lateFailure.promise,
        other: alsoLate.promise,
      };
      const decide = (subscriber: string): Promise<boolean> => decides[subscriber] ?? never();
      const { response } = send(serverWith('node:http', { decide, timeoutMs: 500, onTimeout: 'allow', logger }), [
        'jared',
        'leckie',
        'other',
      ]);
      await letIoRun();
      jest.advanceTimersByTime(500);
      const res = await response;
      late.resolve(false);
      lateFailure.reject(thrown);
      alsoLate.reject(new Error('also too late'));
      await letIoRun();
      expect(res.status).toBe(200);
      expect(res.body).toEqual(proceedBody([]));
      expect(unhandled).not.toHaveBeenCalled();
      expect(logger.warn.mock.calls.filter(([line]) => !line.includes('`token: false`'))).toEqual([
        [
          `beforeAddSubscriber: 3 of 3 decision(s) for ${COMMAND} did not come before the deadline; onTimeout allowed them`,
        ],
        [
          `beforeAddSubscriber: a decision for ${COMMAND} failed after the deadline`,
          expect.objectContaining({ code: 'ERR_DECIDE_FAILED', cause: thrown }),
        ],
      ]);
      expect(logger.error).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it.each([
    ['rejectRequest', { decide: () => true, rejectRequest: () => never<undefined>() }],
    ['decideBatch', { decideBatch: () => never<string[]>() }],
  ])('bounds %s by the same deadline and onTimeout', async (_name, options) => {
    const { response, isAnswered } = send(serverWith('node:http', { ...options, timeoutMs: 300 }));
    await letIoRun();
    jest.advanceTimersByTime(299);
    await letIoRun();
    expect(isAnswered()).toBe(false);
    jest.advanceTimersByTime(1);
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.body).toEqual(proceedBody(['jared', 'leckie']));
    expect(jest.getTimerCount()).toBe(0);
  });

  it('never starts the subscribers still queued when the deadline passes', async () => {
    const asked: string[] = [];
    const decide = (subscriber: string): Promise<boolean> => {
      asked.push(subscriber);
      return never();
    };
    const { response } = send(serverWith('node:http', { decide, concurrency: 2, timeoutMs: 100 }), [
      'a',
      'b',
      'c',
      'd',
    ]);
    await letIoRun();
    jest.advanceTimersByTime(100);
    const res = await response;
    expect(res.body).toEqual(proceedBody(['a', 'b', 'c', 'd']));
    await letIoRun();
    expect(asked).toEqual(['a', 'b']);
  });
});

describe('concurrency', () => {
  it.each([1, 3, 16])('keeps at most %i decisions in flight and decides everyone', async (concurrency) => {
    const subscribers = Array.from({ length: 10 }, (_, i) => `user_${i}`);
    let inFlight = 0;
    let maxInFlight = 0;
    const pending: Deferred<boolean>[] = [];
    const decide = (subscriber: string): Promise<boolean> => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const verdict = deferred<boolean>();
      pending.push(verdict);
      return verdict.promise
        .finally(() => {
          inFlight -= 1;
        })
        .then(() => !subscriber.endsWith('7'));
    };
    const { response } = send(serverWith('node:http', { decide, concurrency }), subscribers);
    // Settle decisions one at a time, oldest first, until all ten were asked and answered.
    for (let settled = 0; settled < subscribers.length; settled += 1) {
      while (pending.length <= settled) await letIoRun(1);
      expect(inFlight).toBeLessThanOrEqual(concurrency);
      pending[settled]?.resolve(true);
    }
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.body).toEqual(proceedBody(['user_7']));
    expect(maxInFlight).toBe(Math.min(concurrency, subscribers.length));
  });
});

describe.each(SERVER_KINDS)('failure policies on %s', (kind) => {
  const failingDecide = (subscriber: string): boolean | Promise<boolean> => {
    if (subscriber === 'jared') throw new Error('sync failure');
    if (subscriber === 'leckie') return Promise.reject(new Error('async failure'));
    if (subscriber === 'odd') return 'yes' as unknown as boolean;
    return true;
  };
  const subscribers = ['jared', 'leckie', 'odd', 'fine'];

  it.each([
    ['refuse (the default)', undefined, ['jared', 'leckie', 'odd']],
    ['refuse', 'refuse', ['jared', 'leckie', 'odd']],
    ['allow', 'allow', []],
  ] as const)('onError %s', async (_name, onError, refused) => {
    const logger = silentLogger();
    const res = await request(serverWith(kind, { decide: failingDecide, logger, ...(onError ? { onError } : {}) }))
      .post(callbackUrl())
      .send(eventFor(subscribers));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(proceedBody([...refused]));
    expect(res.text).not.toMatch(/failure/);
    expect(logger.error.mock.calls.map(([, error]) => (error as { code: string }).code)).toEqual([
      'ERR_DECIDE_FAILED',
      'ERR_DECIDE_FAILED',
      'ERR_DECIDE_RESULT_INVALID',
    ]);
  });

  it('onError as a function sees the original error, the subscriber and the context', async () => {
    const onError = jest.fn((error: unknown, subscriber: string, _context: DecisionContext) => {
      return subscriber === 'leckie' && (error as Error).message === 'async failure';
    });
    const res = await request(serverWith(kind, { decide: failingDecide, onError }))
      .post(callbackUrl())
      .send(eventFor(subscribers));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(proceedBody(['jared', 'odd']));
    expect(
      onError.mock.calls.map(([error, subscriber, context]) => [
        (error as Error).message,
        subscriber,
        context.event.Official_Account,
      ]),
    ).toEqual([
      ['sync failure', 'jared', '@TOA#_test_for_penn'],
      ['async failure', 'leckie', '@TOA#_test_for_penn'],
      [expect.stringContaining('decide returned string for subscriber "odd"'), 'odd', '@TOA#_test_for_penn'],
    ]);
  });

  it('refuses when onError itself throws, and logs it', async () => {
    const logger = silentLogger();
    const res = await request(
      serverWith(kind, {
        decide: () => Promise.reject(new Error('db down')),
        logger,
        onError: () => {
          throw new Error('policy bug');
        },
      }),
    )
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(proceedBody(['jared', 'leckie']));
    expect(logger.error.mock.calls.map(([, error]) => (error as { code: string }).code)).toContain(
      'ERR_ON_ERROR_FAILED',
    );
  });

  it('applies onError to every subscriber when rejectRequest throws, logging the failure once', async () => {
    const logger = silentLogger();
    const decide = jest.fn(() => true);
    const res = await request(
      serverWith(kind, {
        decide,
        logger,
        onError: 'allow',
        rejectRequest: () => {
          throw new Error('lookup failed');
        },
      }),
    )
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(proceedBody([]));
    expect(decide).not.toHaveBeenCalled();
    expect(logger.error.mock.calls.map(([, error]) => (error as { code: string }).code)).toEqual([
      'ERR_REJECT_REQUEST_FAILED',
    ]);
  });
});

describe.each(SERVER_KINDS)('decideBatch on %s', (kind) => {
  it.each([
    ['an array', (): string[] => ['leckie'], ['leckie']],
    ['a Set, async', async (): Promise<Set<string>> => new Set(['jared', 'stranger']), ['jared']],
    ['nobody', (): string[] => [], []],
  ])('refuses what it returns: %s', async (_name, decideBatch, refused) => {
    const res = await request(serverWith(kind, { decideBatch })).post(callbackUrl()).send(tencentExampleRequest);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(proceedBody(refused));
  });

  it('is called once with the distinct subscribers in order', async () => {
    const decideBatch = jest.fn((subscribers: readonly string[]) => subscribers.filter((s) => s.startsWith('x')));
    const res = await request(serverWith(kind, { decideBatch }))
      .post(callbackUrl())
      .send(eventFor(['xa', 'b', 'xa', 'c']));
    expect(res.body).toEqual(proceedBody(['xa']));
    expect(decideBatch.mock.calls.map(([subscribers]) => subscribers)).toEqual([['xa', 'b', 'c']]);
  });

  it.each([
    [
      'throws',
      (): string[] => {
        throw new Error('batch failed');
      },
      'ERR_DECIDE_FAILED',
    ],
    ['rejects', (): Promise<string[]> => Promise.reject(new Error('batch failed')), 'ERR_DECIDE_FAILED'],
    ['returns a string', (): string[] => 'jared' as unknown as string[], 'ERR_DECIDE_RESULT_INVALID'],
    ['returns numbers', (): string[] => [1] as unknown as string[], 'ERR_DECIDE_RESULT_INVALID'],
    ['returns nothing', (): string[] => undefined as unknown as string[], 'ERR_DECIDE_RESULT_INVALID'],
    ['returns null', (): string[] => null as unknown as string[], 'ERR_DECIDE_RESULT_INVALID'],
    ['returns a plain object', (): string[] => ({ jared: true }) as unknown as string[], 'ERR_DECIDE_RESULT_INVALID'],
  ])('treats every subscriber by onError when it %s', async (_name, decideBatch, code) => {
    const logger = silentLogger();
    const res = await request(serverWith(kind, { decideBatch, logger }))
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(proceedBody(['jared', 'leckie']));
    expect(logger.error.mock.calls.map(([, error]) => (error as { code: string }).code)).toEqual([code]);
  });
});

describe('no timer while nothing waits', () => {
  it.each([
    ['every decide answers at once: no deadline timer at all', (): boolean => true, 0],
    ['a decide returns a promise: one timer, cleared with the reply', (): Promise<boolean> => Promise.resolve(true), 1],
  ] as const)('%s', async (_name, decide, timers) => {
    const server = serverWith('node:http', { decide, timeoutMs: 60_000 });
    const port = await listen(server);
    const deadlineTimers = watchTimersOf(60_000);
    try {
      const response = await request(`http://127.0.0.1:${port}`).post(callbackUrl()).send(tencentExampleRequest);
      expect([response.status, response.body]).toEqual([200, proceedBody([])]);
      expect(deadlineTimers.started()).toBe(timers);
      expect(deadlineTimers.pending()).toBe(0);
    } finally {
      deadlineTimers.restore();
      await close(server);
    }
  });
});

describe('the signal and what is left behind', () => {
  it('aborts once the reply is sent', async () => {
    let signal: AbortSignal | undefined;
    const res = await request(serverWith('node:http', { decide: (_s, context) => ((signal = context.signal), true) }))
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(res.body).toEqual(proceedBody([]));
    expect(signal?.aborted).toBe(true);
    expect((signal?.reason as DOMException).name).toBe('AbortError');
  });

  it('aborts when the client goes away, sends nothing, and keeps serving', async () => {
    const asked = deferred<AbortSignal>();
    const onDecision = jest.fn();
    const server = serverWith('node:http', {
      decide: (subscriber, { signal }) => (subscriber === 'gone' ? (asked.resolve(signal), never<boolean>()) : true),
      timeoutMs: 60_000,
      onDecision,
    });
    const port = await listen(server);
    const deadlineTimers = watchTimersOf(60_000);
    try {
      const body = JSON.stringify(eventFor(['gone']));
      const client = http.request({ host: '127.0.0.1', port, path: callbackUrl(), method: 'POST' });
      client.on('error', () => undefined);
      client.end(body);
      const signal = await asked.promise;
      expect(signal.aborted).toBe(false);
      client.destroy();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      expect((signal.reason as DOMException).message).toBe('The client went away');
      await ioUntil(() => deadlineTimers.pending() === 0);
      expect(deadlineTimers.pending()).toBe(0);
      expect(onDecision).not.toHaveBeenCalled();

      const next = await request(server)
        .post(callbackUrl())
        .send(eventFor(['next']));
      expect([next.status, next.body]).toEqual([200, proceedBody([])]);
    } finally {
      deadlineTimers.restore();
      await close(server);
    }
  });

  it('cleans up after a client that goes away in the middle of its body', async () => {
    const decide = jest.fn(() => true);
    const server = serverWith('node:http', { decide, timeoutMs: 60_000 });
    const port = await listen(server);
    const deadlineTimers = watchTimersOf(60_000);
    try {
      const client = http.request({
        host: '127.0.0.1',
        port,
        path: callbackUrl(),
        method: 'POST',
        headers: { 'Content-Length': '1000' },
      });
      client.on('error', () => undefined);
      client.write('{"CallbackCommand":');
      // The request has reached the body read once its deadline timer runs.
      await ioUntil(() => deadlineTimers.pending() === 1);
      expect(deadlineTimers.pending()).toBe(1);
      client.destroy();
      await ioUntil(() => deadlineTimers.pending() === 0);
      expect(deadlineTimers.pending()).toBe(0);
      expect(decide).not.toHaveBeenCalled();
      const next = await request(server).post(callbackUrl()).send(tencentExampleRequest);
      expect([next.status, next.body]).toEqual([200, proceedBody([])]);
    } finally {
      deadlineTimers.restore();
      await close(server);
    }
  });
});

describe('deadlines that overlap or follow each other', () => {
  // Node may run a timer up to a millisecond before performance.now() says it is due.
  const TIMER_SLACK_MS = 5;

  /** A server whose decide answers 'now' at once and never answers anyone else. */
  function hangingServer(timeoutMs: number): http.Server {
    return serverWith('node:http', {
      decide: (subscriber) => (subscriber === 'now' ? true : never<boolean>()),
      timeoutMs,
    });
  }

  /** Sends one subscriber; resolves with the reply and how long it took. */
  async function timed(server: http.Server, subscriber: string) {
    const sentAt = performance.now();
    const res = await request(server)
      .post(callbackUrl())
      .send(eventFor([subscriber]));
    return { status: res.status, body: res.body as unknown, elapsedMs: performance.now() - sentAt };
  }

  it('fires a deadline on time when the one before it ended at once', async () => {
    const server = hangingServer(150);
    const first = await timed(server, 'now');
    expect([first.status, first.body]).toEqual([200, proceedBody([])]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const second = await timed(server, 'hang');
    expect([second.status, second.body]).toEqual([200, proceedBody(['hang'])]);
    expect(second.elapsedMs).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
  });

  it('fires overlapping deadlines each at its own time, oldest first', async () => {
    const server = hangingServer(160);
    const answered: string[] = [];
    const first = timed(server, 'first').then((result) => (answered.push('first'), result));
    await new Promise((resolve) => setTimeout(resolve, 60));
    const second = timed(server, 'second').then((result) => (answered.push('second'), result));
    const results = await Promise.all([first, second]);
    expect(results.map(({ status, body }) => [status, body])).toEqual([
      [200, proceedBody(['first'])],
      [200, proceedBody(['second'])],
    ]);
    for (const { elapsedMs } of results) expect(elapsedMs).toBeGreaterThanOrEqual(160 - TIMER_SLACK_MS);
    expect(answered).toEqual(['first', 'second']);
  });

  it('keeps deadlines of different durations apart', async () => {
    const answered: number[] = [];
    const results = await Promise.all(
      [230, 90].map((timeoutMs) =>
        timed(hangingServer(timeoutMs), 'hang').then((result) => (answered.push(timeoutMs), result)),
      ),
    );
    expect(results.map(({ status, body }) => [status, body])).toEqual([
      [200, proceedBody(['hang'])],
      [200, proceedBody(['hang'])],
    ]);
    expect(results[0]?.elapsedMs).toBeGreaterThanOrEqual(230 - TIMER_SLACK_MS);
    expect(results[1]?.elapsedMs).toBeGreaterThanOrEqual(90 - TIMER_SLACK_MS);
    expect(answered).toEqual([90, 230]);
  });
});

describe('onDecision', () => {
  it('reports each answered request once, after the reply', async () => {
    const reports: DecisionReport[] = [];
    const res = await request(
      serverWith('node:http', {
        decide: (subscriber) => subscriber !== 'jared',
        onDecision: (report) => {
          reports.push(report);
        },
      }),
    )
      .post(callbackUrl())
      .send(eventFor(['jared', 'leckie', 'jared']));
    expect(res.body).toEqual(proceedBody(['jared']));
    expect(reports).toEqual([
      {
        command: 'OfficialAccount.CallbackBeforeAddSubscriber',
        event: eventFor(['jared', 'leckie', 'jared']),
        asked: 2,
        allowed: 1,
        refused: 1,
        timedOut: 0,
        errored: 0,
        refusedMembers: ['jared'],
        rejectedReason: undefined,
        durationMs: expect.any(Number),
        deadlineFired: false,
      },
    ]);
    expect(reports[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a rejected request with its reason', async () => {
    const onDecision = jest.fn();
    await request(serverWith('node:http', { decide: () => true, rejectRequest: () => 'closed', onDecision }))
      .post(callbackUrl())
      .send(tencentExampleRequest);
    expect(onDecision).toHaveBeenCalledWith(
      expect.objectContaining({ rejectedReason: 'closed', asked: 2, refused: 0 }),
    );
  });

  it.each([
    [
      'throws',
      (): void => {
        throw new Error('metrics down');
      },
    ],
    ['rejects', (): Promise<void> => Promise.reject(new Error('metrics down'))],
  ])('never lets a failure touch the reply when it %s', async (_name, onDecision) => {
    const logger = silentLogger();
    const res = await request(serverWith('node:http', { decide: (s) => s !== 'jared', onDecision, logger }))
      .post(callbackUrl())
      .send(tencentExampleRequest);
    await letIoRun();
    expect(res.status).toBe(200);
    expect(res.body).toEqual(proceedBody(['jared']));
    expect(logger.error).toHaveBeenCalledWith(
      'beforeAddSubscriber: onDecision failed',
      expect.objectContaining({ code: 'ERR_ON_DECISION_FAILED' }),
    );
  });
});
