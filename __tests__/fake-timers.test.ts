// What a user's fake-timer test does to the deadline, on node:http with a decide that never settles.
// Each case broke under an attempt to arm the deadline's timer on the next turn of the event loop
// (537cbcb, reverted): the deadline must be one timer step away, survive jest.clearAllTimers()
// while a body arrives, and never hand a fake timer's handle to the real clearImmediate.
import http from 'node:http';
import request from 'supertest';
import { eventFor } from './fixtures';
import { listen } from './helpers/raw-http';
import { callbackUrl, proceedBody, serverWith } from './helpers/servers';

const TIMEOUT_MS = 1000;
// Captured before any test fakes them: the real event loop and clock, to wait on.
const realSetImmediate = setImmediate;
const realSetTimeout = setTimeout;
const realClearTimeout = clearTimeout;

/** Real turns of the event loop, whatever is faked, until `until` holds or `turns` have passed. */
async function realTurns(turns: number, until: () => boolean = () => false): Promise<void> {
  for (let turn = 0; turn < turns && !until(); turn += 1) await new Promise((resolve) => realSetImmediate(resolve));
}

/** Whether a real immediate still runs within `ms`: Node runs none once its count of them is wrong. */
function immediateRunsWithin(ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = realSetTimeout(() => resolve(false), ms);
    realSetImmediate(() => {
      realClearTimeout(timer);
      resolve(true);
    });
  });
}

/** A decide that never settles, and a promise of its first call. */
function neverSettling() {
  let markAsked!: () => void;
  const asked = new Promise<void>((resolve) => (markAsked = resolve));
  const decide = (): Promise<boolean> => {
    markAsked();
    return new Promise<boolean>(() => undefined);
  };
  return { asked, decide };
}

/** A signed callback sent through supertest; `answer()` is its reply once it came. */
function sendToNeverSettling() {
  const { asked, decide } = neverSettling();
  const server = serverWith('node:http', { decide, timeoutMs: TIMEOUT_MS });
  let answer: { status: number; body: unknown } | undefined;
  const response = request(server)
    .post(callbackUrl())
    .send(eventFor(['jared']))
    .then((res) => {
      answer = { status: res.status, body: res.body as unknown };
    });
  return { asked, response, answer: () => answer };
}

afterEach(() => jest.useRealTimers());

describe('a fake-timer test reaches the deadline in one step', () => {
  const refused = { status: 200, body: proceedBody(['jared']) };

  it.each([
    [
      'modern timers with setImmediate real: advanceTimersByTime(timeoutMs)',
      { doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime'] },
      () => jest.advanceTimersByTime(TIMEOUT_MS),
    ],
    ['modern timers: runOnlyPendingTimers()', {}, () => jest.runOnlyPendingTimers()],
    ['modern timers: advanceTimersToNextTimer()', {}, () => jest.advanceTimersToNextTimer()],
    [
      'legacy timers: advanceTimersByTime(timeoutMs)',
      { legacyFakeTimers: true },
      () => jest.advanceTimersByTime(TIMEOUT_MS),
    ],
  ] as const)('%s once decide was asked', async (_name, config, step) => {
    jest.useFakeTimers(config as Parameters<typeof jest.useFakeTimers>[0]);
    const { asked, response, answer } = sendToNeverSettling();
    await asked;
    step();
    await realTurns(200, () => answer() !== undefined);
    expect(answer()).toEqual(refused);
    await response;
  });
});

/** Sends the headers and the first bytes of a signed callback's body; the rest is the caller's. */
function startSlowBody(port: number) {
  const body = Buffer.from(JSON.stringify(eventFor(['jared'])));
  let answer: { status: number; body: unknown } | undefined;
  const req = http.request(
    {
      host: '127.0.0.1',
      port,
      path: callbackUrl(),
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': body.length },
    },
    (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as unknown };
      });
    },
  );
  req.on('error', () => undefined);
  req.write(body.subarray(0, 10));
  return { req, rest: body.subarray(10), answer: () => answer };
}

it('jest.clearAllTimers() while the body arrives leaves the deadline of the decide that follows', async () => {
  const { asked, decide } = neverSettling();
  let wasAsked = false;
  void asked.then(() => (wasAsked = true));
  const server = serverWith('node:http', { decide, timeoutMs: TIMEOUT_MS });
  const port = await listen(server);
  jest.useFakeTimers();
  const { req, rest, answer } = startSlowBody(port);
  try {
    await realTurns(50);
    // A test resets its fake timers between two steps while the body is still on its way.
    jest.clearAllTimers();
    req.end(rest);
    await realTurns(200, () => wasAsked);
    jest.advanceTimersByTime(TIMEOUT_MS);
    await realTurns(200, () => answer() !== undefined);
  } finally {
    req.destroy();
    server.closeAllConnections();
    server.close();
    await realTurns(20);
  }
  expect(wasAsked).toBe(true);
  expect(answer()).toEqual({ status: 200, body: proceedBody(['jared']) });
});

describe('going back to real timers with a request in flight leaves the real immediates running', () => {
  it('while decide waits, when the client then goes away', async () => {
    const { asked, decide } = neverSettling();
    const server = serverWith('node:http', { decide, timeoutMs: TIMEOUT_MS });
    const port = await listen(server);
    jest.useFakeTimers();
    const response = request(`http://127.0.0.1:${port}`)
      .post(callbackUrl())
      .send(eventFor(['jared']))
      .then(
        () => 'answered',
        () => 'gone',
      );
    await asked;
    // afterEach(() => jest.useRealTimers()), then afterAll closes the server: the client goes away.
    jest.useRealTimers();
    server.closeAllConnections();
    server.close();
    await expect(response).resolves.toBe('gone');
    expect(await immediateRunsWithin(500)).toBe(true);
  });

  it('while the body arrives, when the client then goes away', async () => {
    const { decide } = neverSettling();
    const server = serverWith('node:http', { decide, timeoutMs: TIMEOUT_MS });
    const port = await listen(server);
    jest.useFakeTimers();
    const { req, answer } = startSlowBody(port);
    await realTurns(50);
    jest.useRealTimers();
    req.destroy();
    server.closeAllConnections();
    server.close();
    // A real timer, not realTurns: real immediates are what may have stopped running.
    await new Promise((resolve) => realSetTimeout(resolve, 50));
    expect(answer()).toBeUndefined();
    expect(await immediateRunsWithin(500)).toBe(true);
  });
});
