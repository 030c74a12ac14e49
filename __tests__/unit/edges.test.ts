// The edges of the registry-driven router that the per-command suites do not reach: option errors
// of `generic` and of each kind's handler, target gates' odd answers and unreadable bodies, and the
// guards that fail loudly when the registry and the generated files disagree.
import { callbackRouter, type CallbackRouterOptions } from '../../lib/index';
import { buildCallback } from '../../lib/testing';
import { definitionOf } from '../../lib/commands/index';
import { rulesOf } from '../../lib/commands/rules';
import { assertNever } from '../../lib/engine/assert-never';
import { eventValidator } from '../../lib/engine/validate-event';

const TOKEN = 'edge-token';
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const FRIEND_ADD = 'Sns.CallbackPrevFriendAdd';

function silent() {
  return { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
}

function router(on: unknown, options: Partial<CallbackRouterOptions> = {}) {
  return callbackRouter({ token: TOKEN, logger: silent(), on: on as CallbackRouterOptions['on'], ...options });
}

async function post(webhook: ReturnType<typeof router>, command: string, body: unknown) {
  const { path } = buildCallback({ command, token: TOKEN } as Parameters<typeof buildCallback>[0]);
  const response = await webhook.fetch(
    new Request(`http://localhost${path}`, { method: 'POST', body: JSON.stringify(body) }),
  );
  if (!response) throw new Error('passed on');
  return [response.status, await response.json()];
}

describe('generic handlers, for commands the package does not know', () => {
  it.each<[string, unknown, RegExp]>([
    ['not an object', 'log', /`generic` must be an object of handlers keyed by CallbackCommand\. Got "log"\.$/],
    [
      'a command the package knows',
      { 'C2C.CallbackAfterSendMsg': () => undefined },
      /generic\['C2C\.CallbackAfterSendMsg'\]: is a command this package knows: give its handler in `on`/,
    ],
    ['a key that is not Family.Command', { 'after send': () => undefined }, /is not a CallbackCommand/],
    [
      'a handler that is not a function',
      { 'Live.CallbackAfterCreateRoom': 'log' },
      /must be a function .* Got "log"\.$/,
    ],
  ])('throws for %s', (_name, generic, message) => {
    expect(() => router({}, { generic: generic as CallbackRouterOptions['generic'] })).toThrow(message);
  });

  it('throws for a command given in both on and generic', () => {
    expect(() =>
      router({ 'Grop.CallbackAfterX': () => undefined }, { generic: { 'Grop.CallbackAfterX': () => undefined } }),
    ).toThrow("callbackRouter: generic['Grop.CallbackAfterX']: has a handler in `on` too.");
  });

  it('skips a generic handler left undefined: its command is unhandled', async () => {
    const webhook = router({}, { generic: { 'Live.CallbackAfterCreateRoom': undefined }, unhandled: 'ack' });
    expect(await post(webhook, 'Live.CallbackAfterCreateRoom', { RoomId: 'r' })).toEqual([200, OK]);
  });
});

describe('target gates', () => {
  const example = definitionOf(FRIEND_ADD, 'target-gate').example as { FriendItem: { To_Account: string }[] };
  const targets = example.FriendItem.map((item) => item.To_Account);

  it.each<[string, unknown, RegExp]>([
    ['a handler that is not an object', () => true, /pass an object: \{ decide: \(target, context\) =>/],
    ['a decide that is not a function', { decide: 'yes' }, /`decide` must be a function: .* Got "yes"\.$/],
  ])('throws for %s', (_name, handler, message) => {
    expect(() => router({ [FRIEND_ADD]: handler })).toThrow(message);
  });

  it.each<[string, unknown]>([
    ['a string', 'yes'],
    ['{ reject } with another key beside it', { reject: { code: 38001, info: 'x' }, also: 1 }],
    ['{ reject } without its code', { reject: { info: 'x' } }],
  ])('refuses each target whose decide returned %s, by onError', async (_name, decision) => {
    const webhook = router({ [FRIEND_ADD]: { decide: () => decision } });
    expect(await post(webhook, FRIEND_ADD, example)).toEqual([
      200,
      { ...OK, ResultItem: targets.map((To_Account) => ({ To_Account, ResultCode: 38000, ResultInfo: '' })) },
    ]);
  });

  it.each<[string, unknown]>([
    ['a JSON array', [1]],
    ['an empty list of targets', { ...example, FriendItem: [], EventTime: 'soon' }],
    ['targets without To_Account', { ...example, FriendItem: [{ Remark: 'x' }] }],
  ])('refuses at the top level a body with no target it can read: %s', async (_name, body) => {
    const webhook = router({ [FRIEND_ADD]: { decide: () => true } });
    const [status, reply] = await post(webhook, FRIEND_ADD, body);
    expect(status).toBe(200);
    expect(reply).toMatchObject({
      ActionStatus: 'OK',
      ErrorCode: 1,
      ErrorInfo: expect.stringMatching(/^ERR_BODY_INVALID: /),
    });
  });

  it('allows every target it can read of an invalid body with onError: allow', async () => {
    const webhook = router({ [FRIEND_ADD]: { decide: () => false, onError: 'allow' } });
    expect(await post(webhook, FRIEND_ADD, { ...example, EventTime: 'soon' })).toEqual([
      200,
      { ...OK, ResultItem: targets.map((To_Account) => ({ To_Account, ResultCode: 0, ResultInfo: '' })) },
    ]);
  });

  it('allows the targets whose decision does not come with onTimeout: allow', async () => {
    const webhook = router(
      { [FRIEND_ADD]: { decide: () => new Promise(() => undefined), onTimeout: 'allow' } },
      { timeoutMs: 30 },
    );
    expect(await post(webhook, FRIEND_ADD, example)).toEqual([
      200,
      { ...OK, ResultItem: targets.map((To_Account) => ({ To_Account, ResultCode: 0, ResultInfo: '' })) },
    ]);
  });
});

describe('reply data', () => {
  const command = 'Chatbot.OnC2CSignalMessage';

  it('throws for a handler that is not a function', () => {
    expect(() => router({ [command]: { decide: () => true } })).toThrow(
      /must be a function \(event, context\) => string/,
    );
  });

  it('refuses null with ErrorCode 1, naming it', async () => {
    const logger = silent();
    const webhook = callbackRouter({ token: TOKEN, logger, on: { [command]: () => null as unknown as string } });
    const example = definitionOf(command, 'reply-data').example;
    expect(await post(webhook, command, example)).toEqual([200, { ...OK, ErrorCode: 1 }]);
    expect(logger.error).toHaveBeenCalledWith(
      `callbackRouter: the handler of ${command} returned null; it must return a string`,
      expect.objectContaining({ code: 'ERR_HANDLER_RESULT_INVALID' }),
    );
  });
});

describe('guards that catch a registry out of step with its generated files', () => {
  it('assertNever throws for a value a switch did not expect', () => {
    expect(() => assertNever('surprise' as never)).toThrow('unexpected value: "surprise"');
  });

  it('rulesOf and definitionOf throw for a command of another kind, or none', () => {
    expect(() => rulesOf('C2C.CallbackBeforeSendMsg', 'list-gate')).toThrow(
      'the registry has no list-gate C2C.CallbackBeforeSendMsg',
    );
    expect(() => definitionOf('Nope.Nothing', 'notification')).toThrow('the registry has no notification Nope.Nothing');
  });

  it('eventValidator throws for a command no validator was generated for', () => {
    expect(() => eventValidator('Nope.Nothing')).toThrow(
      'no validator was generated for Nope.Nothing: run npm run generate',
    );
  });
});

describe('a gate whose client goes away before decide settles', () => {
  it('answers nobody and logs no timeout, since the deadline did not pass', async () => {
    const logger = silent();
    const webhook = callbackRouter({
      token: TOKEN,
      logger,
      on: { 'C2C.CallbackBeforeSendMsg': { decide: () => new Promise<boolean>(() => undefined) } },
    });
    const { path, json } = buildCallback({ command: 'C2C.CallbackBeforeSendMsg', token: TOKEN });
    const client = new AbortController();
    const pending = webhook.fetch(
      new Request(`http://localhost${path}`, { method: 'POST', body: json, signal: client.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.abort();
    const response = await pending;
    expect(response?.status).toBe(499);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
