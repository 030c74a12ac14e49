// A fault of the app's own callbacks is settled by onError (or onTimeout) in a 200 reply: never a
// 500, a hang past Tencent's wait, or a crashed process. Tencent adds everyone on a failed callback.
import type http from 'node:http';
import request from 'supertest';
import type { DecisionContext, DecisionReport } from '../lib/index';
import { eventFor } from './fixtures';
import { callbackUrl, proceedBody, serverWith, SERVER_KINDS, silentLogger } from './helpers/servers';

const unhandledRejections = jest.fn();
beforeEach(() => {
  unhandledRejections.mockClear();
  process.on('unhandledRejection', unhandledRejections);
});
afterEach(() => {
  process.off('unhandledRejection', unhandledRejections);
});

/** Lets I/O and any late rejection run for a few turns of the event loop. */
async function letIoRun(turns = 20): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Nothing was left unhandled, and the same server still answers a normal request correctly. */
async function expectStillServing(server: http.Server): Promise<void> {
  await letIoRun();
  expect(unhandledRejections).not.toHaveBeenCalled();
  const next = await request(server)
    .post(callbackUrl())
    .send(eventFor(['jared', 'leckie']));
  expect([next.status, next.body]).toEqual([200, proceedBody(['leckie'])]);
}

function loggedCodes(logger: ReturnType<typeof silentLogger>): string[] {
  return logger.error.mock.calls.map(([, error]) => (error as { code: string }).code);
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** Values whose mere inspection (`then`, `constructor`) throws; made fresh for each call. */
const HOSTILE_VALUES: [string, () => unknown][] = [
  ['a revoked Proxy', revokedProxy],
  [
    'an object whose then getter throws',
    () => ({
      get then(): never {
        throw new Error('then getter');
      },
    }),
  ],
  [
    'a promise whose constructor getter throws',
    () =>
      Object.defineProperty(Promise.resolve(true), 'constructor', {
        get(): never {
          throw new Error('constructor getter');
        },
      }),
  ],
];

/** Allows everyone but leckie; `hostile` gets the hostile value. */
function decideWith(hostile: () => unknown) {
  return (subscriber: string): boolean | Promise<boolean> =>
    subscriber === 'hostile' ? (hostile() as boolean) : subscriber !== 'leckie';
}

describe.each(SERVER_KINDS)('hostile values on %s', (kind) => {
  describe.each(HOSTILE_VALUES)('%s', (_name, hostile) => {
    it('from decide, among the first calls: refused by onError, 200', async () => {
      const logger = silentLogger();
      const server = serverWith(kind, { decide: decideWith(hostile), logger });
      const res = await request(server)
        .post(callbackUrl())
        .send(eventFor(['hostile', 'jared']));
      expect([res.status, res.body]).toEqual([200, proceedBody(['hostile'])]);
      expect(loggedCodes(logger)).toEqual(['ERR_DECIDE_FAILED']);
      await expectStillServing(server);
    });

    it('from decide, past the concurrency window: refused by onError, nothing unhandled', async () => {
      const logger = silentLogger();
      const onDecision = jest.fn<undefined, [DecisionReport]>();
      // Concurrency 1 and an asynchronous first verdict: `hostile` is started from a promise callback.
      const decide = (subscriber: string): boolean | Promise<boolean> =>
        subscriber === 'first' ? Promise.resolve(true) : decideWith(hostile)(subscriber);
      const server = serverWith(kind, { decide, logger, concurrency: 1, onDecision });
      const res = await request(server)
        .post(callbackUrl())
        .send(eventFor(['first', 'hostile', 'jared']));
      expect([res.status, res.body]).toEqual([200, proceedBody(['hostile'])]);
      expect(loggedCodes(logger)).toEqual(['ERR_DECIDE_FAILED']);
      expect(onDecision).toHaveBeenCalledWith(expect.objectContaining({ errored: 1, timedOut: 0 }));
      await expectStillServing(server);
    });

    it('from rejectRequest: everyone settled by onError, 200', async () => {
      const logger = silentLogger();
      const server = serverWith(kind, {
        decide: decideWith(hostile),
        logger,
        rejectRequest: ({ event }) =>
          event.SubscribeAccountList.some((entry) => entry.Subscriber_Account === 'hostile')
            ? (hostile() as string)
            : undefined,
      });
      const res = await request(server)
        .post(callbackUrl())
        .send(eventFor(['hostile', 'jared']));
      expect([res.status, res.body]).toEqual([200, proceedBody(['hostile', 'jared'])]);
      expect(loggedCodes(logger)).toEqual(['ERR_REJECT_REQUEST_FAILED']);
      await expectStillServing(server);
    });

    it('from decideBatch: everyone settled by onError, 200', async () => {
      const logger = silentLogger();
      const decideBatch = (subscribers: readonly string[]): string[] =>
        subscribers.includes('hostile') ? (hostile() as string[]) : subscribers.filter((s) => s === 'leckie');
      const server = serverWith(kind, { decideBatch, logger });
      const res = await request(server)
        .post(callbackUrl())
        .send(eventFor(['hostile', 'jared']));
      expect([res.status, res.body]).toEqual([200, proceedBody(['hostile', 'jared'])]);
      expect(loggedCodes(logger)).toEqual(['ERR_DECIDE_FAILED']);
      await expectStillServing(server);
    });
  });
});

/** A batch decider that refuses leckie, or returns what `hostile` makes when `hostile` is asked about. */
function batchWith(hostile: () => Iterable<string> | Promise<Iterable<string>>) {
  return (subscribers: readonly string[]): Iterable<string> | Promise<Iterable<string>> =>
    subscribers.includes('hostile') ? hostile() : subscribers.filter((s) => s === 'leckie');
}

const cursorFailure = new Error('cursor failed');

describe('without a logger', () => {
  it('still settles a hostile value by onError, and says once on the console to pass a logger', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const server = serverWith('node:http', { decide: decideWith(revokedProxy), logger: undefined });
      // Warnings about the options are given at creation; only those about requests matter here.
      warn.mockClear();
      for (let round = 0; round < 2; round += 1) {
        const res = await request(server)
          .post(callbackUrl())
          .send(eventFor(['hostile', 'jared']));
        expect([res.status, res.body]).toEqual([200, proceedBody(['hostile'])]);
      }
      expect(warn.mock.calls).toEqual([
        [expect.stringContaining('a handler failed, and the reply followed its failure policy')],
      ]);
      await expectStillServing(server);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('decideBatch results that throw while they are read', () => {
  it.each([
    [
      'a generator that throws after one item',
      function* (): Generator<string> {
        yield 'hostile';
        throw cursorFailure;
      },
    ],
    [
      'an iterator whose next() throws, like a failing cursor',
      (): Iterable<string> => ({
        [Symbol.iterator]: () => ({
          next: (): IteratorResult<string> => {
            throw cursorFailure;
          },
        }),
      }),
    ],
    [
      'an object whose Symbol.iterator getter throws',
      (): Iterable<string> =>
        ({
          get [Symbol.iterator](): never {
            throw cursorFailure;
          },
        }) as unknown as Iterable<string>,
    ],
    [
      'a promise of a generator that throws',
      async (): Promise<Iterable<string>> =>
        // Fails before its first item, as a cursor that cannot even start.
        // eslint-disable-next-line require-yield
        (function* (): Generator<string> {
          throw cursorFailure;
        })(),
    ],
  ])('settles %s by onError: refuses everyone by default', async (_name, hostile) => {
    const logger = silentLogger();
    const server = serverWith('node:http', { decideBatch: batchWith(hostile), logger });
    const res = await request(server)
      .post(callbackUrl())
      .send(eventFor(['hostile', 'jared']));
    expect([res.status, res.body]).toEqual([200, proceedBody(['hostile', 'jared'])]);
    expect(logger.error.mock.calls).toEqual([
      [
        'beforeAddSubscriber: decideBatch failed',
        expect.objectContaining({ code: 'ERR_DECIDE_FAILED', cause: cursorFailure }),
      ],
    ]);
    await expectStillServing(server);
  });

  it('hands onError what the iterable threw, for each subscriber', async () => {
    const onError = jest.fn((error: unknown, subscriber: string) => error === cursorFailure && subscriber === 'jared');
    const hostile = function* (): Generator<string> {
      yield 'jared';
      throw cursorFailure;
    };
    const server = serverWith('express5', { decideBatch: batchWith(hostile), onError });
    const res = await request(server)
      .post(callbackUrl())
      .send(eventFor(['hostile', 'jared']));
    expect([res.status, res.body]).toEqual([200, proceedBody(['hostile'])]);
    expect(onError.mock.calls.map(([error, subscriber]) => [error, subscriber])).toEqual([
      [cursorFailure, 'hostile'],
      [cursorFailure, 'jared'],
    ]);
    await expectStillServing(server);
  });
});

// What decideBatch may yield beyond the subscribers asked about (lib/kinds/subscriber-gate/decide-batch.ts).
const ITEMS_BEYOND_ASKED = 1024;

/** A generator of `count` strings ending with `hostile`, which records how far it was read. */
function countedGenerator(count: number, progress: { read: number; closed: boolean }) {
  return function* (): Generator<string> {
    try {
      for (let index = 0; index < count; index += 1) {
        progress.read += 1;
        yield index === count - 1 ? 'hostile' : `stranger_${index}`;
      }
    } finally {
      progress.closed = true;
    }
  };
}

describe('how much of a decideBatch result is read', () => {
  const asked = ['hostile', 'jared'];

  it('takes a non-array iterable of up to (subscribers asked about + 1024) items', async () => {
    const progress = { read: 0, closed: false };
    const decideBatch = batchWith(countedGenerator(asked.length + ITEMS_BEYOND_ASKED, progress));
    const server = serverWith('node:http', { decideBatch });
    const res = await request(server).post(callbackUrl()).send(eventFor(asked));
    expect([res.status, res.body]).toEqual([200, proceedBody(['hostile'])]);
    expect(progress).toEqual({ read: asked.length + ITEMS_BEYOND_ASKED, closed: true });
    await expectStillServing(server);
  });

  it.each([
    ['one item more', asked.length + ITEMS_BEYOND_ASKED + 1],
    ['an endless generator (here stopped at a million)', 1_000_000],
  ])(
    'stops reading at the first item over the bound, closes the iterable and refuses by onError: %s',
    async (_name, count) => {
      const logger = silentLogger();
      const progress = { read: 0, closed: false };
      const server = serverWith('node:http', { decideBatch: batchWith(countedGenerator(count, progress)), logger });
      const res = await request(server).post(callbackUrl()).send(eventFor(asked));
      expect([res.status, res.body]).toEqual([200, proceedBody(['hostile', 'jared'])]);
      expect(progress).toEqual({ read: asked.length + ITEMS_BEYOND_ASKED + 1, closed: true });
      expect(logger.error.mock.calls).toEqual([
        [
          expect.stringContaining(
            `decideBatch yielded more than ${asked.length + ITEMS_BEYOND_ASKED} UserIDs for 2 members`,
          ),
          expect.objectContaining({ code: 'ERR_DECIDE_RESULT_INVALID' }),
        ],
      ]);
      await expectStillServing(server);
    },
  );

  it('stops at the first item of an iterable that is not a string, closes it and refuses by onError', async () => {
    const logger = silentLogger();
    const progress = { read: 0, closed: false };
    const hostile = function* (): Generator<string> {
      try {
        progress.read += 1;
        yield 1 as unknown as string;
        progress.read += 1;
        yield 'hostile';
      } finally {
        progress.closed = true;
      }
    };
    const server = serverWith('node:http', { decideBatch: batchWith(hostile), logger });
    const res = await request(server).post(callbackUrl()).send(eventFor(asked));
    expect([res.status, res.body]).toEqual([200, proceedBody(['hostile', 'jared'])]);
    expect(progress).toEqual({ read: 1, closed: true });
    expect(loggedCodes(logger)).toEqual(['ERR_DECIDE_RESULT_INVALID']);
    await expectStillServing(server);
  });

  it('takes an array whole, however long, by index and not through an iterator it overrides', async () => {
    const refused = [...Array.from({ length: 5000 }, (_, index) => `stranger_${index}`), 'hostile'];
    const progress = { read: 0, closed: false };
    Object.defineProperty(refused, Symbol.iterator, { value: countedGenerator(1_000_000, progress) });
    const server = serverWith('node:http', { decideBatch: batchWith(() => refused) });
    const res = await request(server).post(callbackUrl()).send(eventFor(asked));
    expect([res.status, res.body]).toEqual([200, proceedBody(['hostile'])]);
    expect(progress.read).toBe(0);
    await expectStillServing(server);
  });
});

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Synchronous on purpose: the deadline's timer cannot fire while this runs.
  }
}

describe('synchronous user code that outlasts the deadline', () => {
  it('starts no decide call after the deadline and takes no answer that came after it: the rest refused', async () => {
    const subscribers = Array.from({ length: 400 }, (_, index) => `user_${index}`);
    const decide = jest.fn((subscriber: string): boolean => {
      busyWait(5);
      return subscriber !== 'leckie';
    });
    const onDecision = jest.fn<undefined, [DecisionReport]>();
    const server = serverWith('node:http', { decide, timeoutMs: 200, onDecision });
    const startedAt = performance.now();
    const res = await request(server).post(callbackUrl()).send(eventFor(subscribers));
    // A bound on correctness, not a benchmark: without the check it answers after 400 × 5 ms.
    expect(performance.now() - startedAt).toBeLessThan(1000);
    const decided = decide.mock.calls.length;
    expect(decided).toBeLessThan(100);
    // The call that ran into the deadline answered late: its subscriber timed out like the rest.
    const inTime = decided - 1;
    expect([res.status, res.body]).toEqual([200, proceedBody(subscribers.slice(inTime))]);
    expect(onDecision).toHaveBeenCalledWith(
      expect.objectContaining({ asked: 400, allowed: inTime, timedOut: 400 - inTime, deadlineFired: true }),
    );
    await expectStillServing(server);
  });

  it.each(['decide', 'decideBatch'] as const)(
    'starts no %s after a synchronous rejectRequest that outlasts the deadline',
    async (name) => {
      const decide = jest.fn((subscriber: string) => subscriber !== 'leckie');
      const decideBatch = jest.fn((subscribers: readonly string[]) => subscribers.filter((s) => s === 'leckie'));
      const rejectRequest = ({ event }: DecisionContext): undefined => {
        if (event.SubscribeAccountList.length > 2) busyWait(250);
        return undefined;
      };
      const decider = name === 'decide' ? { decide } : { decideBatch };
      const server = serverWith('node:http', { ...decider, rejectRequest, timeoutMs: 200 });
      const res = await request(server)
        .post(callbackUrl())
        .send(eventFor(['jared', 'leckie', 'slow']));
      expect([res.status, res.body]).toEqual([200, proceedBody(['jared', 'leckie', 'slow'])]);
      expect(decide).not.toHaveBeenCalled();
      expect(decideBatch).not.toHaveBeenCalled();
      await expectStillServing(server);
    },
  );
});
