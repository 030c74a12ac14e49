// The fetch handler on its own, with `Request`s built in the test: what a bridge cannot show (the
// stream it reads, cancels or finds used; a client that leaves) and how it is called.
import { beforeAddSubscriber, callbackRouter, type DecisionContext } from '../lib/index';
import { DEFINITION_BY_COMMAND } from '../lib/commands/index';
import { tencentExampleReplyRefused, tencentExampleRequest } from './fixtures';
import { callbackUrl, COMMAND, refusedBody, silentLogger } from './helpers/servers';

const LIMIT = 1000;
const json = JSON.stringify(tencentExampleRequest);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** The one error line of a request that passed authentication but was refused before decide ran. */
const refusedLine = (code: string, message: string): string =>
  `beforeAddSubscriber: ${COMMAND} refused before its handler ran: ${code}: ${message}`;

function gate(
  options: {
    decide?: (subscriber: string, context: DecisionContext) => unknown;
    timeoutMs?: number;
    logger?: ReturnType<typeof silentLogger>;
  } = {},
) {
  return beforeAddSubscriber({
    logger: silentLogger(),
    token: false,
    bodyLimitBytes: LIMIT,
    decide: (subscriber: string) => subscriber !== 'jared',
    ...options,
  } as Parameters<typeof beforeAddSubscriber>[0]);
}

interface RecordedStream {
  stream: ReadableStream<Uint8Array>;
  /** Whether the handler cancelled it, so the runtime reads no more. */
  cancelled: () => boolean;
}

/** A body stream that sends `chunks`, then ends, stays open forever, or fails. */
function streamOf(chunks: readonly string[], then: 'end' | 'hang' | 'fail'): RecordedStream {
  let cancelled = false;
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk !== undefined) controller.enqueue(encode(chunk));
      else if (then === 'end') controller.close();
      else if (then === 'fail') controller.error(new Error('connection reset'));
      else return never<undefined>();
      return undefined;
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

function post(body: RequestInit['body'], init: RequestInit = {}, url = callbackUrl()): Request {
  return new Request(`https://example.com${url}`, { method: 'POST', body, duplex: 'half', ...init } as RequestInit);
}

async function answerOf(response: Response | undefined) {
  if (!response) return undefined;
  const text = await response.text();
  return { status: response.status, body: text === '' ? '' : (JSON.parse(text) as unknown) };
}

describe('router.fetch', () => {
  it('is a named function that works unbound, for `export default { fetch: router.fetch }`', async () => {
    const { fetch } = gate();
    expect(fetch.name).toBe('tencentChatBeforeAddSubscriberFetch');
    expect(callbackRouter({ token: false, logger: silentLogger(), on: {} }).fetch.name).toBe(
      'tencentChatCallbackRouterFetch',
    );
    const response = await fetch(post(json));
    expect(await answerOf(response)).toEqual({ status: 200, body: tencentExampleReplyRefused });
    expect(response?.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response?.headers.get('cache-control')).toBe('no-store');
    expect(response?.headers.get('connection')).toBeNull();
  });

  it('joins a body that arrives in chunks split inside a character', async () => {
    const bytes = encode(JSON.stringify({ ...tencentExampleRequest, Operator_Account: '用户' }));
    const inside = bytes.indexOf(0xe7) + 1; // 用 is E7 94 A8 in UTF-8
    const split = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, inside));
        controller.enqueue(bytes.subarray(inside));
        controller.close();
      },
    });
    expect(await answerOf(await gate().fetch(post(split)))).toEqual({ status: 200, body: tencentExampleReplyRefused });
  });

  it('refuses a POST without a body in a 200, as an empty body', async () => {
    const logger = silentLogger();
    expect(await answerOf(await gate({ logger }).fetch(post(null)))).toEqual({
      status: 200,
      body: refusedBody('ERR_BODY_NOT_JSON', 'body is empty; a JSON object was expected'),
    });
    expect(logger.error.mock.calls).toEqual([
      [refusedLine('ERR_BODY_NOT_JSON', 'body is empty; a JSON object was expected')],
    ]);
  });

  it('refuses a declared Content-Length over the limit in a 200 without touching the stream', async () => {
    const logger = silentLogger();
    const recorded = streamOf([json], 'end');
    const request = post(recorded.stream, { headers: { 'Content-Length': String(LIMIT + 1) } });
    const response = await gate({ logger }).fetch(request);
    expect(await answerOf(response)).toEqual({
      status: 200,
      body: refusedBody('ERR_BODY_TOO_LARGE', `body is larger than ${LIMIT} bytes`),
    });
    expect(response?.headers.get('connection')).toBe('close');
    expect([request.bodyUsed, recorded.cancelled()]).toEqual([false, false]);
    expect(logger.error.mock.calls).toEqual([
      [refusedLine('ERR_BODY_TOO_LARGE', `body is larger than ${LIMIT} bytes`)],
    ]);
  });

  it('counts the bytes received and cancels the stream once they pass the limit, refusing in a 200', async () => {
    const recorded = streamOf(['x'.repeat(600), 'x'.repeat(600)], 'hang');
    const response = await gate().fetch(post(recorded.stream));
    expect(await answerOf(response)).toEqual({
      status: 200,
      body: refusedBody('ERR_BODY_TOO_LARGE', `body is larger than ${LIMIT} bytes`),
    });
    expect(response?.headers.get('connection')).toBe('close');
    expect(recorded.cancelled()).toBe(true);
  });

  it('refuses a body over the limit in a 200 even when cancelling the stream fails', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encode('x'.repeat(LIMIT + 1)));
      },
      cancel() {
        throw new Error('cannot cancel');
      },
    });
    expect(await answerOf(await gate().fetch(post(stream)))).toEqual({
      status: 200,
      body: refusedBody('ERR_BODY_TOO_LARGE', `body is larger than ${LIMIT} bytes`),
    });
  });

  it('refuses in a 200 at the deadline when the body stops coming, and cancels the stream', async () => {
    const logger = silentLogger();
    const recorded = streamOf(['{"CallbackCommand"'], 'hang');
    const response = await gate({ timeoutMs: 50, logger }).fetch(post(recorded.stream));
    expect(await answerOf(response)).toEqual({
      status: 200,
      body: refusedBody('ERR_BODY_TIMEOUT', 'body did not arrive before the deadline'),
    });
    expect(response?.headers.get('connection')).toBe('close');
    expect(recorded.cancelled()).toBe(true);
    expect(logger.error.mock.calls).toEqual([
      [refusedLine('ERR_BODY_TIMEOUT', 'body did not arrive before the deadline')],
    ]);
  });

  it.each<[string, (request: Request) => Promise<void> | void]>([
    [
      'read by the app',
      async (request: Request) => {
        await request.text();
      },
    ],
    [
      'locked by a reader',
      (request: Request) => {
        request.body?.getReader();
      },
    ],
  ])('refuses ERR_BODY_UNAVAILABLE in a 200 for a body already %s', async (_name, consume) => {
    const logger = silentLogger();
    const request = post(json);
    await consume(request);
    const response = await gate({ logger }).fetch(request);
    const message = 'the request body was consumed before this middleware';
    expect(await answerOf(response)).toEqual({ status: 200, body: refusedBody('ERR_BODY_UNAVAILABLE', message) });
    expect(response?.headers.get('connection')).toBe('close');
    expect(logger.error.mock.calls).toEqual([[refusedLine('ERR_BODY_UNAVAILABLE', message)]]);
  });

  it('refuses ERR_INTERNAL in a 200, without the error text, for a Request whose body cannot be read at all', async () => {
    const logger = silentLogger();
    const request = post(json);
    Object.defineProperty(request, 'body', {
      get: () => {
        throw new Error('broken bridge: secret detail');
      },
    });
    const response = await beforeAddSubscriber({ token: false, logger, decide: () => true }).fetch(request);
    const answer = await answerOf(response);
    expect(answer).toEqual({
      status: 200,
      body: { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'ERR_INTERNAL: internal error' },
    });
    expect(response?.headers.get('connection')).toBe('close');
    expect(JSON.stringify(answer)).not.toContain('secret detail');
    // A fault of ours is logged with its error, so whoever runs the app can see what broke.
    expect(logger.error.mock.calls).toEqual([
      [
        'beforeAddSubscriber: internal error',
        expect.objectContaining({ cause: expect.objectContaining({ message: 'broken bridge: secret detail' }) }),
      ],
    ]);
  });

  it('resolves to undefined for what is not ours, leaving the body unread', async () => {
    const router = callbackRouter({ token: false, logger: silentLogger(), on: {} });
    const other = post(json, {}, callbackUrl({ command: 'Group.CallbackAfterNewMemberJoin' }));
    const get = new Request(`https://example.com${callbackUrl()}`);
    const put = post(json, { method: 'PUT' });
    const answers = await Promise.all([other, get, put].map((request) => router.fetch(request)));
    expect(answers).toEqual([undefined, undefined, undefined]);
    expect(await other.text()).toBe(json);
    expect(await put.text()).toBe(json);
  });
});

describe('router.fetch when the client goes away', () => {
  it('answers a request whose client had gone with 499, without reading or deciding', async () => {
    const decide = jest.fn(() => true);
    const request = post(json, { signal: AbortSignal.abort() });
    const response = await gate({ decide }).fetch(request);
    expect(await answerOf(response)).toEqual({ status: 499, body: '' });
    expect(response?.headers.get('connection')).toBe('close');
    expect([request.bodyUsed, decide.mock.calls.length]).toEqual([false, 0]);
  });

  it('stops the decision and answers 499 when the client leaves while it runs', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const decide = (_subscriber: string, { signal }: DecisionContext): Promise<boolean> => {
      signals.push(signal);
      controller.abort();
      return never();
    };
    const response = await gate({ decide }).fetch(post(json, { signal: controller.signal }));
    expect(await answerOf(response)).toEqual({ status: 499, body: '' });
    expect(signals.map((signal) => (signal.reason as DOMException).message)).toEqual(['The client went away']);
  });

  it('answers 499 when the client leaves inside the only decide call, which never settles', async () => {
    const controller = new AbortController();
    const decide = (): Promise<boolean> => {
      controller.abort();
      return never();
    };
    const one = JSON.stringify({ ...tencentExampleRequest, SubscribeAccountList: [{ Subscriber_Account: 'solo' }] });
    const response = await gate({ decide }).fetch(post(one, { signal: controller.signal }));
    expect(await answerOf(response)).toEqual({ status: 499, body: '' });
  });

  it('answers 499 when the client leaves inside a router handler, which never settles', async () => {
    const command = 'OfficialAccount.CallbackAfterSendMsg';
    const controller = new AbortController();
    const router = callbackRouter({
      token: false,
      logger: silentLogger(),
      on: {
        [command]: () => {
          controller.abort();
          return never<undefined>();
        },
      },
    });
    const body = JSON.stringify(DEFINITION_BY_COMMAND.get(command)?.example);
    const response = await router.fetch(post(body, { signal: controller.signal }, callbackUrl({ command })));
    expect(await answerOf(response)).toEqual({ status: 499, body: '' });
  });

  it('answers 499 when the body stream fails, as when the connection is reset', async () => {
    const recorded = streamOf(['{"CallbackCommand"'], 'fail');
    expect(await answerOf(await gate().fetch(post(recorded.stream)))).toEqual({ status: 499, body: '' });
  });

  it('answers 499 when the client leaves while the body is coming', async () => {
    const controller = new AbortController();
    const recorded = streamOf(['{"CallbackCommand"'], 'hang');
    const pending = gate().fetch(post(recorded.stream, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    expect(await answerOf(await pending)).toEqual({ status: 499, body: '' });
    expect(recorded.cancelled()).toBe(true);
  });
});
