import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { CommandDefinition } from '../lib/commands/define';
import { DEFINITION_BY_COMMAND, DEFINITIONS } from '../lib/commands/index';
import {
  callbackRouter,
  computeSign as computeSignFromIndex,
  type ActionDecision,
  type CallbackContext,
  type CommandHandlers,
  type MessageDecision,
  type MessageElement,
  type TargetDecision,
} from '../lib/index';
import {
  buildCallback,
  CALLBACK_DEFAULTS,
  computeSign,
  InvalidReplyError,
  parseReply,
  type BuildCallbackOptions,
  type CallbackCommand,
  type OfficialAccountBeforeAddSubscriberEvent,
  type SubscribersCallbackOptions,
  type ReplySummary,
} from '../lib/testing';
import { tencentExampleReplyRefused, tencentExampleRequest } from './fixtures';
import { expectedReply, recordingHandler, REPLY_DATA, type Seen } from './helpers/registry';
import {
  COMMAND,
  routerServerWith,
  SDK_APP_ID,
  serverWith,
  SERVER_KINDS,
  silentLogger,
  TOKEN,
  type ServerKind,
} from './helpers/servers';

const BEFORE_ADD_SUBSCRIBER_COMMAND = 'OfficialAccount.CallbackBeforeAddSubscriber';
const BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND = 'OfficialAccount.CallbackBeforeCreateOfficialAccount';
const BEFORE_SEND_MSG_COMMAND = 'OfficialAccount.CallbackBeforeSendMsg';
const AFTER_SEND_MSG_COMMAND = 'OfficialAccount.CallbackAfterSendMsg';
const INVITE_COMMAND = 'Group.CallbackBeforeInviteJoinGroup';
const FRIEND_ADD_COMMAND = 'Sns.CallbackPrevFriendAdd';
const SIGNAL_COMMAND = 'Chatbot.OnC2CSignalMessage';
/** A command of a family the registry does not know. */
const FOREIGN_COMMAND = 'Meeting.CallbackAfterStart';

/** The definition of a command of the registry. */
function definitionOf(command: string): CommandDefinition {
  const definition = DEFINITION_BY_COMMAND.get(command);
  if (definition === undefined) throw new Error(`no ${command} in the registry`);
  return definition;
}

/** Tencent's example for a command, as the registry holds it. */
function exampleOf(command: string): Record<string, unknown> {
  return definitionOf(command).example as Record<string, unknown>;
}

/** The example with `EventTime` set as buildCallback sets it: in the example's own form, when it has one. */
function exampleAt(command: string, eventTime: number): Record<string, unknown> {
  const example = structuredClone(exampleOf(command));
  if ('EventTime' in example) {
    example['EventTime'] = typeof example['EventTime'] === 'string' ? String(eventTime) : eventTime;
  }
  return example;
}

const ALL_COMMANDS = DEFINITIONS.map((definition) => definition.command);
const WITH_EVENT_TIME = ALL_COMMANDS.filter((command) => 'EventTime' in exampleOf(command));
const WITHOUT_EVENT_TIME = ALL_COMMANDS.filter((command) => !('EventTime' in exampleOf(command)));
const WITH_CALLBACK_COMMAND = ALL_COMMANDS.filter((command) => 'CallbackCommand' in exampleOf(command));
const WITHOUT_CALLBACK_COMMAND = ALL_COMMANDS.filter((command) => !('CallbackCommand' in exampleOf(command)));

// 2022-12-09T08:26:54.123Z: the EventTime of Tencent's example.
const NOW_MS = 1670574414123;
const NOW_SECONDS = '1670574414';
const now = (): number => NOW_MS;
const refuseJared = (subscriber: string): boolean => subscriber !== 'jared';

/** The summary of a plain `OK`, `ErrorCode: 0` reply, without the reply itself. */
const ACCEPTED: Omit<ReplySummary, 'reply'> = {
  accepted: true,
  refused: [],
  rejectedReason: undefined,
  errorCode: 0,
  failed: false,
  dropped: false,
  customRejection: undefined,
  modified: undefined,
  results: undefined,
  data: undefined,
};
/** The summary of a reply that is not accepted, with its ErrorCode and ErrorInfo. */
function notAccepted(errorCode: number, errorInfo: string): Omit<ReplySummary, 'reply'> {
  return { ...ACCEPTED, accepted: false, rejectedReason: errorInfo, errorCode };
}

describe('computeSign', () => {
  it("is the package's own computeSign, which gives Tencent's worked example", () => {
    expect(computeSign).toBe(computeSignFromIndex);
    expect(computeSign('xxxxyyyy', '1669872112')).toBe(
      '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
    );
  });
});

describe('buildCallback', () => {
  it("builds Tencent's example request from the subscribers alone", () => {
    const callback = buildCallback({ subscribers: ['jared', 'leckie'], now });
    expect(callback.path).toBe(
      '/im/callback?SdkAppid=1400000000&CallbackCommand=OfficialAccount.CallbackBeforeAddSubscriber' +
        '&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI',
    );
    expect(callback.query).toEqual({
      SdkAppid: '1400000000',
      CallbackCommand: COMMAND,
      contenttype: 'json',
      ClientIP: '127.0.0.1',
      OptPlatform: 'RESTAPI',
    });
    expect(callback.body).toEqual(tencentExampleRequest);
    expect(callback.json).toBe(JSON.stringify(tencentExampleRequest));
  });

  it('signs with the token: RequestTime is the current second and Sign covers it, the token is nowhere', () => {
    const callback = buildCallback({ subscribers: ['jared'], token: TOKEN, now });
    const expectedSign = computeSign(TOKEN, NOW_SECONDS);
    expect(callback.query).toMatchObject({ RequestTime: NOW_SECONDS, Sign: expectedSign });
    expect(callback.path.endsWith(`&RequestTime=${NOW_SECONDS}&Sign=${expectedSign}`)).toBe(true);
    expect(JSON.stringify(callback)).not.toContain(TOKEN);
  });

  it("builds an unsigned request from the router's own token: false, as from no token", () => {
    const unsigned = buildCallback({ subscribers: ['jared'], token: false, now });
    expect(unsigned).toEqual(buildCallback({ subscribers: ['jared'], now }));
    expect(unsigned.query.Sign).toBeUndefined();
    expect(() => buildCallback({ subscribers: [], token: false, requestTime: 1669872112 })).toThrow(
      new TypeError('buildCallback: `requestTime` needs a `token`: Tencent sends RequestTime only with Sign.'),
    );
  });

  it('takes the clock from Date.now when no `now` is given', () => {
    const before = Date.now();
    const { body, query } = buildCallback({ subscribers: ['jared'], token: TOKEN });
    const after = Date.now();
    expect(body.EventTime).toBeGreaterThanOrEqual(before);
    expect(body.EventTime).toBeLessThanOrEqual(after);
    expect(Number(query.RequestTime)).toBe(Math.floor(body.EventTime / 1000));
  });

  it.each<[string, Omit<SubscribersCallbackOptions, 'subscribers'>, object, object]>([
    ['officialAccount', { officialAccount: '@TOA#_news' }, {}, { Official_Account: '@TOA#_news' }],
    ['operator', { operator: 'admin' }, {}, { Operator_Account: 'admin' }],
    ['sdkAppId as a number', { sdkAppId: 1400000001 }, { SdkAppid: '1400000001' }, {}],
    ['clientIP', { clientIP: '203.0.113.9' }, { ClientIP: '203.0.113.9' }, {}],
    ['optPlatform', { optPlatform: 'Android' }, { OptPlatform: 'Android' }, {}],
    ['eventTime', { eventTime: 42 }, {}, { EventTime: 42 }],
    [
      'requestTime, which the Sign covers',
      { token: TOKEN, requestTime: 1669872112 },
      { RequestTime: '1669872112', Sign: computeSign(TOKEN, '1669872112') },
      {},
    ],
  ])('takes %s from the options', (_name, options, queryChanges, bodyChanges) => {
    const callback = buildCallback({ subscribers: ['jared'], now, ...options });
    const unchanged = buildCallback({ subscribers: ['jared'], now });
    expect(callback.query).toEqual({ ...unchanged.query, ...queryChanges });
    expect(callback.body).toEqual({ ...unchanged.body, ...bodyChanges });
    expect(JSON.parse(callback.json)).toEqual(callback.body);
    expect(Object.fromEntries(new URL(callback.path, 'http://localhost').searchParams)).toEqual(callback.query);
  });

  it('keeps every subscriber in order, duplicates included, and an empty list empty', () => {
    expect(buildCallback({ subscribers: ['b', 'a', 'b'] }).body.SubscribeAccountList).toEqual([
      { Subscriber_Account: 'b' },
      { Subscriber_Account: 'a' },
      { Subscriber_Account: 'b' },
    ]);
    expect(buildCallback({ subscribers: [] }).body.SubscribeAccountList).toEqual([]);
  });

  it.each([
    ['a plain path', '/hooks/tencent', '/hooks/tencent?SdkAppid='],
    ['a path with its own query', '/hooks?tenant=a%20b', '/hooks?tenant=a%20b&SdkAppid='],
  ])('appends the query to %s', (_name, given, start) => {
    const callback = buildCallback({ subscribers: ['jared'], path: given });
    expect(callback.path.startsWith(start)).toBe(true);
  });

  it('encodes values that need it, so the middleware reads back exactly what was given', () => {
    const callback = buildCallback({ subscribers: ['jared'], optPlatform: 'a b&c=d', clientIP: '::1' });
    const read = new URL(callback.path, 'http://localhost').searchParams;
    expect(read.get('OptPlatform')).toBe('a b&c=d');
    expect(read.get('ClientIP')).toBe('::1');
  });

  it('documents its defaults in CALLBACK_DEFAULTS', () => {
    const { query, body, path: built } = buildCallback({ subscribers: [] });
    expect(CALLBACK_DEFAULTS).toEqual({
      officialAccount: body.Official_Account,
      operator: body.Operator_Account,
      sdkAppId: query.SdkAppid,
      clientIP: query.ClientIP,
      optPlatform: query.OptPlatform,
      path: built.slice(0, built.indexOf('?')),
    });
  });

  it.each<[string, () => unknown, string]>([
    // @ts-expect-error the options are required
    ['no options', () => buildCallback(), 'pass an options object'],
    // @ts-expect-error `subscribers` is required
    ['no subscribers', () => buildCallback({}), '`subscribers` must be an array of UserIDs'],
    // @ts-expect-error a single string is not a list
    ['a string for subscribers', () => buildCallback({ subscribers: 'jared' }), '`subscribers` must be an array'],
    [
      'a number among subscribers',
      // @ts-expect-error UserIDs are strings
      () => buildCallback({ subscribers: ['jared', 7] }),
      '`subscribers` must be an array',
    ],
    ['an empty token', () => buildCallback({ subscribers: [], token: '' }), '`token` must be a non-empty string'],
    [
      'requestTime without a token',
      () => buildCallback({ subscribers: [], requestTime: 1669872112 }),
      '`requestTime` needs a `token`',
    ],
    [
      'requestTime in milliseconds',
      () => buildCallback({ subscribers: [], token: TOKEN, requestTime: 1669872112000.5 }),
      '`requestTime` must be Unix time in whole seconds',
    ],
    [
      // String([1669872112]) is '1669872112': only the type check stops it.
      'requestTime in an array',
      // @ts-expect-error RequestTime is a number or a string
      () => buildCallback({ command: BEFORE_SEND_MSG_COMMAND, token: TOKEN, requestTime: [1669872112] }),
      '`requestTime` must be Unix time in whole seconds',
    ],
    [
      'subscribers with another command',
      // @ts-expect-error `subscribers` builds BeforeAddSubscriber only
      () => buildCallback({ subscribers: ['jared'], command: AFTER_SEND_MSG_COMMAND }),
      `\`subscribers\` builds ${BEFORE_ADD_SUBSCRIBER_COMMAND} only; for other commands give \`event\` instead.`,
    ],
    [
      'subscribers with an event',
      // @ts-expect-error one of the two says what the body is
      () => buildCallback({ subscribers: ['jared'], event: { Operator_Account: 'admin' } }),
      'give `subscribers` or `event`, not both: `event` can set SubscribeAccountList itself.',
    ],
    [
      'officialAccount with a command',
      // @ts-expect-error `officialAccount` goes with `subscribers`
      () => buildCallback({ command: BEFORE_SEND_MSG_COMMAND, officialAccount: '@TOA#_news' }),
      '`officialAccount` and `operator` go with `subscribers`; with a `command`, set Official_Account and ' +
        'Operator_Account in `event`.',
    ],
    [
      'operator with a command',
      // @ts-expect-error `operator` goes with `subscribers`
      () => buildCallback({ command: BEFORE_ADD_SUBSCRIBER_COMMAND, operator: 'admin' }),
      '`officialAccount` and `operator` go with `subscribers`',
    ],
    ...[
      'SendMsg',
      'OfficialAccount.',
      '.CallbackBeforeSendMsg',
      'C2C.Callback.BeforeSendMsg',
      'C2C.Callback Send',
      '',
    ].map((command): [string, () => unknown, string] => [
      `the malformed command ${JSON.stringify(command)}`,
      () => buildCallback({ command }),
      'buildCallback: `command` must be a CallbackCommand such as OfficialAccount.CallbackBeforeSendMsg.',
    ]),
    [
      'a command that is not a string',
      // @ts-expect-error a command is a string
      () => buildCallback({ command: 7 }),
      '`command` must be a CallbackCommand',
    ],
    [
      'an OfficialAccount command that is not one of the 11',
      () => buildCallback({ command: 'OfficialAccount.CallbackBeforeSendMessage' }),
      'buildCallback: OfficialAccount.CallbackBeforeSendMessage is not a command of OfficialAccount: did you mean ' +
        'OfficialAccount.CallbackBeforeSendMsg?',
    ],
    [
      'the lower-case d of MsgWithdraw',
      () => buildCallback({ command: 'OfficialAccount.CallbackAfterMsgWithdraw' }),
      'OfficialAccount.CallbackAfterMsgWithdraw is not a command of OfficialAccount: did you mean ' +
        'OfficialAccount.CallbackAfterMsgWithDraw?',
    ],
    [
      'a misspelt Group command',
      () => buildCallback({ command: 'Group.CallbackBeforeSendMgs' }),
      'buildCallback: Group.CallbackBeforeSendMgs is not a command of Group: did you mean Group.CallbackBeforeSendMsg?',
    ],
    [
      'a known family in lower case',
      () => buildCallback({ command: 'c2c.CallbackBeforeSendMsg' }),
      'buildCallback: c2c.CallbackBeforeSendMsg is not a command of C2C: did you mean C2C.CallbackBeforeSendMsg?',
    ],
    ...(
      [
        ['C2C.CallbackBeforeSendMsg', 'C2C.CallbackBeforeSendMsg has no EventTime'],
        ['Push.OfflinePush', 'Push.OfflinePush has no EventTime'],
        ['ContentCallback.ResultNotify', 'ContentCallback.ResultNotify has no EventTime'],
      ] as const
    ).map(([command, message]): [string, () => unknown, string] => [
      `an eventTime for ${command}, whose body has no EventTime`,
      () => buildCallback({ command, eventTime: 42 }),
      `buildCallback: \`eventTime\`: the body of ${message} (Tencent's example has none); set the fields you want in \`event\`.`,
    ]),
    ...(
      [
        ['an array', [{ Name: 'x' }]],
        ['null', null],
        ['a JSON string', '{"Name":"x"}'],
      ] as const
    ).map(([name, event]): [string, () => unknown, string] => [
      `an event that is ${name}`,
      () => buildCallback({ command: FOREIGN_COMMAND, event } as BuildCallbackOptions),
      'buildCallback: `event` must be an object of body fields.',
    ]),
  ])('refuses %s with a TypeError that says what to pass', (_name, build, message) => {
    expect(build).toThrow(TypeError);
    expect(build).toThrow(message);
  });
});

describe('buildCallback for any command', () => {
  it.each(ALL_COMMANDS)("builds %s as Tencent's example, with EventTime now in the example's form", (command) => {
    const callback = buildCallback({ command, now });
    const expected = exampleAt(command, NOW_MS);
    expect(callback.body).toEqual(expected);
    // Same fields in the same order: the JSON Tencent's page shows.
    expect(callback.json).toBe(JSON.stringify(expected));
    expect(callback.query).toEqual({
      SdkAppid: '1400000000',
      CallbackCommand: command,
      contenttype: 'json',
      ClientIP: '127.0.0.1',
      OptPlatform: 'RESTAPI',
    });
    expect(callback.path).toBe(
      `/im/callback?SdkAppid=1400000000&CallbackCommand=${command}&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI`,
    );
  });

  it('writes EventTime as a string of digits where the example does, as on the Group pages', () => {
    const group = buildCallback({ command: 'Group.CallbackAfterCreateGroup', now });
    expect(exampleOf('Group.CallbackAfterCreateGroup')['EventTime']).toBe('1670574414123');
    expect(group.body.EventTime).toBe(String(NOW_MS));
    expect(group.json).toContain(`"EventTime":"${NOW_MS}"`);
    const withEventTime = buildCallback({ command: 'Group.CallbackBeforeSendMsg', now, eventTime: 42 });
    expect(withEventTime.body.EventTime).toBe('42');
    const number = buildCallback({ command: 'Group.CallbackAfterGroupMsgExtension', now, eventTime: 42 });
    expect(number.body.EventTime).toBe(42);
  });

  it.each(WITHOUT_EVENT_TIME)('adds no EventTime to %s, whose example has none', (command) => {
    const callback = buildCallback({ command, now });
    expect(Object.keys(callback.body)).toEqual(Object.keys(exampleOf(command)));
    expect(callback.body).toEqual(exampleOf(command));
  });

  it("leaves the per-event times of a Push batch as Tencent's example has them", () => {
    const callback = buildCallback({ command: 'Push.OfflinePush', now });
    expect(callback.body).toEqual(exampleOf('Push.OfflinePush'));
    expect(callback.body.Events.map((event) => event.EventTime)).toEqual([1557481127, 1557481127]);
  });

  it.each(WITH_EVENT_TIME)('builds %s with the EventTime given, and signs it', (command) => {
    const callback = buildCallback({ command, now, eventTime: 42, token: TOKEN });
    expect(callback.body).toEqual(exampleAt(command, 42));
    expect(callback.query).toMatchObject({ RequestTime: NOW_SECONDS, Sign: computeSign(TOKEN, NOW_SECONDS) });
  });

  it.each(WITH_CALLBACK_COMMAND)('builds %s with CallbackCommand from `command`, whatever `event` says', (command) => {
    const other = command === AFTER_SEND_MSG_COMMAND ? BEFORE_SEND_MSG_COMMAND : AFTER_SEND_MSG_COMMAND;
    const callback = buildCallback({ command, now, event: { CallbackCommand: other } as object });
    expect(callback.body).toEqual(exampleAt(command, NOW_MS));
    expect(JSON.parse(callback.json)).toMatchObject({ CallbackCommand: command });
  });

  it.each(WITHOUT_CALLBACK_COMMAND)(
    'builds %s without CallbackCommand, as Tencent sends it, whatever `event` says',
    (command) => {
      const callback = buildCallback({ command, now, event: { CallbackCommand: command } as object });
      expect(callback.body).toEqual(exampleOf(command));
      expect(Object.keys(callback.body)).toEqual(Object.keys(exampleOf(command)));
      expect(Object.keys(callback.body)).not.toContain('CallbackCommand');
      expect(callback.query.CallbackCommand).toBe(command);
    },
  );

  it('types the body by command, and `event` by its fields', () => {
    const invite = buildCallback({
      command: INVITE_COMMAND,
      now,
      event: { DestinationMembers: [{ Member_Account: 'ann' }], GroupId: '@TGS#1' },
    });
    const members: readonly { Member_Account: string }[] = invite.body.DestinationMembers;
    expect(members).toEqual([{ Member_Account: 'ann' }]);
    expect(invite.body).toEqual({
      ...exampleAt(INVITE_COMMAND, NOW_MS),
      GroupId: '@TGS#1',
      DestinationMembers: members,
    });
    const friend = buildCallback({ command: FRIEND_ADD_COMMAND, now });
    expect(friend.body.FriendItem.map((item) => item.To_Account)).toEqual(['id1', 'id2']);
    // @ts-expect-error GroupId is a string
    buildCallback({ command: INVITE_COMMAND, event: { GroupId: 7 } });
    const foreign = buildCallback({ command: FOREIGN_COMMAND, now, event: { Anything: [1] } });
    expect(foreign.body['Anything']).toEqual([1]);
  });

  it.each<[string, BuildCallbackOptions, object]>([
    [
      'BeforeSendMsg with another message',
      {
        command: BEFORE_SEND_MSG_COMMAND,
        event: { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }], OnlineOnlyFlag: 0 },
      },
      {
        ...exampleAt(BEFORE_SEND_MSG_COMMAND, NOW_MS),
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
        OnlineOnlyFlag: 0,
      },
    ],
    [
      'BeforeCreateOfficialAccount with another name and a field Tencent may add',
      { command: BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND, event: { Name: 'News', Introduction: 'hi' } as object },
      {
        ...exampleAt(BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND, NOW_MS),
        Name: 'News',
        Introduction: 'hi',
      },
    ],
    [
      'BeforeAddSubscriber with other subscribers',
      { command: BEFORE_ADD_SUBSCRIBER_COMMAND, event: { SubscribeAccountList: [{ Subscriber_Account: 'ann' }] } },
      { ...tencentExampleRequest, EventTime: NOW_MS, SubscribeAccountList: [{ Subscriber_Account: 'ann' }] },
    ],
    [
      'an EventTime in `event`, which wins over `eventTime`',
      { command: AFTER_SEND_MSG_COMMAND, eventTime: 42, event: { EventTime: 7 } },
      { ...exampleOf(AFTER_SEND_MSG_COMMAND), EventTime: 7 },
    ],
    [
      'an EventTime of the wrong type, to test a 400',
      { command: AFTER_SEND_MSG_COMMAND, event: { EventTime: 'yesterday' } as object },
      { ...exampleOf(AFTER_SEND_MSG_COMMAND), EventTime: 'yesterday' },
    ],
  ])('takes the fields of `event` over the example: %s', (_name, options, expected) => {
    const callback = buildCallback({ now, ...options });
    expect(callback.body).toEqual(expected);
    expect(JSON.parse(callback.json)).toEqual(expected);
  });

  it('leaves out a field given as undefined, from the body and from its JSON', () => {
    const callback = buildCallback({ command: BEFORE_SEND_MSG_COMMAND, now, event: { CloudCustomData: undefined } });
    const { CloudCustomData: _left, ...expected } = exampleOf(BEFORE_SEND_MSG_COMMAND);
    expect(Object.keys(callback.body)).toEqual(Object.keys(expected));
    expect(callback.body).toEqual({ ...expected, EventTime: NOW_MS });
    expect(callback.json).toBe(JSON.stringify({ ...expected, EventTime: NOW_MS }));
  });

  it('gives a body of its own, which a test may change without changing the example or the next body', () => {
    const first = buildCallback({ command: BEFORE_SEND_MSG_COMMAND, now });
    (first.body.MsgBody as unknown[]).push({ MsgType: 'TIMTextElem', MsgContent: { Text: 'more' } });
    expect(exampleOf(BEFORE_SEND_MSG_COMMAND)['MsgBody']).toHaveLength(1);
    expect(buildCallback({ command: BEFORE_SEND_MSG_COMMAND, now }).body.MsgBody).toHaveLength(1);
  });

  it('builds BeforeAddSubscriber from `command` exactly as from the subscribers of the example', () => {
    const fromCommand = buildCallback({ command: BEFORE_ADD_SUBSCRIBER_COMMAND, now, token: TOKEN });
    const fromSubscribers = buildCallback({ subscribers: ['jared', 'leckie'], now, token: TOKEN });
    expect(fromCommand).toEqual(fromSubscribers);
    expect(fromCommand.json).toBe(fromSubscribers.json);
  });

  it.each<[string, object | undefined, string]>([
    ['no event', undefined, `{"CallbackCommand":"${FOREIGN_COMMAND}","EventTime":1670574414123}`],
    [
      'its fields',
      { RoomId: '@R#1', Members: [{ Member_Account: 'ann' }] },
      `{"CallbackCommand":"${FOREIGN_COMMAND}","EventTime":1670574414123,"RoomId":"@R#1",` +
        '"Members":[{"Member_Account":"ann"}]}',
    ],
    [
      'another CallbackCommand and its own EventTime',
      { CallbackCommand: 'Meeting.CallbackBeforeStart', EventTime: 7, RoomId: '@R#1' },
      `{"CallbackCommand":"${FOREIGN_COMMAND}","EventTime":7,"RoomId":"@R#1"}`,
    ],
  ])('builds a command of a family this package does not know from %s, CallbackCommand first', (_name, event, json) => {
    const callback = buildCallback({ command: FOREIGN_COMMAND, now, event });
    expect(callback.json).toBe(json);
    expect(callback.body).toEqual(JSON.parse(json));
    expect(callback.query.CallbackCommand).toBe(FOREIGN_COMMAND);
  });
});

/** POSTs a built callback to the router in-process, as a fetch Request, and returns the reply's status and text. */
async function fetchReply(router: ReturnType<typeof callbackRouter>, callback: { path: string; json: string }) {
  const response = await router.fetch(
    new Request(`http://localhost${callback.path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: callback.json,
    }),
  );
  if (response === undefined) throw new Error('the router passed the request on');
  return { status: response.status, text: await response.text() };
}

describe("buildCallback's example for each of the 61 commands, sent to callbackRouter in-process", () => {
  it('covers every command of the registry', () => {
    expect(DEFINITIONS).toHaveLength(61);
  });

  it.each(DEFINITIONS.map((definition): [string, CommandDefinition] => [definition.command, definition]))(
    '%s is accepted, handed to its handler, and answered as parseReply reads it',
    async (command, definition) => {
      const seen: Seen = [];
      const router = callbackRouter({
        token: TOKEN,
        sdkAppId: SDK_APP_ID,
        logger: silentLogger(),
        on: { [command]: recordingHandler(definition, seen) } as CommandHandlers,
      });
      const callback = buildCallback({ command, token: TOKEN, sdkAppId: SDK_APP_ID });
      const { status, text } = await fetchReply(router, callback);
      expect(status).toBe(200);
      const reply = expectedReply(definition, callback.body);
      expect(JSON.parse(text)).toEqual(reply);
      // A list gate's handler runs once per member; every other handler once.
      expect(seen.length).toBeGreaterThan(0);
      for (const each of seen) expect(each).toEqual({ command, event: callback.body });
      const summary = parseReply(text, { command });
      expect(summary).toMatchObject({ accepted: true, errorCode: 0, failed: false, reply });
      if (definition.kind === 'list-gate') expect(summary.refused).toEqual(['jared']);
      if (definition.kind === 'target-gate') {
        expect(summary.results).toEqual((reply as { ResultItem: unknown[] }).ResultItem);
        expect(summary.refused).toEqual([]);
      }
      if (definition.kind === 'reply-data') expect(summary.data).toBe(REPLY_DATA);
    },
  );
});

describe('parseReply on callbackRouter replies to the gates of every kind, read with their command', () => {
  const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } as const;

  async function replyTo(on: CommandHandlers, command: CallbackCommand, event?: object): Promise<string> {
    const router = callbackRouter({ token: false, logger: silentLogger(), on });
    const { status, text } = await fetchReply(router, buildCallback({ command, event } as BuildCallbackOptions));
    expect(status).toBe(200);
    return text;
  }

  it.each<[string, MessageDecision, Omit<ReplySummary, 'reply'>]>([
    ['true', true, ACCEPTED],
    ["'drop'", 'drop', { ...notAccepted(2, ''), dropped: true }],
    [
      '{ reject } with a Group code',
      { reject: { code: 10150, info: 'no links' } },
      { ...notAccepted(10150, 'no links'), customRejection: { code: 10150, info: 'no links' } },
    ],
    ['{ modify }', { modify: { CloudCustomData: 'masked' } }, { ...ACCEPTED, modified: { CloudCustomData: 'masked' } }],
  ])('reads Group.CallbackBeforeSendMsg decided %s', async (_name, decision, expected) => {
    const text = await replyTo(
      { 'Group.CallbackBeforeSendMsg': { decide: () => decision } },
      'Group.CallbackBeforeSendMsg',
    );
    expect(parseReply(text, { command: 'Group.CallbackBeforeSendMsg' })).toEqual({
      ...expected,
      reply: JSON.parse(text),
    });
  });

  it('reads a Group action gate refused with its own code', async () => {
    const decision: ActionDecision = { reject: { code: 10200, info: 'quota' } };
    const text = await replyTo(
      { 'Group.CallbackBeforeCreateGroup': { decide: () => decision } },
      'Group.CallbackBeforeCreateGroup',
    );
    expect(parseReply(text, { command: 'Group.CallbackBeforeCreateGroup' })).toEqual({
      ...notAccepted(10200, 'quota'),
      customRejection: { code: 10200, info: 'quota' },
      reply: { ActionStatus: 'OK', ErrorCode: 10200, ErrorInfo: 'quota' },
    });
  });

  it('reads the refused members of a group invite from RefusedMembers_Account', async () => {
    const text = await replyTo({ [INVITE_COMMAND]: { decide: (member) => member !== 'jared' } }, INVITE_COMMAND, {
      DestinationMembers: [{ Member_Account: 'jared' }, { Member_Account: 'ann' }],
    });
    expect(parseReply(text, { command: INVITE_COMMAND })).toEqual({
      ...ACCEPTED,
      refused: ['jared'],
      reply: { ...OK, RefusedMembers_Account: ['jared'] },
    });
  });

  it("reads a friend request's ResultItem: one result per target, the refused ones named", async () => {
    const decide = (target: { To_Account: string }): TargetDecision =>
      target.To_Account === 'id2' ? { reject: { code: 38001, info: 'blocked' } } : true;
    const text = await replyTo({ [FRIEND_ADD_COMMAND]: { decide } }, FRIEND_ADD_COMMAND);
    const results = [
      { To_Account: 'id1', ResultCode: 0, ResultInfo: '' },
      { To_Account: 'id2', ResultCode: 38001, ResultInfo: 'blocked' },
    ];
    expect(parseReply(text, { command: FRIEND_ADD_COMMAND })).toEqual({
      ...ACCEPTED,
      refused: ['id2'],
      results,
      reply: { ...OK, ResultItem: results },
    });
  });

  it("reads the chatbot's RspData, and none when the handler failed", async () => {
    const text = await replyTo({ [SIGNAL_COMMAND]: (event) => `echo ${event.Data}` }, SIGNAL_COMMAND);
    const data = `echo ${String(exampleOf(SIGNAL_COMMAND)['Data'])}`;
    expect(parseReply(text, { command: SIGNAL_COMMAND })).toEqual({
      ...ACCEPTED,
      data,
      reply: { ...OK, RspData: data },
    });
    const failed = await replyTo(
      {
        [SIGNAL_COMMAND]: () => {
          throw new Error('down');
        },
      },
      SIGNAL_COMMAND,
    );
    expect(parseReply(failed, { command: SIGNAL_COMMAND })).toMatchObject({
      accepted: false,
      errorCode: 1,
      data: undefined,
    });
  });
});

describe.each(SERVER_KINDS)('a built callback sent to the real middleware on %s', (kind: ServerKind) => {
  it('is accepted with a token and an SDKAppID configured, and decided as Tencent would expect', async () => {
    const seen: Pick<CallbackContext<OfficialAccountBeforeAddSubscriberEvent>, 'event' | 'query'>[] = [];
    const server = serverWith(kind, {
      token: TOKEN,
      sdkAppId: SDK_APP_ID,
      decide: (subscriber, { event, query }) => {
        seen.push({ event, query });
        return refuseJared(subscriber);
      },
    });
    const callback = buildCallback({ subscribers: ['jared', 'leckie'], token: TOKEN, sdkAppId: SDK_APP_ID });
    const response = await request(server)
      .post(callback.path)
      .set('Content-Type', 'application/json')
      .send(callback.json);
    expect(response.status).toBe(200);
    expect(parseReply(response.text)).toEqual<ReplySummary>({
      ...ACCEPTED,
      refused: ['jared'],
      reply: tencentExampleReplyRefused,
    });
    expect(seen[0]).toEqual({ event: callback.body, query: callback.query });
  });
});

describe('a built callback and the middleware, for the cases users test', () => {
  const server = serverWith('express5', {
    token: TOKEN,
    sdkAppId: SDK_APP_ID,
    decide: refuseJared,
    rejectRequest: ({ event }) =>
      event.Operator_Account === 'intruder' ? 'operator may not add subscribers' : undefined,
  });

  it.each<[string, SubscribersCallbackOptions, number, string]>([
    ['another token (a forged request)', { subscribers: ['leckie'], token: 'forged' }, 401, 'ERR_SIGN_MISMATCH'],
    ['no token (authentication off on the sender)', { subscribers: ['leckie'] }, 401, 'ERR_SIGN_MISSING'],
    [
      'a RequestTime two minutes old (a replay)',
      { subscribers: ['leckie'], token: TOKEN, requestTime: Math.floor(Date.now() / 1000) - 120 },
      401,
      'ERR_REQUEST_TIME_STALE',
    ],
    ['another SDKAppID', { subscribers: ['leckie'], token: TOKEN, sdkAppId: 1400000001 }, 403, 'ERR_SDKAPPID_MISMATCH'],
  ])('gets a FAIL reply, which parseReply reads as not accepted, for %s', async (_name, options, status, code) => {
    const callback = buildCallback(options);
    const response = await request(server).post(callback.path).send(callback.body);
    expect(response.status).toBe(status);
    const reason = expect.stringMatching(new RegExp(`^${code}: `)) as string;
    const reply = { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: reason } as const;
    expect(parseReply(response.body)).toEqual<ReplySummary>({ ...notAccepted(1, reason), failed: true, reply });
  });

  it('reads a rejection of the whole request', async () => {
    const callback = buildCallback({ subscribers: ['leckie'], token: TOKEN, operator: 'intruder' });
    const response = await request(server).post(callback.path).send(callback.json);
    expect(response.status).toBe(200);
    expect(parseReply(response.text)).toEqual<ReplySummary>({
      ...notAccepted(1, 'operator may not add subscribers'),
      reply: { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'operator may not add subscribers' },
    });
  });

  it('passes with the same fixed clock given to both, however far it is from the real one', async () => {
    const fixedClockServer = serverWith('express5', { token: TOKEN, decide: refuseJared, now });
    const callback = buildCallback({ subscribers: ['jared'], token: TOKEN, now });
    const response = await request(fixedClockServer).post(callback.path).send(callback.json);
    expect(response.status).toBe(200);
    expect(parseReply(response.text).refused).toEqual(['jared']);
  });
});

describe("parseReply on callbackRouter's reply to each decision", () => {
  const newBody = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet [LV1]' } }] as const;
  const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } as const;

  it.each<[string, MessageDecision, ReplySummary]>([
    ['true', true, { ...ACCEPTED, reply: OK }],
    ['false', false, { ...notAccepted(1, ''), reply: { ...OK, ErrorCode: 1 } }],
    ["'drop'", 'drop', { ...notAccepted(2, ''), dropped: true, reply: { ...OK, ErrorCode: 2 } }],
    [
      '{ modify }',
      { modify: { MsgBody: newBody, CloudCustomData: 'vip' } },
      {
        ...ACCEPTED,
        modified: { MsgBody: newBody, CloudCustomData: 'vip' },
        reply: { ...OK, MsgBody: [...newBody], CloudCustomData: 'vip' },
      },
    ],
    [
      '{ reject }',
      { reject: { code: 120001, info: 'muted' } },
      {
        ...notAccepted(120001, 'muted'),
        customRejection: { code: 120001, info: 'muted' },
        reply: { ActionStatus: 'OK', ErrorCode: 120001, ErrorInfo: 'muted' },
      },
    ],
  ])('reads BeforeSendMsg decided %s, giving back what decide returned', async (_name, decision, expected) => {
    const server = routerServerWith('express5', {
      token: TOKEN,
      on: { [BEFORE_SEND_MSG_COMMAND]: { decide: () => decision } },
    });
    const callback = buildCallback({ command: BEFORE_SEND_MSG_COMMAND, token: TOKEN });
    const response = await request(server).post(callback.path).send(callback.json);
    expect(response.status).toBe(200);
    expect(parseReply(response.text)).toEqual(expected);
  });

  it.each<[string, ActionDecision, ReplySummary]>([
    ['true', true, { ...ACCEPTED, reply: OK }],
    ['false', false, { ...notAccepted(1, ''), reply: { ...OK, ErrorCode: 1 } }],
    [
      '{ reject }',
      { reject: { code: 129999, info: 'name taken' } },
      {
        ...notAccepted(129999, 'name taken'),
        customRejection: { code: 129999, info: 'name taken' },
        reply: { ActionStatus: 'OK', ErrorCode: 129999, ErrorInfo: 'name taken' },
      },
    ],
  ])('reads BeforeCreateOfficialAccount decided %s', async (_name, decision, expected) => {
    const server = routerServerWith('express5', {
      token: TOKEN,
      on: { [BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND]: { decide: () => decision } },
    });
    const callback = buildCallback({ command: BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND, token: TOKEN });
    const response = await request(server).post(callback.path).send(callback.json);
    expect(response.status).toBe(200);
    expect(parseReply(response.text)).toEqual(expected);
  });

  it('reads the reply to an After-callback as accepted', async () => {
    const server = routerServerWith('express5', { token: TOKEN, on: { [AFTER_SEND_MSG_COMMAND]: () => undefined } });
    const callback = buildCallback({ command: AFTER_SEND_MSG_COMMAND, token: TOKEN });
    const response = await request(server).post(callback.path).send(callback.json);
    expect(parseReply(response.text)).toEqual<ReplySummary>({ ...ACCEPTED, reply: OK });
  });
});

describe('parseReply', () => {
  const example = JSON.stringify(tencentExampleReplyRefused);

  // The changed message of Tencent's example reply (1047/60803).
  const messageBody: MessageElement[] = [
    { MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } },
    { MsgType: 'TIMCustomElem', MsgContent: { Desc: 'CustomElement.MemberLevel', Data: 'LV1' } },
  ];
  it.each<[string, unknown, Omit<ReplySummary, 'reply'>]>([
    ["Tencent's example, parsed", tencentExampleReplyRefused, { ...ACCEPTED, refused: ['jared'] }],
    ["Tencent's example, as text", example, { ...ACCEPTED, refused: ['jared'] }],
    ['text with a byte order mark', `\uFEFF${example}`, { ...ACCEPTED, refused: ['jared'] }],
    ['bytes', Buffer.from(example), { ...ACCEPTED, refused: ['jared'] }],
    ['a Uint8Array', new TextEncoder().encode(example), { ...ACCEPTED, refused: ['jared'] }],
    ['a reply without a refusal list', '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}', ACCEPTED],
    [
      'a rejection of the whole request',
      { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'no', RefusedSubscribers_Account: ['jared'] },
      { ...notAccepted(1, 'no'), refused: ['jared'] },
    ],
    ['a refusal (ErrorCode 1)', { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: '' }, notAccepted(1, '')],
    [
      'a silent drop (ErrorCode 2)',
      { ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' },
      { ...notAccepted(2, ''), dropped: true },
    ],
    [
      "the app's own code at the bottom of the range",
      { ActionStatus: 'OK', ErrorCode: 120001, ErrorInfo: 'muted' },
      { ...notAccepted(120001, 'muted'), customRejection: { code: 120001, info: 'muted' } },
    ],
    [
      "the app's own code at the top of the range, with an empty ErrorInfo",
      { ActionStatus: 'OK', ErrorCode: 130000, ErrorInfo: '' },
      { ...notAccepted(130000, ''), customRejection: { code: 130000, info: '' } },
    ],
    [
      'a code just below the range',
      { ActionStatus: 'OK', ErrorCode: 120000, ErrorInfo: 'x' },
      notAccepted(120000, 'x'),
    ],
    [
      'a code just above the range',
      { ActionStatus: 'OK', ErrorCode: 130001, ErrorInfo: 'x' },
      notAccepted(130001, 'x'),
    ],
    [
      "a changed message: Tencent's example reply with MsgBody and CloudCustomData",
      {
        ActionStatus: 'OK',
        ErrorInfo: '',
        ErrorCode: 0,
        MsgBody: messageBody,
        CloudCustomData: 'your cloud custom data',
      },
      { ...ACCEPTED, modified: { MsgBody: messageBody, CloudCustomData: 'your cloud custom data' } },
    ],
    [
      'a changed message body alone, even an empty one',
      { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, MsgBody: [] },
      { ...ACCEPTED, modified: { MsgBody: [] } },
    ],
    [
      'changed custom data alone, even empty',
      { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, CloudCustomData: '' },
      { ...ACCEPTED, modified: { CloudCustomData: '' } },
    ],
    [
      'a changed message with ErrorCode 1, which Tencent does not send',
      { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 1, MsgBody: messageBody },
      notAccepted(1, ''),
    ],
    [
      'a FAIL reply',
      { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'ERR_SIGN_MISSING: query parameter Sign is missing' },
      { ...notAccepted(1, 'ERR_SIGN_MISSING: query parameter Sign is missing'), failed: true },
    ],
    [
      'a FAIL reply with ErrorCode 0, which Tencent counts as a failed callback',
      { ActionStatus: 'FAIL', ErrorCode: 0, ErrorInfo: 'odd', CloudCustomData: 'x' },
      { ...notAccepted(0, 'odd'), failed: true },
    ],
    [
      'a FAIL reply with ErrorCode 2',
      { ActionStatus: 'FAIL', ErrorCode: 2, ErrorInfo: '' },
      { ...notAccepted(2, ''), failed: true },
    ],
    [
      "a FAIL reply with the app's own code",
      { ActionStatus: 'FAIL', ErrorCode: 120001, ErrorInfo: 'muted' },
      { ...notAccepted(120001, 'muted'), failed: true },
    ],
  ])('reads %s', (_name, body, expected) => {
    const text =
      typeof body === 'string'
        ? body.replace(/^\uFEFF/, '')
        : body instanceof Uint8Array
          ? new TextDecoder().decode(body)
          : JSON.stringify(body);
    expect(parseReply(body)).toEqual({ ...expected, reply: JSON.parse(text) });
  });

  it('keeps fields Tencent does not read, and returns a refusal list of its own', () => {
    const reply = { ...tencentExampleReplyRefused, RequestId: 'abc' };
    const summary = parseReply(reply);
    expect(summary.reply).toEqual(reply);
    summary.refused.push('leckie');
    expect(reply.RefusedSubscribers_Account).toEqual(['jared']);
  });

  it('returns a changed message body of its own', () => {
    const reply = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgBody: [...messageBody] };
    const modified = parseReply(reply).modified as { MsgBody: unknown[] };
    modified.MsgBody.pop();
    expect(reply.MsgBody).toEqual(messageBody);
  });

  const valid = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
  it.each<[string, unknown, 'ERR_REPLY_NOT_JSON' | 'ERR_REPLY_INVALID', string]>([
    ['plain text', 'OK', 'ERR_REPLY_NOT_JSON', 'reply is not JSON: it starts with "OK"'],
    [
      'a long HTML page, shortened',
      `<!DOCTYPE html><html><body>${'x'.repeat(100)}</body></html>`,
      'ERR_REPLY_NOT_JSON',
      `reply is not JSON: it starts with "<!DOCTYPE html><html><body>${'x'.repeat(33)}…"`,
    ],
    ['an empty body', '  \n', 'ERR_REPLY_NOT_JSON', 'reply is empty; a JSON object was expected'],
    ['a JSON array', '[]', 'ERR_REPLY_INVALID', "reply is not in Tencent's format: it must be a JSON object, got []"],
    ['JSON null', 'null', 'ERR_REPLY_INVALID', 'it must be a JSON object, got null'],
    ['nothing at all', undefined, 'ERR_REPLY_INVALID', 'it must be a JSON object, it is missing'],
    [
      "supertest's body for a reply that is not application/json",
      {},
      'ERR_REPLY_INVALID',
      'ActionStatus must be "OK" or "FAIL", it is missing',
    ],
    [
      'a lowercase ActionStatus',
      { ...valid, ActionStatus: 'ok' },
      'ERR_REPLY_INVALID',
      'ActionStatus must be "OK" or "FAIL", got "ok"',
    ],
    [
      'ErrorCode as a string',
      { ...valid, ErrorCode: '0' },
      'ERR_REPLY_INVALID',
      'ErrorCode must be an integer, got "0"',
    ],
    [
      'a fractional ErrorCode',
      { ...valid, ErrorCode: 0.5 },
      'ERR_REPLY_INVALID',
      'ErrorCode must be an integer, got 0.5',
    ],
    [
      'no ErrorInfo',
      { ActionStatus: 'OK', ErrorCode: 0 },
      'ERR_REPLY_INVALID',
      'ErrorInfo must be a string, it is missing',
    ],
    ['ErrorInfo null', { ...valid, ErrorInfo: null }, 'ERR_REPLY_INVALID', 'ErrorInfo must be a string, got null'],
    [
      'refusals as one string',
      { ...valid, RefusedSubscribers_Account: 'jared' },
      'ERR_REPLY_INVALID',
      'RefusedSubscribers_Account must be an array of UserIDs, got "jared"',
    ],
    [
      'refusals as numbers',
      { ...valid, RefusedSubscribers_Account: [107867] },
      'ERR_REPLY_INVALID',
      'RefusedSubscribers_Account must be an array of UserIDs, got [107867]',
    ],
    [
      "the documentation's typo RefusedMembers_Account",
      { ...valid, RefusedMembers_Account: ['jared'] },
      'ERR_REPLY_INVALID',
      "it has RefusedMembers_Account, a typo on Tencent's page; Tencent reads RefusedSubscribers_Account",
    ],
    ...(
      [
        ['one element instead of a list', { MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }],
        ['a list with a string', ['red packet']],
        ['a list with null', [null]],
        ['an element without MsgContent', [{ MsgType: 'TIMTextElem', Text: 'x' }]],
        ['an element without MsgType', [{ MsgContent: { Text: 'x' } }]],
        ['a MsgType that is not a string', [{ MsgType: 1, MsgContent: { Text: 'x' } }]],
        ['a MsgContent that is a string', [{ MsgType: 'TIMTextElem', MsgContent: 'x' }]],
        ['a MsgContent that is null', [{ MsgType: 'TIMTextElem', MsgContent: null }]],
        ['a MsgContent that is an array', [{ MsgType: 'TIMTextElem', MsgContent: ['x'] }]],
      ] as const
    ).map(([name, msgBody]): [string, unknown, 'ERR_REPLY_INVALID', string] => [
      `a MsgBody that is ${name}`,
      { ...valid, MsgBody: msgBody },
      'ERR_REPLY_INVALID',
      `reply is not in Tencent's format: MsgBody must be an array of { MsgType, MsgContent } elements, got ${JSON.stringify(msgBody)}`,
    ]),
    [
      'a CloudCustomData that is a number',
      { ...valid, CloudCustomData: 7 },
      'ERR_REPLY_INVALID',
      "reply is not in Tencent's format: CloudCustomData must be a string, got 7",
    ],
    [
      'a CloudCustomData that is null',
      { ...valid, CloudCustomData: null },
      'ERR_REPLY_INVALID',
      'CloudCustomData must be a string, got null',
    ],
  ])('refuses %s with an InvalidReplyError', (_name, body, code, message) => {
    let thrown: unknown;
    try {
      parseReply(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidReplyError);
    expect(thrown).toMatchObject({ name: 'InvalidReplyError', code });
    expect((thrown as Error).message).toContain(message);
  });

  it('says to pass the body when given a whole response', async () => {
    const callback = buildCallback({ subscribers: ['jared'] });
    const response = await request(serverWith('express5', { decide: refuseJared }))
      .post(callback.path)
      .send(callback.json);
    expect(() => parseReply(response)).toThrow(
      new TypeError(
        'parseReply: pass the reply body, not the response: parseReply(response.text) with supertest, ' +
          'parseReply(await response.text()) with fetch.',
      ),
    );
    expect(() => parseReply(new Response(callback.json, { status: 200 }))).toThrow(TypeError);
  });
});

describe('parseReply with a command', () => {
  const valid = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } as const;
  const results = [
    { To_Account: 'id1', ResultCode: 0, ResultInfo: '' },
    { To_Account: 'id2', ResultCode: 38000, ResultInfo: 'not now' },
  ];

  it.each<[string, string, object, Omit<ReplySummary, 'reply'>]>([
    [
      'a Group code at the bottom of its range',
      'Group.CallbackBeforeSendMsg',
      { ...valid, ErrorCode: 10100, ErrorInfo: 'no links' },
      { ...notAccepted(10100, 'no links'), customRejection: { code: 10100, info: 'no links' } },
    ],
    [
      'a Group code at the top of its range',
      'Group.CallbackBeforeApplyJoinGroup',
      { ...valid, ErrorCode: 10200, ErrorInfo: '' },
      { ...notAccepted(10200, ''), customRejection: { code: 10200, info: '' } },
    ],
    [
      'a code just above the Group range',
      'Group.CallbackBeforeCreateTopic',
      { ...valid, ErrorCode: 10201, ErrorInfo: 'x' },
      notAccepted(10201, 'x'),
    ],
    [
      'a C2C code to a Group gate, which is not its range',
      'Group.CallbackBeforeSendMsg',
      { ...valid, ErrorCode: 120001, ErrorInfo: 'x' },
      notAccepted(120001, 'x'),
    ],
    [
      'a C2C code to C2C.CallbackBeforeSendMsg',
      'C2C.CallbackBeforeSendMsg',
      { ...valid, ErrorCode: 125000, ErrorInfo: 'muted' },
      { ...notAccepted(125000, 'muted'), customRejection: { code: 125000, info: 'muted' } },
    ],
    [
      'a code of the Sns range at the top level of a friend gate',
      FRIEND_ADD_COMMAND,
      { ...valid, ErrorCode: 38000, ErrorInfo: 'busy' },
      { ...notAccepted(38000, 'busy'), customRejection: { code: 38000, info: 'busy' } },
    ],
    [
      'a drop to C2C.CallbackBeforeSendMsg',
      'C2C.CallbackBeforeSendMsg',
      { ...valid, ErrorCode: 2 },
      { ...notAccepted(2, ''), dropped: true },
    ],
    [
      'ErrorCode 2 to an action gate, which cannot drop',
      'Group.CallbackBeforeCreateGroup',
      { ...valid, ErrorCode: 2 },
      notAccepted(2, ''),
    ],
    [
      'a changed message to Group.CallbackBeforeSendMsg',
      'Group.CallbackBeforeSendMsg',
      { ...valid, CloudCustomData: 'masked' },
      { ...ACCEPTED, modified: { CloudCustomData: 'masked' } },
    ],
    [
      'MsgBody in the reply to a notification, which nothing reads (and nothing checks)',
      'Group.CallbackAfterSendMsg',
      { ...valid, MsgBody: 'anything', CloudCustomData: 7 },
      ACCEPTED,
    ],
    [
      "a group invite's refused members",
      INVITE_COMMAND,
      { ...valid, RefusedMembers_Account: ['jared', 'leckie'] },
      { ...ACCEPTED, refused: ['jared', 'leckie'] },
    ],
    [
      'a group invite refused as a whole',
      INVITE_COMMAND,
      { ...valid, ErrorCode: 1, ErrorInfo: 'closed' },
      notAccepted(1, 'closed'),
    ],
    [
      "the subscribers' field in a reply to BeforeAddSubscriber, as without a command",
      BEFORE_ADD_SUBSCRIBER_COMMAND,
      { ...valid, RefusedSubscribers_Account: ['jared'] },
      { ...ACCEPTED, refused: ['jared'] },
    ],
    [
      "a friend request's results",
      FRIEND_ADD_COMMAND,
      { ...valid, ResultItem: results },
      { ...ACCEPTED, refused: ['id2'], results },
    ],
    ['a friend response with no ResultItem', 'Sns.CallbackPrevFriendResponse', valid, ACCEPTED],
    [
      "a failed friend request's results, still read",
      FRIEND_ADD_COMMAND,
      { ...valid, ErrorCode: 1, ResultItem: results },
      { ...notAccepted(1, ''), refused: ['id2'], results },
    ],
    [
      "the chatbot's RspData",
      SIGNAL_COMMAND,
      { ...valid, RspData: '{"answer":42}' },
      { ...ACCEPTED, data: '{"answer":42}' },
    ],
    [
      'RspData with ErrorCode 1, which Tencent ignores',
      SIGNAL_COMMAND,
      { ...valid, ErrorCode: 1, RspData: 'ignored' },
      notAccepted(1, ''),
    ],
    ['RspData in the reply to another command', 'Group.CallbackBeforeSendMsg', { ...valid, RspData: 'x' }, ACCEPTED],
    [
      'a command of a family this package does not know, read as without one',
      FOREIGN_COMMAND,
      { ...valid, ErrorCode: 120001, ErrorInfo: 'x', RefusedSubscribers_Account: ['a'] },
      { ...notAccepted(120001, 'x'), refused: ['a'], customRejection: { code: 120001, info: 'x' } },
    ],
  ])('reads %s', (_name, command, body, expected) => {
    expect(parseReply(body, { command })).toEqual({ ...expected, reply: body });
    expect(parseReply(JSON.stringify(body), { command })).toEqual({ ...expected, reply: body });
  });

  it('reads a Group code as no custom code without the command, as before', () => {
    expect(parseReply({ ...valid, ErrorCode: 10100, ErrorInfo: 'x' }).customRejection).toBeUndefined();
    expect(parseReply({ ...valid, ErrorCode: 10100, ErrorInfo: 'x' }, {}).customRejection).toBeUndefined();
  });

  it('returns results of its own', () => {
    const reply = { ...valid, ResultItem: results.map((result) => ({ ...result })) };
    const summary = parseReply(reply, { command: FRIEND_ADD_COMMAND });
    (summary.results as { ResultCode: number }[])[0]!.ResultCode = 5;
    expect(reply.ResultItem).toEqual(results);
  });

  it.each<[string, string, object, string]>([
    [
      'a ResultItem that is not an array',
      FRIEND_ADD_COMMAND,
      { ...valid, ResultItem: { To_Account: 'id1', ResultCode: 0, ResultInfo: '' } },
      'ResultItem must be an array of { To_Account, ResultCode, ResultInfo }, one per target, got ' +
        '{"To_Account":"id1","ResultCode":0,"ResultInfo":""}',
    ],
    [
      'a result that is null',
      FRIEND_ADD_COMMAND,
      { ...valid, ResultItem: [null] },
      'ResultItem[0] must be an object { To_Account, ResultCode, ResultInfo }, got null',
    ],
    [
      'a result that is a UserID',
      'Sns.CallbackPrevFriendResponse',
      { ...valid, ResultItem: ['id1'] },
      'ResultItem[0] must be an object { To_Account, ResultCode, ResultInfo }, got "id1"',
    ],
    [
      'a result without To_Account',
      FRIEND_ADD_COMMAND,
      { ...valid, ResultItem: [results[0], { ResultCode: 0, ResultInfo: '' }] },
      'ResultItem[1].To_Account must be a UserID, it is missing',
    ],
    [
      'a ResultCode as a string',
      FRIEND_ADD_COMMAND,
      { ...valid, ResultItem: [{ To_Account: 'id1', ResultCode: '0', ResultInfo: '' }] },
      'ResultItem[0].ResultCode must be an integer, got "0"',
    ],
    [
      'a fractional ResultCode',
      FRIEND_ADD_COMMAND,
      { ...valid, ResultItem: [{ To_Account: 'id1', ResultCode: 0.5, ResultInfo: '' }] },
      'ResultItem[0].ResultCode must be an integer, got 0.5',
    ],
    [
      'a result without ResultInfo',
      FRIEND_ADD_COMMAND,
      { ...valid, ResultItem: [{ To_Account: 'id1', ResultCode: 0 }] },
      'ResultItem[0].ResultInfo must be a string, it is missing',
    ],
    [
      "the subscribers' field in a group invite's reply",
      INVITE_COMMAND,
      { ...valid, RefusedSubscribers_Account: ['jared'] },
      'it has RefusedSubscribers_Account, which Group.CallbackBeforeInviteJoinGroup does not read; ' +
        'Tencent reads RefusedMembers_Account',
    ],
    [
      "a group invite's refused members as one string",
      INVITE_COMMAND,
      { ...valid, RefusedMembers_Account: 'jared' },
      'RefusedMembers_Account must be an array of UserIDs, got "jared"',
    ],
    [
      "RefusedMembers_Account, the page's typo, in a reply to BeforeAddSubscriber",
      BEFORE_ADD_SUBSCRIBER_COMMAND,
      { ...valid, RefusedMembers_Account: ['jared'] },
      "it has RefusedMembers_Account, a typo on Tencent's page; Tencent reads RefusedSubscribers_Account",
    ],
    [
      'an RspData that is not a string',
      SIGNAL_COMMAND,
      { ...valid, RspData: { answer: 42 } },
      'RspData must be a string, got {"answer":42}',
    ],
    [
      'a changed message body that is not one, to a message gate',
      'C2C.CallbackBeforeSendMsg',
      { ...valid, MsgBody: 'hello' },
      'MsgBody must be an array of { MsgType, MsgContent } elements, got "hello"',
    ],
  ])('refuses %s with an InvalidReplyError', (_name, command, body, message) => {
    let thrown: unknown;
    try {
      parseReply(JSON.stringify(body), { command });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidReplyError);
    expect(thrown).toMatchObject({
      name: 'InvalidReplyError',
      code: 'ERR_REPLY_INVALID',
      message: `reply is not in Tencent's format: ${message}`,
    });
  });

  it("names the command to give when a reply without one has a group invite's field", () => {
    expect(() => parseReply({ ...valid, RefusedMembers_Account: ['jared'] })).toThrow(
      "reply is not in Tencent's format: it has RefusedMembers_Account, a typo on Tencent's page; Tencent reads " +
        "RefusedSubscribers_Account; to read another command's reply, give it: parseReply(body, { command: " +
        "'Group.CallbackBeforeInviteJoinGroup' })",
    );
  });

  it.each<[string, unknown, string]>([
    ['options that are a string', 'Group.CallbackBeforeSendMsg', 'parseReply: the options must be an object'],
    ['options that are null', null, 'parseReply: the options must be an object'],
    ['a command that is a number', { command: 7 }, 'parseReply: `command` must be a CallbackCommand'],
    ['a malformed command', { command: 'SendMsg' }, 'parseReply: `command` must be a CallbackCommand'],
    [
      'a misspelt command',
      { command: 'Group.CallbackBeforeSendMgs' },
      'parseReply: Group.CallbackBeforeSendMgs is not a command of Group: did you mean Group.CallbackBeforeSendMsg?',
    ],
    [
      'a misspelt Sns command',
      { command: 'Sns.CallbackBeforeFriendAdd' },
      'parseReply: Sns.CallbackBeforeFriendAdd is not a command of Sns: did you mean Sns.CallbackPrevFriendAdd?',
    ],
  ])('refuses %s with a TypeError, before reading the reply', (_name, options, message) => {
    expect(() => parseReply('not JSON', options as never)).toThrow(TypeError);
    expect(() => parseReply('not JSON', options as never)).toThrow(message);
  });
});

describe('the testing entry', () => {
  /** Every module specifier reachable from a file of lib/, following its relative imports. */
  function bareImportsFrom(file: string, seen = new Set<string>()): Set<string> {
    const found = new Set<string>();
    if (seen.has(file)) return found;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier = ''] of source.matchAll(/(?:from|import)\s+'([^']+)'/g)) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts'));
        for (const each of bareImportsFrom(target, seen)) found.add(each);
      } else {
        found.add(specifier);
      }
    }
    return found;
  }

  it("imports neither express, nor a test framework, nor the validator: nothing but node's built-ins", () => {
    const imports = [...bareImportsFrom(path.join(__dirname, '../lib/testing.ts'))];
    expect(imports.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
  });
});
