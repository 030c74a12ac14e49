import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DEFINITION_BY_COMMAND } from '../lib/commands/index';
import type { MessageElement } from '../lib/index';
import { buildCallback, type BuildCallbackOptions } from '../lib/testing';
import { tencentExampleReplyRefused } from './fixtures';

// The example app runs as `npm start` runs it: node on the built package, in its own process.
const SERVER = path.join(__dirname, '..', 'example-app', 'server.mjs');

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const REFUSED = { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: '' };
const SIGN_MISSING = {
  ActionStatus: 'FAIL',
  ErrorCode: 1,
  ErrorInfo: 'ERR_SIGN_MISSING: query parameter Sign is missing',
};
const MESSAGE_GATES = [
  'C2C.CallbackBeforeSendMsg',
  'Group.CallbackBeforeSendMsg',
  'OfficialAccount.CallbackBeforeSendMsg',
];

interface Reply {
  status: number;
  body: unknown;
}

/** The printed curl lines, one per kind of gate, in the order `npm start` prints them. */
const CURL_LINES = [
  {
    command: 'C2C.CallbackBeforeSendMsg',
    reply: {
      ...OK,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Call me on +** ***-****-****' } }],
    },
  },
  { command: 'OfficialAccount.CallbackBeforeCreateOfficialAccount', reply: OK },
  { command: 'Group.CallbackBeforeInviteJoinGroup', reply: { ...OK, RefusedMembers_Account: ['jared'] } },
  {
    command: 'Sns.CallbackPrevFriendAdd',
    reply: {
      ...OK,
      ResultItem: [
        { To_Account: 'jared', ResultCode: 38000, ResultInfo: '' },
        { To_Account: 'tommy', ResultCode: 0, ResultInfo: '' },
      ],
    },
  },
];
const answered = (body: unknown): Reply => ({ status: 200, body });

interface RunningExample {
  baseUrl: string;
  /** The printed curl lines: a message, an action, a list and a target gate (see CURL_LINES). */
  curlLines: string[];
  output: () => string;
  /** POSTs the callback `buildCallback` makes of these options to the app. */
  send: (options: BuildCallbackOptions) => Promise<Reply>;
  stop: () => Promise<void>;
}

/** Resolves when `condition` holds, polling; rejects after a few seconds with what `describe` says. */
async function waitFor(condition: () => boolean, describe: () => string): Promise<void> {
  for (const started = Date.now(); !condition();) {
    if (Date.now() - started > 5000) throw new Error(`timed out waiting: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function replyOf(response: Response): Promise<Reply> {
  return { status: response.status, body: await response.json() };
}

async function startExample(env: Record<string, string>): Promise<RunningExample> {
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const curlLines = (): string[] => output.match(/^curl .*$/gm) ?? [];
  await waitFor(
    () => curlLines().length === CURL_LINES.length || child.exitCode !== null,
    () => output,
  );
  if (child.exitCode !== null) throw new Error(`example app exited: ${output}`);
  const baseUrl = /webhook at POST (http:\/\/localhost:\d+)\/im\/callback/.exec(output)?.[1] ?? '';
  const send = async (options: BuildCallbackOptions): Promise<Reply> => {
    const callback = buildCallback(options);
    return replyOf(await fetch(`${baseUrl}${callback.path}`, { method: 'POST', body: callback.json }));
  };
  return { baseUrl, curlLines: curlLines(), output: () => output, send, stop };
}

/** Sends what a printed curl line sends: its URL and its -d body. */
async function runCurlLine(curlLine: string | undefined): Promise<Reply> {
  const url = /-X POST '([^']+)'/.exec(curlLine ?? '')?.[1] ?? '';
  const body = / -d '(.+)'$/.exec(curlLine ?? '')?.[1] ?? '';
  return replyOf(await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } }));
}

/**
 * An unsigned request for `command`: Tencent's example body from the registry with these fields
 * changed, whole, so it does not depend on `buildCallback` knowing the example.
 */
function exampleWith(command: string, fields: Record<string, unknown> = {}): BuildCallbackOptions {
  const example = DEFINITION_BY_COMMAND.get(command)?.example;
  if (example === undefined) throw new Error(`the registry has no ${command}`);
  return { command, event: { ...structuredClone(example as object), ...fields } };
}

/** A message of one of the message gates whose body is these elements. */
function message(command: string, ...MsgBody: MessageElement[]): BuildCallbackOptions {
  return exampleWith(command, { MsgBody });
}

const text = (Text: string): MessageElement => ({ MsgType: 'TIMTextElem', MsgContent: { Text } });
const custom = (Data: string): MessageElement => ({ MsgType: 'TIMCustomElem', MsgContent: { Data } });

describe('the example app (npm start)', () => {
  let example: RunningExample;
  afterEach(async () => {
    await example.stop();
  });

  it('prints one curl line per kind of gate and answers each exactly', async () => {
    example = await startExample({});
    expect(example.output()).toContain('Authentication: OFF: IM_CALLBACK_TOKEN is not set, anyone can call the URL');
    expect(example.output()).toContain('`token: false`, so requests are not authenticated');
    expect(example.output()).toContain('blocked users: jared; blocked words: spam');
    expect(example.curlLines).toHaveLength(CURL_LINES.length);
    CURL_LINES.forEach(({ command }, index) => {
      expect(example.curlLines[index]).toContain(`CallbackCommand=${command}&`);
    });
    const replies = await Promise.all(example.curlLines.map(runCurlLine));
    expect(replies).toEqual(CURL_LINES.map(({ reply }) => answered(reply)));
  });

  it('refuses C2C, Group and Official Account messages with a BLOCKED_WORDS word, in any case', async () => {
    example = await startExample({ BLOCKED_WORDS: 'Red Packet, lottery' });
    const replies = await Promise.all(
      MESSAGE_GATES.map((command) =>
        Promise.all([
          // Tencent's example message says "red packet".
          example.send(exampleWith(command)),
          example.send(message(command, text('hello'), text('Win the LOTTERY'))),
          // A blocked word refuses the message even when it also has a phone number to mask.
          example.send(message(command, text('lottery: call 1234567'))),
          // "spam" is no longer blocked: BLOCKED_WORDS replaces the default.
          example.send(message(command, text('Cheap spam, click here'))),
          // Only text elements are read.
          example.send(message(command, custom('lottery'))),
        ]),
      ),
    );
    expect(Object.fromEntries(MESSAGE_GATES.map((command, index) => [command, replies[index]]))).toEqual(
      Object.fromEntries(
        MESSAGE_GATES.map((command) => [
          command,
          [answered(REFUSED), answered(REFUSED), answered(REFUSED), answered(OK), answered(OK)],
        ]),
      ),
    );
  });

  it('masks the digits of phone numbers in C2C and Group text, leaving other elements as they are', async () => {
    example = await startExample({});
    const face: MessageElement = { MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'smile' } };
    const body = [
      text('Call +86 138-0013-8000 or 555-123-4567, not 123 456'),
      custom('13800138000'),
      text('Order 1234567'),
      face,
      text('12  34 56 78 is not one number'),
    ];
    const masked = [
      text('Call +** ***-****-**** or ***-***-****, not 123 456'),
      custom('13800138000'),
      text('Order *******'),
      face,
      text('12  34 56 78 is not one number'),
    ];
    const replies = await Promise.all([
      example.send(message('C2C.CallbackBeforeSendMsg', ...body)),
      example.send(message('Group.CallbackBeforeSendMsg', ...body)),
      // Official Account messages are not masked.
      example.send(message('OfficialAccount.CallbackBeforeSendMsg', ...body)),
      // Nothing to mask: sent as it is.
      example.send(message('C2C.CallbackBeforeSendMsg', text('see you at 7'), custom('13800138000'))),
      example.send(exampleWith('Group.CallbackBeforeSendMsg', { MsgBody: [text('123456 is six digits')] })),
    ]);
    expect(replies).toEqual([
      answered({ ...OK, MsgBody: masked }),
      answered({ ...OK, MsgBody: masked }),
      answered(OK),
      answered(OK),
      answered(OK),
    ]);
  });

  it('refuses BLOCKED_SUBSCRIBERS as Official Account subscribers, group invitees and friend targets', async () => {
    example = await startExample({ BLOCKED_SUBSCRIBERS: 'leckie, tommy' });
    const replies = await Promise.all([
      // Tencent's examples: subscribers and invitees jared and leckie; friends id1 and id2.
      example.send({ command: 'OfficialAccount.CallbackBeforeAddSubscriber' }),
      example.send(exampleWith('Group.CallbackBeforeInviteJoinGroup')),
      example.send(exampleWith('Sns.CallbackPrevFriendAdd')),
      example.send(
        exampleWith('Sns.CallbackPrevFriendAdd', {
          FriendItem: [{ To_Account: 'leckie' }, { To_Account: 'jared' }, { To_Account: 'tommy' }],
        }),
      ),
      example.send(
        exampleWith('Sns.CallbackPrevFriendResponse', {
          ResponseFriendItem: [
            { To_Account: 'jared', ResponseAction: 'Response_Action_AgreeAndAdd' },
            { To_Account: 'tommy', ResponseAction: 'Response_Action_Agree' },
          ],
        }),
      ),
      // The printed list and target gate lines ask for jared and tommy.
      runCurlLine(example.curlLines[2]),
      runCurlLine(example.curlLines[3]),
    ]);
    const result = (To_Account: string, ResultCode: number): object => ({ To_Account, ResultCode, ResultInfo: '' });
    expect(replies).toEqual([
      answered({ ...tencentExampleReplyRefused, RefusedSubscribers_Account: ['leckie'] }),
      answered({ ...OK, RefusedMembers_Account: ['leckie'] }),
      answered({ ...OK, ResultItem: [result('id1', 0), result('id2', 0)] }),
      answered({ ...OK, ResultItem: [result('leckie', 38000), result('jared', 0), result('tommy', 38000)] }),
      answered({ ...OK, ResultItem: [result('jared', 0), result('tommy', 38000)] }),
      answered({ ...OK, RefusedMembers_Account: ['tommy'] }),
      answered({ ...OK, ResultItem: [result('jared', 0), result('tommy', 38000)] }),
    ]);
  });

  it('answers each After-callback OK and logs it in one line; acknowledges other commands; allows creation', async () => {
    example = await startExample({});
    const logged: Record<string, string[]> = {
      'C2C.CallbackAfterSendMsg': [
        'C2C.CallbackAfterSendMsg from="jared" to="Jonh" msgKey="48374_2837546_1557481126" result=0',
      ],
      'Group.CallbackAfterSendMsg': ['Group.CallbackAfterSendMsg group="@TGS#2J4SZEAEL" from="jared" msgSeq=123'],
      'Group.CallbackAfterNewMemberJoin': [
        'Group.CallbackAfterNewMemberJoin group="@TGS#2J4SZEAEL" joinType="Apply" members=["jared","tommy"]',
      ],
      'Sns.CallbackFriendAdd': ['Sns.CallbackFriendAdd pairs=[["id","id1"],["id","id2"],["id","id3"]]'],
      'OfficialAccount.CallbackAfterCreateOfficialAccount': [
        'OfficialAccount.CallbackAfterCreateOfficialAccount account="@TOA#_test_OA_for_penn" name="TestOfficialAccount" owner="107867"',
      ],
      'OfficialAccount.CallbackAfterOfficialAccountInfoChanged': [
        'OfficialAccount.CallbackAfterOfficialAccountInfoChanged account="@TOA#_test_OA_for_penn" operator="leckie" changed=["Name","Introduction","FaceUrl","Organization"]',
      ],
      'OfficialAccount.CallbackAfterOfficialAccountDestroyed': [
        'OfficialAccount.CallbackAfterOfficialAccountDestroyed account="@TOA#_test_OA_for_penn" name="TestOfficialAccount" owner="107867"',
      ],
      'OfficialAccount.CallbackAfterAddSubscriber': [
        'OfficialAccount.CallbackAfterAddSubscriber account="@TOA#_test_for_penn" operator="107867" subscribers=["jared","leckie"]',
      ],
      'OfficialAccount.CallbackAfterOfficialAccountFull': [
        'OfficialAccount.CallbackAfterOfficialAccountFull account="@TOA#_test_OA_for_penn"',
      ],
      'OfficialAccount.CallbackAfterDeleteSubscriber': [
        'OfficialAccount.CallbackAfterDeleteSubscriber account="@TOA#_test_OA_for_penn" operator="leckie" subscribers=["jared","leckie"]',
      ],
      'OfficialAccount.CallbackAfterSendMsg': [
        'OfficialAccount.CallbackAfterSendMsg account="@TOA#_2J4SZEAEL" msgKey="71_1_1698741698"',
      ],
      'OfficialAccount.CallbackAfterMsgWithDraw': [
        'OfficialAccount.CallbackAfterMsgWithDraw account="#TOA#_123" msgKeys=["71_1_1698741698"]',
      ],
    };
    const afterCommands = Object.keys(logged);
    const replies = await Promise.all(
      [
        ...afterCommands,
        'OfficialAccount.CallbackBeforeCreateOfficialAccount',
        // No handler: acknowledged (`unhandled: 'ack'`), a gate of another kind included.
        'State.StateChange',
        'Profile.CallbackPortraitSet',
        'Group.CallbackBeforeCreateGroup',
      ].map((command) => example.send(exampleWith(command))),
    );
    expect(replies).toEqual(replies.map(() => answered(OK)));

    const linesOf = (command: string): string[] =>
      example.output().match(new RegExp(`^${command.replace('.', '\\.')} .*$`, 'gm')) ?? [];
    await waitFor(
      () => afterCommands.every((command) => linesOf(command).length > 0),
      () => example.output(),
    );
    expect(Object.fromEntries(afterCommands.map((command) => [command, linesOf(command)]))).toEqual(logged);
    for (const command of ['State.StateChange', 'Profile.CallbackPortraitSet', 'Group.CallbackBeforeCreateGroup']) {
      expect(linesOf(command)).toEqual([]);
    }
  });

  it('keeps a log line one line whatever the event holds', async () => {
    example = await startExample({});
    const reply = await example.send({
      command: 'OfficialAccount.CallbackAfterOfficialAccountFull',
      event: { Official_Account: '@TOA#_x\nOfficialAccount.CallbackAfterOfficialAccountFull forged' },
    });
    expect(reply).toEqual(answered(OK));
    const lines = (): string[] =>
      example.output().match(/^OfficialAccount\.CallbackAfterOfficialAccountFull.*$/gm) ?? [];
    await waitFor(
      () => lines().length > 0,
      () => example.output(),
    );
    expect(lines()).toEqual([
      'OfficialAccount.CallbackAfterOfficialAccountFull account="@TOA#_x\\nOfficialAccount.CallbackAfterOfficialAccountFull forged"',
    ]);
  });

  it('answers GET /healthz', async () => {
    example = await startExample({});
    const health = await fetch(`${example.baseUrl}/healthz`);
    expect(await replyOf(health)).toEqual(answered({ ok: true }));
  });

  it('checks Sign and SdkAppid of every command when IM_CALLBACK_TOKEN and IM_SDKAPPID are set', async () => {
    const token = 'example-token-123';
    const sdkAppId = '1400999999';
    example = await startExample({ IM_CALLBACK_TOKEN: token, IM_SDKAPPID: sdkAppId });
    expect(example.output()).toContain('Authentication: Sign checked; SdkAppid: 1400999999');
    expect(example.output()).not.toContain(token);
    expect(example.curlLines).toHaveLength(CURL_LINES.length);
    for (const line of example.curlLines)
      expect(line).toMatch(/SdkAppid=1400999999&.*RequestTime=\d+&Sign=[0-9a-f]{64}'/);

    const unsign = (line: string): string => line.replace(/&RequestTime=\d+&Sign=[0-9a-f]{64}/, '');
    const after = 'OfficialAccount.CallbackAfterAddSubscriber';
    const other = 'State.StateChange';
    const replies = await Promise.all([
      ...example.curlLines.map(runCurlLine),
      ...example.curlLines.map((line) => runCurlLine(unsign(line))),
      example.send({ command: after, token, sdkAppId }),
      example.send({ command: after, sdkAppId }),
      example.send({ command: after, token: 'forged-token', sdkAppId }),
      example.send({ command: after, token }),
      example.send({ ...exampleWith(other), token, sdkAppId }),
      example.send({ ...exampleWith(other), sdkAppId }),
    ]);
    expect(replies).toEqual([
      ...CURL_LINES.map(({ reply }) => answered(reply)),
      ...CURL_LINES.map(() => ({ status: 401, body: SIGN_MISSING })),
      answered(OK),
      { status: 401, body: SIGN_MISSING },
      {
        status: 401,
        body: { ...SIGN_MISSING, ErrorInfo: 'ERR_SIGN_MISMATCH: Sign does not match the configured callback token' },
      },
      {
        status: 403,
        body: {
          ...SIGN_MISSING,
          ErrorInfo: 'ERR_SDKAPPID_MISMATCH: query parameter SdkAppid is not the SDKAppID this webhook serves',
        },
      },
      answered(OK),
      { status: 401, body: SIGN_MISSING },
    ]);
    // Only the signed AfterAddSubscriber reached its handler.
    await waitFor(
      () => example.output().includes(`${after} `),
      () => example.output(),
    );
    expect(example.output().match(new RegExp(`^${after} .*$`, 'gm'))).toHaveLength(1);
  });
});
