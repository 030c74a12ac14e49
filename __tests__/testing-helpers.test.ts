import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  AFTER_SEND_MSG_COMMAND,
  BEFORE_ADD_SUBSCRIBER_COMMAND,
  BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  BEFORE_SEND_MSG_COMMAND,
  computeSign as computeSignFromIndex,
  OFFICIAL_ACCOUNT_COMMANDS,
  OFFICIAL_ACCOUNT_EXAMPLES,
  type CreationDecision,
  type DecisionContext,
  type MessageDecision,
  type MessageElement,
} from '../lib/index';
import {
  buildCallback,
  CALLBACK_DEFAULTS,
  computeSign,
  InvalidReplyError,
  parseReply,
  type BuildCallbackOptions,
  type SubscribersCallbackOptions,
  type ReplySummary,
} from '../lib/testing';
import { tencentExampleReplyRefused, tencentExampleRequest } from './fixtures';
import {
  COMMAND,
  routerServerWith,
  SDK_APP_ID,
  serverWith,
  SERVER_KINDS,
  TOKEN,
  type ServerKind,
} from './helpers/servers';

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
      'buildCallback: OfficialAccount.CallbackBeforeSendMessage is not one of the 11 Official Account commands.',
    ],
    [
      'the lower-case d of MsgWithdraw',
      () => buildCallback({ command: 'OfficialAccount.CallbackAfterMsgWithdraw' }),
      'OfficialAccount.CallbackAfterMsgWithdraw is not one of the 11 Official Account commands.',
    ],
    ...(
      [
        ['an array', [{ Name: 'x' }]],
        ['null', null],
        ['a JSON string', '{"Name":"x"}'],
      ] as const
    ).map(([name, event]): [string, () => unknown, string] => [
      `an event that is ${name}`,
      () => buildCallback({ command: 'Group.CallbackAfterNewMemberJoin', event } as BuildCallbackOptions),
      'buildCallback: `event` must be an object of body fields.',
    ]),
  ])('refuses %s with a TypeError that says what to pass', (_name, build, message) => {
    expect(build).toThrow(TypeError);
    expect(build).toThrow(message);
  });
});

describe('buildCallback for any command', () => {
  it.each(OFFICIAL_ACCOUNT_COMMANDS)("builds %s as Tencent's example, with EventTime now", (command) => {
    const callback = buildCallback({ command, now });
    const expected = { ...OFFICIAL_ACCOUNT_EXAMPLES[command], EventTime: NOW_MS };
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

  it.each(OFFICIAL_ACCOUNT_COMMANDS)('builds %s with the EventTime given, and signs it', (command) => {
    const callback = buildCallback({ command, now, eventTime: 42, token: TOKEN });
    expect(callback.body).toEqual({ ...OFFICIAL_ACCOUNT_EXAMPLES[command], EventTime: 42 });
    expect(callback.query).toMatchObject({ RequestTime: NOW_SECONDS, Sign: computeSign(TOKEN, NOW_SECONDS) });
  });

  it.each(OFFICIAL_ACCOUNT_COMMANDS)(
    'builds %s with CallbackCommand from `command`, whatever `event` says',
    (command) => {
      const other = command === AFTER_SEND_MSG_COMMAND ? BEFORE_SEND_MSG_COMMAND : AFTER_SEND_MSG_COMMAND;
      const callback = buildCallback({ command, now, event: { CallbackCommand: other } as object });
      expect(callback.body).toEqual({ ...OFFICIAL_ACCOUNT_EXAMPLES[command], EventTime: NOW_MS });
      expect(callback.json.startsWith(`{"CallbackCommand":"${command}",`)).toBe(true);
    },
  );

  it.each<[string, BuildCallbackOptions, object]>([
    [
      'BeforeSendMsg with another message',
      {
        command: BEFORE_SEND_MSG_COMMAND,
        event: { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }], OnlineOnlyFlag: 0 },
      },
      {
        ...OFFICIAL_ACCOUNT_EXAMPLES[BEFORE_SEND_MSG_COMMAND],
        EventTime: NOW_MS,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
        OnlineOnlyFlag: 0,
      },
    ],
    [
      'BeforeCreateOfficialAccount with another name and a field Tencent may add',
      { command: BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND, event: { Name: 'News', Introduction: 'hi' } as object },
      {
        ...OFFICIAL_ACCOUNT_EXAMPLES[BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND],
        EventTime: NOW_MS,
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
      { ...OFFICIAL_ACCOUNT_EXAMPLES[AFTER_SEND_MSG_COMMAND], EventTime: 7 },
    ],
    [
      'an EventTime of the wrong type, to test a 400',
      { command: AFTER_SEND_MSG_COMMAND, event: { EventTime: 'yesterday' } as object },
      { ...OFFICIAL_ACCOUNT_EXAMPLES[AFTER_SEND_MSG_COMMAND], EventTime: 'yesterday' },
    ],
  ])('takes the fields of `event` over the example: %s', (_name, options, expected) => {
    const callback = buildCallback({ now, ...options });
    expect(callback.body).toEqual(expected);
    expect(JSON.parse(callback.json)).toEqual(expected);
  });

  it('leaves out a field given as undefined, from the body and from its JSON', () => {
    const callback = buildCallback({ command: BEFORE_SEND_MSG_COMMAND, now, event: { CloudCustomData: undefined } });
    const { CloudCustomData: _left, ...expected } = OFFICIAL_ACCOUNT_EXAMPLES[BEFORE_SEND_MSG_COMMAND];
    expect(Object.keys(callback.body)).toEqual(Object.keys(expected));
    expect(callback.body).toEqual({ ...expected, EventTime: NOW_MS });
    expect(callback.json).toBe(JSON.stringify({ ...expected, EventTime: NOW_MS }));
  });

  it('gives a body of its own, which a test may change without changing the example or the next body', () => {
    const first = buildCallback({ command: BEFORE_SEND_MSG_COMMAND, now });
    (first.body.MsgBody as unknown[]).push({ MsgType: 'TIMTextElem', MsgContent: { Text: 'more' } });
    expect(OFFICIAL_ACCOUNT_EXAMPLES[BEFORE_SEND_MSG_COMMAND].MsgBody).toHaveLength(1);
    expect(buildCallback({ command: BEFORE_SEND_MSG_COMMAND, now }).body.MsgBody).toHaveLength(1);
  });

  it('builds BeforeAddSubscriber from `command` exactly as from the subscribers of the example', () => {
    const fromCommand = buildCallback({ command: BEFORE_ADD_SUBSCRIBER_COMMAND, now, token: TOKEN });
    const fromSubscribers = buildCallback({ subscribers: ['jared', 'leckie'], now, token: TOKEN });
    expect(fromCommand).toEqual(fromSubscribers);
    expect(fromCommand.json).toBe(fromSubscribers.json);
  });

  it.each<[string, object | undefined, string]>([
    ['no event', undefined, '{"CallbackCommand":"Group.CallbackAfterNewMemberJoin","EventTime":1670574414123}'],
    [
      'its fields',
      { GroupId: '@TGS#1', NewMemberList: [{ Member_Account: 'ann' }] },
      '{"CallbackCommand":"Group.CallbackAfterNewMemberJoin","EventTime":1670574414123,"GroupId":"@TGS#1",' +
        '"NewMemberList":[{"Member_Account":"ann"}]}',
    ],
    [
      'another CallbackCommand and its own EventTime',
      { CallbackCommand: 'Group.CallbackBeforeSendMsg', EventTime: 7, GroupId: '@TGS#1' },
      '{"CallbackCommand":"Group.CallbackAfterNewMemberJoin","EventTime":7,"GroupId":"@TGS#1"}',
    ],
  ])('builds a command of another family from %s, CallbackCommand first', (_name, event, json) => {
    const callback = buildCallback({ command: 'Group.CallbackAfterNewMemberJoin', now, event });
    expect(callback.json).toBe(json);
    expect(callback.body).toEqual(JSON.parse(json));
    expect(callback.query.CallbackCommand).toBe('Group.CallbackAfterNewMemberJoin');
  });
});

describe.each(SERVER_KINDS)('a built callback sent to the real middleware on %s', (kind: ServerKind) => {
  it('is accepted with a token and an SDKAppID configured, and decided as Tencent would expect', async () => {
    const seen: Pick<DecisionContext, 'event' | 'query'>[] = [];
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

  it.each<[string, CreationDecision, ReplySummary]>([
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

  it('imports neither express, nor a test framework, nor the validator: only node:crypto', () => {
    expect([...bareImportsFrom(path.join(__dirname, '../lib/testing.ts'))]).toEqual(['node:crypto']);
  });
});
