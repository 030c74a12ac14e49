import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { CodeRange } from '../lib/commands/define';
import { DEFINITIONS } from '../lib/commands/index';
import {
  beforeAddSubscriber,
  callbackRouter,
  computeSign,
  type ActionDecision,
  type CallbackQuery,
  type CommandHandlers,
  type GenericReply,
  type MessageDecision,
  type MessageElement,
  type OfficialAccountBeforeAddSubscriberEvent,
  type TargetDecision,
} from '../lib/index';
import { main, type CliIO } from '../lib/cli/main';
import { SIMULATE_OPTIONS } from '../lib/cli/simulate-options';
import { recordingHandlers } from './helpers/registry';
import { silentLogger } from './helpers/servers';

const TOKEN = 'cli-test-token-do-not-print-3f9a';
const SDK_APP_ID = '1400000000';
const COMMAND = 'OfficialAccount.CallbackBeforeAddSubscriber';
const BEFORE_ADD_SUBSCRIBER_COMMAND = COMMAND;
const BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND = 'OfficialAccount.CallbackBeforeCreateOfficialAccount';
const BEFORE_SEND_MSG_COMMAND = 'OfficialAccount.CallbackBeforeSendMsg';
const AFTER_SEND_MSG_COMMAND = 'OfficialAccount.CallbackAfterSendMsg';
const INVITE_COMMAND = 'Group.CallbackBeforeInviteJoinGroup';
const FRIEND_ADD_COMMAND = 'Sns.CallbackPrevFriendAdd';
const FRIEND_RESPONSE_COMMAND = 'Sns.CallbackPrevFriendResponse';
const SIGNAL_COMMAND = 'Chatbot.OnC2CSignalMessage';
/** A command of a family the registry does not know, handled on /router by a generic handler. */
const FOREIGN_COMMAND = 'Meeting.CallbackBeforeStart';
const C2C_CODES: CodeRange = { min: 120001, max: 130000 };
const GROUP_CODES: CodeRange = { min: 10100, max: 10200 };
const BIN = path.join(__dirname, '../dist/cjs/cli.js');
/** A path no file has, for --event @file. */
const MISSING_FILE = path.join(__dirname, 'fixtures', 'no-such-event.json');

interface Seen {
  event: OfficialAccountBeforeAddSubscriberEvent;
  query: CallbackQuery;
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];
/** What the handlers of callbackRouter on /router were called with. */
const routed: { command: string; event: unknown }[] = [];
const hanging: http.ServerResponse[] = [];
/** Resolves when the client closes the connection of an endless reply. */
const endlessClosed: Promise<void>[] = [];

const TWO_MIB = 2 * 1024 * 1024;
/** What a hostile server puts in a UserID or ErrorInfo: SGR red, BEL, CSI (C1), a bidi override. */
const HOSTILE = 'x\u001b[31m\u0007\u009b2J\u202ey';
/** HOSTILE as the tool prints it. */
const HOSTILE_SHOWN = 'x\\u001b[31m\\u0007\\u009b2J\\u202ey';
/** Characters a terminal may act on; none reaches the output raw (line breaks aside). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_OUTPUT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Writes to the reply until the client goes away, minding backpressure. */
function replyEndlessly(res: http.ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const write = (): void => {
    while (!res.destroyed && res.write(chunk));
  };
  endlessClosed.push(new Promise((resolve) => res.on('close', resolve)));
  res.on('drain', write);
  res.setHeader('Content-Type', 'text/plain');
  write();
}

/** The message body that BeforeSendMsg's handler sends instead, when asked to change a message. */
const CHANGED_BODY = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet [LV1]' } }] as const;

/** A message gate decided by the text of the message, so that each test can choose with --event. */
function decideMessage(event: { MsgBody: readonly MessageElement[] }, codes: CodeRange): MessageDecision {
  const [first] = event.MsgBody;
  const text = first?.MsgType === 'TIMTextElem' ? first.MsgContent.Text : '';
  const decisions: Record<string, MessageDecision> = {
    refuse: false,
    drop: 'drop',
    muted: { reject: { code: codes.min, info: 'muted' } },
    hostile: { reject: { code: codes.min + 1, info: HOSTILE } },
    change: { modify: { MsgBody: CHANGED_BODY, CloudCustomData: 'vip' } },
    'change data': { modify: { CloudCustomData: 'vip' } },
  };
  return decisions[text] ?? true;
}

/** An action gate decided by the name (of the Official Account, group or topic). */
function decideByName(event: { Name?: string }, codes: CodeRange): ActionDecision {
  if (event.Name === 'refuse') return false;
  return event.Name === 'taken' ? { reject: { code: codes.max - 1, info: 'name taken' } } : true;
}

/** A friend gate that refuses id2 with its own code, and lets the others through. */
function decideTarget(target: { To_Account: string }): TargetDecision {
  return target.To_Account === 'id2' ? { reject: { code: 38001, info: 'blocked' } } : true;
}

/**
 * A handler for every command of the registry, recording what they get (the list gates aside,
 * which refuse jared), and a generic one for a command of a family the registry does not know.
 */
function routerHandlers(): CommandHandlers {
  const record = <Event>(command: string, event: Event): Event => (routed.push({ command, event }), event);
  return {
    ...recordingHandlers(routed),
    [BEFORE_SEND_MSG_COMMAND]: { decide: (event) => decideMessage(record(BEFORE_SEND_MSG_COMMAND, event), C2C_CODES) },
    'C2C.CallbackBeforeSendMsg': {
      decide: (event) => decideMessage(record('C2C.CallbackBeforeSendMsg', event), C2C_CODES),
    },
    'Group.CallbackBeforeSendMsg': {
      decide: (event) => decideMessage(record('Group.CallbackBeforeSendMsg', event), GROUP_CODES),
    },
    [BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND]: {
      decide: (event) => decideByName(record(BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND, event), C2C_CODES),
    },
    'Group.CallbackBeforeCreateGroup': {
      decide: (event) => decideByName(record('Group.CallbackBeforeCreateGroup', event), GROUP_CODES),
    },
    'Group.CallbackBeforeCreateTopic': {
      decide: (event) => decideByName(record('Group.CallbackBeforeCreateTopic', event), GROUP_CODES),
    },
    [BEFORE_ADD_SUBSCRIBER_COMMAND]: { decide: (subscriber) => subscriber !== 'jared' },
    [INVITE_COMMAND]: { decide: (member) => member !== 'jared' },
    [FRIEND_ADD_COMMAND]: { decide: (target, { event }) => (record(FRIEND_ADD_COMMAND, event), decideTarget(target)) },
    [FRIEND_RESPONSE_COMMAND]: {
      decide: (target, { event }) => (record(FRIEND_RESPONSE_COMMAND, event), decideTarget(target)),
    },
    [SIGNAL_COMMAND]: (event) => {
      record(SIGNAL_COMMAND, event);
      if (event.Data === 'fail') throw new Error('the chatbot backend is down');
      return `reply to ${event.From_Account}`;
    },
  };
}

/** The middleware on /im/callback, as the README mounts it, and routes that answer badly on purpose. */
function createTestServer(): http.Server {
  const app = express();
  app.use(
    '/im/callback',
    beforeAddSubscriber({
      token: TOKEN,
      sdkAppId: SDK_APP_ID,
      logger: silentLogger(),
      decide: (subscriber, { event, query }) => {
        seen.push({ event, query });
        return subscriber !== 'jared';
      },
      rejectRequest: ({ event }) =>
        event.Operator_Account === 'intruder' ? 'operator intruder may not add subscribers' : undefined,
    }),
  );
  app.use(
    '/router',
    callbackRouter({
      token: TOKEN,
      sdkAppId: SDK_APP_ID,
      logger: silentLogger(),
      on: routerHandlers(),
      // Replies with the fields of the body's `Reply`, so a test chooses the reply with --event.
      generic: {
        [FOREIGN_COMMAND]: (event) => {
          routed.push({ command: FOREIGN_COMMAND, event });
          return event['Reply'] as GenericReply | undefined;
        },
      },
    }),
  );
  // Answers with the body's `Reply` as it is: replies callbackRouter never sends.
  app.post('/echo-reply', express.json(), (req, res) => void res.json((req.body as { Reply?: unknown }).Reply));
  app.post('/text', (_req, res) => void res.type('text/plain').send('OK'));
  app.post('/long-text', (_req, res) => void res.type('text/plain').send('x'.repeat(5000)));
  app.post('/empty', (_req, res) => void res.status(200).end());
  app.post('/wrong-shape', (_req, res) => void res.json({ ok: true }));
  app.post(
    '/typo',
    (_req, res) =>
      void res.json({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedMembers_Account: ['jared'] }),
  );
  app.post('/redirect', (_req, res) => res.redirect(302, '/im/callback'));
  app.post('/reset', (req) => req.socket.destroy());
  app.post('/hang', (_req, res) => void hanging.push(res));
  app.post(
    '/huge',
    (_req, res) =>
      void res.json({
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        RefusedSubscribers_Account: [],
        Padding: 'x'.repeat(TWO_MIB),
      }),
  );
  app.post('/endless', (_req, res) => replyEndlessly(res));
  app.post(
    '/hostile-refusal',
    (_req, res) =>
      void res.json({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: [HOSTILE] }),
  );
  app.post(
    '/hostile-rejection',
    (_req, res) => void res.json({ ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: HOSTILE }),
  );
  app.post(
    '/hostile-error',
    (_req, res) => void res.status(500).json({ ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: HOSTILE }),
  );
  app.post('/hostile-text', (_req, res) => void res.type('text/plain').send(`OK${HOSTILE}\rdone`));
  app.post('/slow', (_req, res) => {
    setTimeout(
      () => res.json({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: [] }),
      2100,
    );
  });
  return http.createServer(app);
}

beforeAll(async () => {
  server = createTestServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.end();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  routed.length = 0;
});

/** Files for --event @file, in a folder of their own. */
let eventFiles: string;
/** The path of a new file in that folder with this text. */
function eventFile(name: string, text: string): string {
  const file = path.join(eventFiles, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(() => {
  eventFiles = mkdtempSync(path.join(os.tmpdir(), 'cli-test-events-'));
});

afterAll(() => {
  rmSync(eventFiles, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with no environment; no output may ever contain a token it was given. */
async function run(argv: string[], io: Partial<CliIO> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {},
    ...io,
  });
  const tokens = [TOKEN, ...argv.filter((arg, index) => argv[index - 1] === '--token' && arg !== '')];
  for (const token of tokens) expect(`${stdout}${stderr}`).not.toContain(token);
  expect(`${stdout}${stderr}`).not.toMatch(UNSAFE_OUTPUT);
  return { code, stdout, stderr };
}

function simulate(route: string, ...extra: string[]): string[] {
  return [
    'simulate',
    '--url',
    `${base}${route}`,
    '--token',
    TOKEN,
    '--subscriber',
    'jared',
    '--subscriber',
    'leckie',
    ...extra,
  ];
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  return port;
}

function lines(text: string): string[] {
  return text.split('\n').slice(0, -1);
}

/** One line on stderr, prefixed with the program's name. */
function oneErrorLine(message: string | RegExp): RegExp {
  const text = typeof message === 'string' ? message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : message.source;
  return new RegExp(`^tencent-chat-webhook: ${text}\\n$`);
}

describe('simulate against the real middleware', () => {
  it('sends a signed callback, prints request and reply without the token, and says who was refused', async () => {
    const nowMs = Date.now();
    const requestTime = String(Math.floor(nowMs / 1000));
    const result = await run(simulate('/im/callback'), { now: () => nowMs });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const body =
      `{"CallbackCommand":"${COMMAND}","Official_Account":"@TOA#_test_for_penn","Operator_Account":"107867",` +
      `"SubscribeAccountList":[{"Subscriber_Account":"jared"},{"Subscriber_Account":"leckie"}],"EventTime":${nowMs}}`;
    expect(lines(result.stdout)).toEqual([
      `> POST ${base}/im/callback?SdkAppid=1400000000&CallbackCommand=${COMMAND}&contenttype=json` +
        `&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=${requestTime}&Sign=${computeSign(TOKEN, requestTime)}`,
      '> Content-Type: application/json',
      `> ${body}`,
      expect.stringMatching(/^< HTTP 200 OK \([0-9]+ ms\)$/),
      '< {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedSubscribers_Account":["jared"]}',
      'Verdict: refused jared; added leckie.',
    ]);
    expect(seen.map(({ event }) => event)).toEqual([JSON.parse(body), JSON.parse(body)]);
  });

  it('prints one JSON object with --json', async () => {
    const result = await run(simulate('/im/callback', '--json'));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      request: {
        method: 'POST',
        url: expect.stringMatching(new RegExp(`^${base}/im/callback\\?SdkAppid=1400000000&.*&Sign=[0-9a-f]{64}$`)),
        body: expect.objectContaining({
          SubscribeAccountList: [{ Subscriber_Account: 'jared' }, { Subscriber_Account: 'leckie' }],
        }),
      },
      reply: {
        status: 200,
        statusText: 'OK',
        durationMs: expect.any(Number),
        body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: ['jared'] },
      },
      verdict: {
        command: COMMAND,
        text: 'refused jared; added leckie',
        accepted: true,
        errorCode: 0,
        rejectedReason: null,
        failed: false,
        dropped: false,
        customRejection: null,
        modified: null,
        refused: ['jared'],
        added: ['leckie'],
      },
      error: null,
    });
  });

  it.each([
    ['nobody refused', ['--subscriber', 'leckie'], 'Verdict: refused nobody; added leckie.'],
    ['everybody refused', ['--subscriber', 'jared'], 'Verdict: refused jared; added nobody.'],
    [
      'a repeated subscriber, named once',
      ['--subscriber', 'jared', '--subscriber', 'leckie', '--subscriber', 'jared'],
      'Verdict: refused jared; added leckie.',
    ],
    [
      'the whole request rejected',
      ['--subscriber', 'leckie', '--operator', 'intruder'],
      'Verdict: the whole request was rejected (ErrorCode 1, ErrorInfo "operator intruder may not add subscribers"); ' +
        'nobody is added.',
    ],
  ])('says in its last line: %s', async (_name, extra, verdict) => {
    const result = await run(['simulate', '--url', `${base}/im/callback`, '--token', TOKEN, ...extra]);
    expect(result.code).toBe(0);
    expect(lines(result.stdout).at(-1)).toBe(verdict);
  });

  it("sends Tencent's example, with EventTime now, when no --subscriber is given", async () => {
    const nowMs = Date.now();
    const result = await run(['simulate', '--url', `${base}/im/callback`, '--token', TOKEN], { now: () => nowMs });
    expect(result.code).toBe(0);
    const body =
      `{"CallbackCommand":"${COMMAND}","Official_Account":"@TOA#_test_for_penn","Operator_Account":"107867",` +
      `"SubscribeAccountList":[{"Subscriber_Account":"jared"},{"Subscriber_Account":"leckie"}],"EventTime":${nowMs}}`;
    expect(lines(result.stdout).slice(2)).toEqual([
      `> ${body}`,
      expect.stringMatching(/^< HTTP 200 OK \([0-9]+ ms\)$/),
      '< {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedSubscribers_Account":["jared"]}',
      'Verdict: refused jared; added leckie.',
    ]);
  });

  it('sends what the options say, after a query string of the URL', async () => {
    const result = await run([
      'simulate',
      '--url',
      `${base}/im/callback?tenant=a`,
      '--token',
      TOKEN,
      '--subscriber',
      'leckie',
      '--sdkappid',
      SDK_APP_ID,
      '--account',
      '@TOA#_news',
      '--operator',
      'admin',
      '--client-ip',
      '203.0.113.9',
      '--platform',
      'Android',
    ]);
    expect(result.code).toBe(0);
    expect(lines(result.stdout)[0]).toMatch(new RegExp(`^> POST ${base}/im/callback\\?tenant=a&SdkAppid=1400000000&`));
    expect(seen).toEqual([
      {
        event: expect.objectContaining({ Official_Account: '@TOA#_news', Operator_Account: 'admin' }),
        query: expect.objectContaining({ SdkAppid: SDK_APP_ID, ClientIP: '203.0.113.9', OptPlatform: 'Android' }),
      },
    ]);
  });

  it('reads the token from IM_CALLBACK_TOKEN, says so, and never prints it', async () => {
    const result = await run(['simulate', '--url', `${base}/im/callback`, '--subscriber', 'jared'], {
      env: { IM_CALLBACK_TOKEN: TOKEN },
    });
    expect(result.code).toBe(0);
    expect(lines(result.stdout)[0]).toBe('(signed with the token from $IM_CALLBACK_TOKEN)');
    expect(lines(result.stdout).at(-1)).toBe('Verdict: refused jared; added nobody.');
  });

  it('treats an empty IM_CALLBACK_TOKEN as unset, as the example app does', async () => {
    const result = await run(['simulate', '--url', `${base}/im/callback`, '--subscriber', 'jared'], {
      env: { IM_CALLBACK_TOKEN: '' },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('Sign=');
    expect(result.stderr).toContain('ERR_SIGN_MISSING');
  });

  it('prefers --token to IM_CALLBACK_TOKEN, and reads the SDKAppID from IM_SDKAPPID', async () => {
    const result = await run(simulate('/im/callback'), {
      env: { IM_CALLBACK_TOKEN: 'another-token-not-to-print', IM_SDKAPPID: '1400000001' },
    });
    expect(`${result.stdout}${result.stderr}`).not.toContain('another-token-not-to-print');
    expect(result.stdout).not.toContain('signed with the token from');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('SdkAppid=1400000001&');
    expect(result.stderr).toContain('ERR_SDKAPPID_MISMATCH');
  });
});

/** The arguments of a signed simulation of `command` against callbackRouter on /router. */
function viaRouter(command: string, ...extra: string[]): string[] {
  return ['simulate', '--url', `${base}/router`, '--token', TOKEN, '--command', command, ...extra];
}

/** --event for a BeforeSendMsg whose one text element says `text`. */
function messageSaying(text: string): string[] {
  return ['--event', JSON.stringify({ MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }] })];
}

const ACKNOWLEDGED = 'Verdict: acknowledged (Tencent ignores the reply to an After-callback).';
/** The notification's verdict: an After-callback by its name, or another notification (an alarm, a batch…). */
function acknowledged(command: string): string {
  return command.includes('.CallbackAfter')
    ? ACKNOWLEDGED
    : 'Verdict: acknowledged (Tencent ignores the reply to a notification).';
}
const NOTIFICATIONS = DEFINITIONS.filter((definition) => definition.kind === 'notification').map(
  (definition) => definition.command,
);

describe('simulate any command against callbackRouter', () => {
  it("sends BeforeSendMsg as Tencent's example with the fields of --event, and says how the message is sent", async () => {
    const nowMs = Date.now();
    const requestTime = String(Math.floor(nowMs / 1000));
    const result = await run(viaRouter(BEFORE_SEND_MSG_COMMAND, ...messageSaying('change')), { now: () => nowMs });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const body =
      `{"CallbackCommand":"${BEFORE_SEND_MSG_COMMAND}","Official_Account":"@TOA#_2J4SZEAEL","OnlineOnlyFlag":1,` +
      '"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"change"}}],' +
      `"CloudCustomData":"your cloud custom data","EventTime":${nowMs}}`;
    expect(lines(result.stdout)).toEqual([
      `> POST ${base}/router?SdkAppid=1400000000&CallbackCommand=${BEFORE_SEND_MSG_COMMAND}&contenttype=json` +
        `&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=${requestTime}&Sign=${computeSign(TOKEN, requestTime)}`,
      '> Content-Type: application/json',
      `> ${body}`,
      expect.stringMatching(/^< HTTP 200 OK \([0-9]+ ms\)$/),
      '< {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":' +
        '{"Text":"red packet [LV1]"}}],"CloudCustomData":"vip"}',
      'Verdict: sent changed (MsgBody, CloudCustomData).',
    ]);
    expect(routed).toEqual([{ command: BEFORE_SEND_MSG_COMMAND, event: JSON.parse(body) }]);
  });

  it.each<[string, string, string[], string]>([
    ["BeforeSendMsg as Tencent's example", BEFORE_SEND_MSG_COMMAND, [], 'Verdict: sent.'],
    [
      'BeforeSendMsg changed in CloudCustomData alone',
      BEFORE_SEND_MSG_COMMAND,
      messageSaying('change data'),
      'Verdict: sent changed (CloudCustomData).',
    ],
    [
      'BeforeSendMsg refused',
      BEFORE_SEND_MSG_COMMAND,
      messageSaying('refuse'),
      'Verdict: refused (ErrorCode 1: the sender gets 10016).',
    ],
    [
      'BeforeSendMsg dropped',
      BEFORE_SEND_MSG_COMMAND,
      messageSaying('drop'),
      'Verdict: dropped silently (the sender is told it was sent).',
    ],
    [
      "BeforeSendMsg refused with the app's code",
      BEFORE_SEND_MSG_COMMAND,
      messageSaying('muted'),
      `Verdict: refused with the app's code 120001: "muted".`,
    ],
    [
      "BeforeCreateOfficialAccount as Tencent's example",
      BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
      [],
      'Verdict: created.',
    ],
    [
      'BeforeCreateOfficialAccount refused',
      BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
      ['--event', '{"Name":"refuse"}'],
      'Verdict: refused (the caller gets 20006).',
    ],
    [
      "BeforeCreateOfficialAccount refused with the app's code",
      BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
      ['--event', '{"Name":"taken"}'],
      `Verdict: refused with the app's code 129999: "name taken".`,
    ],
    [
      'BeforeAddSubscriber with the subscribers of --event',
      BEFORE_ADD_SUBSCRIBER_COMMAND,
      ['--event', '{"SubscribeAccountList":[{"Subscriber_Account":"ann"},{"Subscriber_Account":"jared"}]}'],
      'Verdict: refused jared; added ann.',
    ],
    ...NOTIFICATIONS.map((command): [string, string, string[], string] => [
      command,
      command,
      [],
      acknowledged(command),
    ]),
    // Message gates of the other families, with their own codes.
    ['C2C.CallbackBeforeSendMsg as its example', 'C2C.CallbackBeforeSendMsg', [], 'Verdict: sent.'],
    [
      'C2C.CallbackBeforeSendMsg refused',
      'C2C.CallbackBeforeSendMsg',
      messageSaying('refuse'),
      'Verdict: refused (ErrorCode 1: the sender gets 20006).',
    ],
    [
      "C2C.CallbackBeforeSendMsg refused with the app's code",
      'C2C.CallbackBeforeSendMsg',
      messageSaying('muted'),
      `Verdict: refused with the app's code 120001: "muted".`,
    ],
    [
      'Group.CallbackBeforeSendMsg changed',
      'Group.CallbackBeforeSendMsg',
      messageSaying('change'),
      'Verdict: sent changed (MsgBody, CloudCustomData).',
    ],
    [
      'Group.CallbackBeforeSendMsg dropped',
      'Group.CallbackBeforeSendMsg',
      messageSaying('drop'),
      'Verdict: dropped silently (the sender is told it was sent).',
    ],
    [
      'Group.CallbackBeforeSendMsg refused',
      'Group.CallbackBeforeSendMsg',
      messageSaying('refuse'),
      'Verdict: refused (ErrorCode 1: the sender gets 10016).',
    ],
    [
      "Group.CallbackBeforeSendMsg refused with a Group code of the app's",
      'Group.CallbackBeforeSendMsg',
      messageSaying('muted'),
      `Verdict: refused with the app's code 10100: "muted".`,
    ],
    // Action gates.
    ['Group.CallbackBeforeCreateGroup as its example', 'Group.CallbackBeforeCreateGroup', [], 'Verdict: created.'],
    [
      'Group.CallbackBeforeCreateGroup refused',
      'Group.CallbackBeforeCreateGroup',
      ['--event', '{"Name":"refuse"}'],
      'Verdict: refused (the caller gets 10016).',
    ],
    [
      "Group.CallbackBeforeCreateTopic refused with a Group code of the app's",
      'Group.CallbackBeforeCreateTopic',
      ['--event', '{"Name":"taken"}'],
      `Verdict: refused with the app's code 10199: "name taken".`,
    ],
    ['Group.CallbackBeforeApplyJoinGroup', 'Group.CallbackBeforeApplyJoinGroup', [], 'Verdict: allowed.'],
    // List gates.
    ['a group invite as its example', INVITE_COMMAND, [], 'Verdict: refused jared; added leckie.'],
    [
      'a group invite of the members of --member',
      INVITE_COMMAND,
      ['--member', 'ann', '--member', 'jared', '--member', 'bob'],
      'Verdict: refused jared; added ann, bob.',
    ],
    // Target gates.
    [
      'a friend request, target by target',
      FRIEND_ADD_COMMAND,
      [],
      `Verdict: id1 allowed; id2 refused with the app's code 38001: "blocked".`,
    ],
    [
      'a friend response, target by target',
      FRIEND_RESPONSE_COMMAND,
      ['--event', '{"ResponseFriendItem":[{"To_Account":"id3","ResponseAction":"Response_Action_Agree"}]}'],
      'Verdict: id3 allowed.',
    ],
    // Reply data.
    ["the chatbot's signal message", SIGNAL_COMMAND, [], 'Verdict: RspData sent back: "reply to user01".'],
    [
      "the chatbot's signal message, its handler failing",
      SIGNAL_COMMAND,
      ['--event', '{"Data":"fail"}'],
      'Verdict: failed (ErrorCode 1, ErrorInfo ""): Tencent ignores RspData.',
    ],
    // A command the registry does not know, through a generic handler.
    [
      'a command of a family this tool does not know, refused',
      FOREIGN_COMMAND,
      ['--event', '{"RoomId":"@R#1","Reply":{"ErrorCode":10007,"ErrorInfo":"no links"}}'],
      'Verdict: ActionStatus OK, ErrorCode 10007, ErrorInfo "no links": refuse, for a Before-callback ' +
        `(${FOREIGN_COMMAND}'s page says what ErrorCode 10007 means; this tool does not know the command; ` +
        'Tencent ignores the reply to an After-callback).',
    ],
    [
      'a command of a family this tool does not know, with no body but its command',
      FOREIGN_COMMAND,
      [],
      'Verdict: ActionStatus OK, ErrorCode 0, ErrorInfo "": go on, for a Before-callback (this tool does not ' +
        `know ${FOREIGN_COMMAND}; Tencent ignores the reply to an After-callback).`,
    ],
  ])('says in its last line what Tencent does: %s', async (_name, command, extra, verdict) => {
    const result = await run(viaRouter(command, ...extra));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout).at(-1)).toBe(verdict);
    const listGate = command === BEFORE_ADD_SUBSCRIBER_COMMAND || command === INVITE_COMMAND;
    // A target gate's handler runs once per target.
    expect([...new Set(routed.map((each) => each.command))]).toEqual(listGate ? [] : [command]);
  });

  it.each<[string, string, object, string]>([
    [
      'a FAIL reply to BeforeSendMsg',
      BEFORE_SEND_MSG_COMMAND,
      { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'busy' },
      'Verdict: ActionStatus FAIL, ErrorCode 1, ErrorInfo "busy"; Tencent does not document what a FAIL reply does.',
    ],
    [
      "a FAIL reply with the app's code to BeforeCreateOfficialAccount",
      BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
      { ActionStatus: 'FAIL', ErrorCode: 120001, ErrorInfo: '' },
      'Verdict: ActionStatus FAIL, ErrorCode 120001, ErrorInfo ""; Tencent does not document what a FAIL reply does.',
    ],
    [
      'an undocumented code to BeforeSendMsg',
      BEFORE_SEND_MSG_COMMAND,
      { ActionStatus: 'OK', ErrorCode: 3, ErrorInfo: '' },
      'Verdict: ErrorCode 3 (ErrorInfo "") is not one Tencent documents for this callback: 0, 1, 2 or 120001–130000.',
    ],
    [
      'a drop to BeforeCreateOfficialAccount, which cannot drop',
      BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
      { ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: 'x' },
      'Verdict: ErrorCode 2 (ErrorInfo "x") is not one Tencent documents for this callback: 0, 1 or 120001–130000.',
    ],
    [
      'a FAIL reply to an After-callback, which Tencent ignores',
      AFTER_SEND_MSG_COMMAND,
      { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'the database is down' },
      'Verdict: acknowledged (Tencent ignores the reply to an After-callback; this one says ActionStatus FAIL, ' +
        'ErrorCode 1, ErrorInfo "the database is down").',
    ],
    [
      'a changed message refused by its ErrorCode',
      BEFORE_SEND_MSG_COMMAND,
      { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: '', CloudCustomData: 'vip' },
      'Verdict: refused (ErrorCode 1: the sender gets 10016).',
    ],
    [
      'a code just outside the range of the app',
      BEFORE_SEND_MSG_COMMAND,
      { ActionStatus: 'OK', ErrorCode: 130001, ErrorInfo: 'x' },
      'Verdict: ErrorCode 130001 (ErrorInfo "x") is not one Tencent documents for this callback: 0, 1, 2 or ' +
        '120001–130000.',
    ],
    [
      'a C2C code to a Group message gate, outside its range',
      'Group.CallbackBeforeSendMsg',
      { ActionStatus: 'OK', ErrorCode: 120001, ErrorInfo: 'x' },
      'Verdict: ErrorCode 120001 (ErrorInfo "x") is not one Tencent documents for this callback: 0, 1, 2 or ' +
        '10100–10200.',
    ],
    [
      'a drop to a Group action gate, which cannot drop',
      'Group.CallbackBeforeApplyJoinGroup',
      { ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' },
      'Verdict: ErrorCode 2 (ErrorInfo "") is not one Tencent documents for this callback: 0, 1 or 10100–10200.',
    ],
    [
      'a group invite refused as a whole',
      INVITE_COMMAND,
      { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'closed group' },
      'Verdict: the whole request was rejected (ErrorCode 1, ErrorInfo "closed group"); nobody is added.',
    ],
    [
      'a friend request answered with a failure, which Tencent lets through',
      FRIEND_ADD_COMMAND,
      { ActionStatus: 'OK', ErrorCode: 38000, ErrorInfo: 'busy' },
      'Verdict: ErrorCode 38000 (ErrorInfo "busy") reports a failure, which Tencent ignores by default: ' +
        'every target goes through.',
    ],
    [
      'a friend request answered without ResultItem',
      FRIEND_ADD_COMMAND,
      { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
      "Verdict: no ResultItem, which Tencent's page requires: what it does with the targets is not documented.",
    ],
    [
      'a ResultItem missing a target, with one not asked about and a code outside the range',
      FRIEND_ADD_COMMAND,
      {
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        ResultItem: [
          { To_Account: 'id2', ResultCode: 5, ResultInfo: 'odd' },
          { To_Account: 'id9', ResultCode: 0, ResultInfo: '' },
        ],
      },
      'Verdict: id1 not in ResultItem (what Tencent does then is not documented); id2 refused with the ' +
        `app's code 5 (not in 38000–39000): "odd"; id9 in ResultItem but not in the request.`,
    ],
    [
      'a FAIL reply to a friend request',
      FRIEND_RESPONSE_COMMAND,
      { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'down' },
      'Verdict: ActionStatus FAIL, ErrorCode 1, ErrorInfo "down"; Tencent does not document what a FAIL reply does.',
    ],
    [
      'a reply to the chatbot without RspData',
      SIGNAL_COMMAND,
      { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
      "Verdict: ErrorCode 0 without RspData, which Tencent's page marks required.",
    ],
    [
      'a FAIL reply to the chatbot',
      SIGNAL_COMMAND,
      { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'down', RspData: 'x' },
      'Verdict: ActionStatus FAIL, ErrorCode 1, ErrorInfo "down"; Tencent does not document what a FAIL reply does.',
    ],
    [
      'a failed reply to a notification that is not an After-callback',
      'Alert.RequestOverLimit',
      { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'busy' },
      'Verdict: acknowledged (Tencent ignores the reply to a notification; this one says ActionStatus OK, ' +
        'ErrorCode 1, ErrorInfo "busy").',
    ],
    [
      'a FAIL reply to a command this tool does not know',
      FOREIGN_COMMAND,
      { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'x' },
      'Verdict: ActionStatus FAIL, ErrorCode 1, ErrorInfo "x"; Tencent does not document what a FAIL reply does.',
    ],
  ])('says what it can of a reply callbackRouter never sends: %s', async (_name, command, reply, verdict) => {
    const result = await run([
      'simulate',
      '--url',
      `${base}/echo-reply`,
      '--command',
      command,
      '--event',
      JSON.stringify({ Reply: reply }),
    ]);
    expect(result.code).toBe(0);
    expect(lines(result.stdout).at(-1)).toBe(verdict);
  });

  it.each<[string, unknown, string]>([
    ['a list that is not one', 'jared', 'Verdict: refused nobody; added nobody.'],
    [
      'entries without a UserID',
      [null, 'jared', { Subscriber_Account: 7 }, { Subscriber_Account: 'ann' }],
      'Verdict: refused nobody; added ann.',
    ],
  ])('names only the UserIDs of a BeforeAddSubscriber body with %s', async (_name, list, verdict) => {
    const reply = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: [] };
    const event = JSON.stringify({ SubscribeAccountList: list, Reply: reply });
    const result = await run(['simulate', '--url', `${base}/echo-reply`, '--event', event]);
    expect(result.code).toBe(0);
    expect(lines(result.stdout).at(-1)).toBe(verdict);
  });

  it('reads --event from a file, with or without a byte order mark', async () => {
    const fields = '{ "Name": "taken",\n  "Owner_Account": "ann" }\n';
    for (const text of [fields, `\uFEFF${fields}`]) {
      const file = eventFile('create.json', text);
      const result = await run(viaRouter(BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND, '--event', `@${file}`));
      expect(result.code).toBe(0);
      expect(lines(result.stdout).at(-1)).toBe(`Verdict: refused with the app's code 129999: "name taken".`);
    }
    expect(routed.map(({ event }) => event)).toEqual([
      expect.objectContaining({ Operator_Account: '107867', Owner_Account: 'ann', Name: 'taken' }),
      expect.objectContaining({ Operator_Account: '107867', Owner_Account: 'ann', Name: 'taken' }),
    ]);
  });

  it('sets the fields of a BeforeAddSubscriber body from --subscriber, --account and --operator beside --event', async () => {
    const result = await run(
      viaRouter(
        BEFORE_ADD_SUBSCRIBER_COMMAND,
        '--subscriber',
        'ann',
        '--account',
        '@TOA#_news',
        '--operator',
        'admin',
        '--event',
        '{"EventTime":7,"Extra":true}',
      ),
    );
    expect(lines(result.stdout)[2]).toBe(
      `> {"CallbackCommand":"${BEFORE_ADD_SUBSCRIBER_COMMAND}","Official_Account":"@TOA#_news","Operator_Account":"admin",` +
        '"SubscribeAccountList":[{"Subscriber_Account":"ann"}],"EventTime":7,"Extra":true}',
    );
    expect(lines(result.stdout).at(-1)).toBe('Verdict: refused nobody; added ann.');
  });

  it("sends a group invite as Tencent's example with the members of --member, EventTime a string as on Group pages", async () => {
    const nowMs = Date.now();
    const result = await run(viaRouter(INVITE_COMMAND, '--member', 'ann', '--member', 'jared'), { now: () => nowMs });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout).slice(2)).toEqual([
      `> {"CallbackCommand":"${INVITE_COMMAND}","GroupId":"@TGS#2J4SZEAEL","Type":"Public","Operator_Account":"leckie",` +
        `"DestinationMembers":[{"Member_Account":"ann"},{"Member_Account":"jared"}],"EventTime":"${nowMs}"}`,
      expect.stringMatching(/^< HTTP 200 OK \([0-9]+ ms\)$/),
      '< {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["jared"]}',
      'Verdict: refused jared; added ann.',
    ]);
  });

  it('sends a command of a family it does not know as --event alone, with its command and EventTime', async () => {
    const nowMs = Date.now();
    const result = await run(viaRouter(FOREIGN_COMMAND, '--event', '{"RoomId":"@R#1"}'), { now: () => nowMs });
    expect(result.code).toBe(0);
    expect(lines(result.stdout)[2]).toBe(
      `> {"CallbackCommand":"${FOREIGN_COMMAND}","EventTime":${nowMs},"RoomId":"@R#1"}`,
    );
    expect(routed).toEqual([
      { command: FOREIGN_COMMAND, event: { CallbackCommand: FOREIGN_COMMAND, EventTime: nowMs, RoomId: '@R#1' } },
    ]);
  });

  it('prints one JSON object with --json, whose verdict says what Tencent does', async () => {
    const result = await run(viaRouter(BEFORE_SEND_MSG_COMMAND, ...messageSaying('change'), '--json'));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const record = JSON.parse(result.stdout) as { request: { body: unknown }; reply: unknown; verdict: unknown };
    expect(record.request.body).toEqual(expect.objectContaining({ CallbackCommand: BEFORE_SEND_MSG_COMMAND }));
    const reply = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgBody: CHANGED_BODY, CloudCustomData: 'vip' };
    expect(record.reply).toEqual({ status: 200, statusText: 'OK', durationMs: expect.any(Number), body: reply });
    expect(record.verdict).toEqual({
      command: BEFORE_SEND_MSG_COMMAND,
      text: 'sent changed (MsgBody, CloudCustomData)',
      accepted: true,
      errorCode: 0,
      rejectedReason: null,
      failed: false,
      dropped: false,
      customRejection: null,
      modified: { MsgBody: CHANGED_BODY, CloudCustomData: 'vip' },
    });
  });

  it.each<[string, string[], object]>([
    [
      "the app's code",
      messageSaying('muted'),
      { customRejection: { code: 120001, info: 'muted' }, errorCode: 120001, rejectedReason: 'muted' },
    ],
    ['a drop', messageSaying('drop'), { dropped: true, errorCode: 2, rejectedReason: '' }],
  ])('gives in the --json verdict %s', async (_name, extra, changes) => {
    const result = await run(viaRouter(BEFORE_SEND_MSG_COMMAND, ...extra, '--json'));
    const { verdict } = JSON.parse(result.stdout) as { verdict: { text: string } };
    expect(verdict).toEqual({
      command: BEFORE_SEND_MSG_COMMAND,
      text: verdict.text,
      accepted: false,
      errorCode: 0,
      rejectedReason: null,
      failed: false,
      dropped: false,
      customRejection: null,
      modified: null,
      ...changes,
    });
  });

  it.each<[string, string, object]>([
    [
      'group invite',
      INVITE_COMMAND,
      { text: 'refused jared; added leckie', accepted: true, refused: ['jared'], added: ['leckie'] },
    ],
    [
      'friend request',
      FRIEND_ADD_COMMAND,
      {
        text: `id1 allowed; id2 refused with the app's code 38001: "blocked"`,
        accepted: true,
        refused: ['id2'],
        results: [
          { To_Account: 'id1', ResultCode: 0, ResultInfo: '' },
          { To_Account: 'id2', ResultCode: 38001, ResultInfo: 'blocked' },
        ],
      },
    ],
    [
      'chatbot signal message',
      SIGNAL_COMMAND,
      { text: 'RspData sent back: "reply to user01"', accepted: true, data: 'reply to user01' },
    ],
  ])('gives in the --json verdict of a %s its own fields', async (_name, command, fields) => {
    const result = await run(viaRouter(command, '--json'));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const { verdict } = JSON.parse(result.stdout) as { verdict: unknown };
    expect(verdict).toEqual({
      command,
      accepted: true,
      errorCode: 0,
      rejectedReason: null,
      failed: false,
      dropped: false,
      customRejection: null,
      modified: null,
      ...fields,
    });
  });

  it('escapes what --event and the server send before it reaches the terminal', async () => {
    const event = {
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hostile' } }],
      CloudCustomData: HOSTILE,
    };
    const result = await run(viaRouter(BEFORE_SEND_MSG_COMMAND, '--event', JSON.stringify(event)));
    expect(result.code).toBe(0);
    expect(lines(result.stdout)[2]).toContain(`"CloudCustomData":"${HOSTILE_SHOWN}"`);
    expect(lines(result.stdout).at(-1)).toBe(`Verdict: refused with the app's code 120002: "${HOSTILE_SHOWN}".`);
  });
});

describe('simulate when there is no usable reply', () => {
  it.each<[string, string[], string | RegExp, string[]]>([
    [
      'a wrong token',
      ['simulate', '--url', '/im/callback', '--token', 'a-wrong-token', '--subscriber', 'jared'],
      'the server answered HTTP 401 Unauthorized, not 200 (ErrorInfo "ERR_SIGN_MISMATCH: Sign does not match the ' +
        'configured callback token"); Tencent counts that as a failed callback',
      [
        '< {"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"ERR_SIGN_MISMATCH: Sign does not match the configured callback token"}',
      ],
    ],
    [
      'no token',
      ['simulate', '--url', '/im/callback', '--subscriber', 'jared'],
      /the server answered HTTP 401 Unauthorized, not 200 \(ErrorInfo "ERR_SIGN_MISSING: [^"]+"\); Tencent counts that as a failed callback/,
      [],
    ],
    [
      'another SDKAppID',
      ['simulate', '--url', '/im/callback', '--token', TOKEN, '--sdkappid', '1400000001', '--subscriber', 'jared'],
      /the server answered HTTP 403 Forbidden, not 200 \(ErrorInfo "ERR_SDKAPPID_MISMATCH: [^"]+"\); Tencent counts that as a failed callback/,
      [],
    ],
    [
      'a 404 page',
      ['simulate', '--url', '/nowhere', '--subscriber', 'jared'],
      'the server answered HTTP 404 Not Found, not 200; Tencent counts that as a failed callback',
      ['< <pre>Cannot POST /nowhere</pre>'],
    ],
    [
      'a redirect, which is not followed',
      ['simulate', '--url', '/redirect', '--subscriber', 'jared'],
      'the server answered HTTP 302 Found, not 200; Tencent counts that as a failed callback',
      [],
    ],
    [
      'a 200 that is not JSON',
      ['simulate', '--url', '/text', '--subscriber', 'jared'],
      'reply is not JSON: it starts with "OK"; Tencent counts that as a failed callback',
      ['< OK'],
    ],
    [
      'a long body, shortened in the output',
      ['simulate', '--url', '/long-text', '--subscriber', 'jared'],
      /reply is not JSON: it starts with "x{60}…"; Tencent counts that as a failed callback/,
      [`< ${'x'.repeat(2000)}… (3000 more characters)`],
    ],
    [
      'an empty 200',
      ['simulate', '--url', '/empty', '--subscriber', 'jared'],
      'reply is empty; a JSON object was expected; Tencent counts that as a failed callback',
      ['< (empty body)'],
    ],
    [
      "JSON not in Tencent's format",
      ['simulate', '--url', '/wrong-shape', '--subscriber', 'jared'],
      'reply is not in Tencent\'s format: ActionStatus must be "OK" or "FAIL", it is missing; ' +
        'Tencent counts that as a failed callback',
      ['< {"ok":true}'],
    ],
    [
      "the documentation's typo RefusedMembers_Account",
      ['simulate', '--url', '/typo', '--subscriber', 'jared'],
      /reply is not in Tencent's format: it has RefusedMembers_Account, a typo on Tencent's page; Tencent reads RefusedSubscribers_Account; Tencent counts that as a failed callback/,
      [],
    ],
    [
      'a connection closed without a reply',
      ['simulate', '--url', '/reset', '--subscriber', 'jared'],
      /127\.0\.0\.1:[0-9]+ closed the connection without a complete reply/,
      [],
    ],
  ])('exits 1 with one line on stderr for %s', async (_name, argv, message, replyLines) => {
    const result = await run(argv.map((arg) => (arg.startsWith('/') ? `${base}${arg}` : arg)));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(oneErrorLine(message));
    expect(result.stdout).toMatch(/^> POST /);
    expect(result.stdout).not.toContain('Verdict');
    expect(lines(result.stdout)).toEqual(expect.arrayContaining(replyLines));
  });

  it('exits 1 when the connection is refused, after printing what it tried to send', async () => {
    const port = await closedPort();

    const result = await run([
      'simulate',
      '--url',
      `http://127.0.0.1:${port}/im/callback`,
      '--token',
      TOKEN,
      '--subscriber',
      'jared',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `tencent-chat-webhook: could not connect to 127.0.0.1:${port}: connection refused; is the server running on that port?\n`,
    );
    expect(lines(result.stdout)).toHaveLength(3);
    expect(result.stdout).toMatch(/^> POST http:\/\/127\.0\.0\.1:[0-9]+\/im\/callback\?SdkAppid=/);
  });

  it('exits 1 when no reply comes within --timeout-ms', async () => {
    const startedAt = Date.now();
    const result = await run(['simulate', '--url', `${base}/hang`, '--subscriber', 'jared', '--timeout-ms', '200']);
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      oneErrorLine('no complete reply within 200 ms (--timeout-ms); Tencent itself waits only 2000 ms'),
    );
  });

  it('warns when a reply comes after Tencent would have stopped waiting', async () => {
    const result = await run(['simulate', '--url', `${base}/slow`, '--subscriber', 'jared']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^tencent-chat-webhook: warning: the reply took 2[0-9]{3} ms; Tencent stops waiting after 2000 ms and goes on as its console policy says\n$/,
    );
  }, 10_000);

  it.each([
    ['a refused connection', 'closed', null, /could not connect to .*: connection refused; .*/],
    [
      'a reply that is not JSON',
      '/text',
      { status: 200, statusText: 'OK', durationMs: expect.any(Number), body: 'OK' },
      /reply is not JSON: .*; Tencent counts that as a failed callback/,
    ],
  ])('still prints one JSON object with --json on %s, with the error in it', async (_name, route, reply, error) => {
    const url = route === 'closed' ? `http://127.0.0.1:${await closedPort()}/im/callback` : `${base}${route}`;
    const result = await run(['simulate', '--url', url, '--subscriber', 'jared', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      request: { method: 'POST', url: expect.stringContaining(url), body: expect.any(Object) },
      reply,
      verdict: null,
      error: expect.stringMatching(error),
    });
    expect(result.stderr).toMatch(oneErrorLine(error));
  });

  const undiciError = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });
  it.each<[string, unknown, string]>([
    [
      'an unknown host',
      undiciError(Object.assign(new Error('getaddrinfo ENOTFOUND chat.invalid'), { code: 'ENOTFOUND' })),
      'could not connect to chat.invalid: host chat.invalid not found',
    ],
    [
      'a refusal nested in an AggregateError',
      undiciError(
        new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:80'), { code: 'ECONNREFUSED' })]),
      ),
      'could not connect to chat.invalid: connection refused; is the server running on that port?',
    ],
    [
      'a TLS failure',
      undiciError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })),
      'the request to chat.invalid failed: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    ],
    [
      'a failed DNS lookup',
      undiciError(Object.assign(new Error('getaddrinfo EAI_AGAIN chat.invalid'), { code: 'EAI_AGAIN' })),
      'could not connect to chat.invalid: host chat.invalid not found',
    ],
    [
      'a reset connection',
      undiciError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })),
      'chat.invalid closed the connection without a complete reply',
    ],
    ['an error without a code', new Error('something odd'), 'the request to chat.invalid failed: something odd'],
    ['a thrown string', 'a string', 'the request to chat.invalid failed: a string'],
    [
      'a port that fetch blocks',
      undiciError(new Error('bad port')),
      'fetch refuses to connect to port 6000; run the server on another port',
    ],
  ])('explains %s in one line', async (_name, thrown, message) => {
    // The table rejects with non-Error values on purpose: fetch implementations do.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const fetch = jest.fn(() => Promise.reject(thrown));
    const url = message.includes('6000') ? 'http://chat.invalid:6000/im/callback' : 'http://chat.invalid/im/callback';
    const result = await run(['simulate', '--url', url, '--subscriber', 'jared'], { fetch });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`tencent-chat-webhook: ${message}\n`);
  });

  it('prints the code alone when the server sends no reason phrase', async () => {
    const fetch = jest.fn(async () => new Response('', { status: 500, statusText: '' }));
    const result = await run(['simulate', '--url', 'http://chat.invalid/im/callback', '--subscriber', 'jared'], {
      fetch,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('\n< HTTP 500 (');
    expect(result.stderr).toBe(
      'tencent-chat-webhook: the server answered HTTP 500, not 200; Tencent counts that as a failed callback\n',
    );
  });

  it('shows a reply without a body as empty', async () => {
    const fetch = jest.fn(async () => new Response(null, { status: 204, statusText: 'No Content' }));
    const result = await run(['simulate', '--url', 'http://chat.invalid/im/callback', '--subscriber', 'jared'], {
      fetch,
    });
    expect(result.code).toBe(1);
    expect(lines(result.stdout).slice(-2)).toEqual([
      expect.stringMatching(/^< HTTP 204 No Content \([0-9]+ ms\)$/),
      '< (empty body)',
    ]);
    expect(result.stderr).toBe(
      'tencent-chat-webhook: the server answered HTTP 204 No Content, not 200; Tencent counts that as a failed callback\n',
    );
  });

  it('exits 1 on a reply larger than 1 MiB, printing none of it', async () => {
    const result = await run(simulate('/huge'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('tencent-chat-webhook: the reply is larger than 1 MiB, the most this tool reads\n');
    expect(lines(result.stdout)).toEqual([
      expect.stringMatching(/^> POST /),
      '> Content-Type: application/json',
      expect.stringMatching(/^> \{/),
    ]);
  });

  it('stops reading a reply without end once it passes 1 MiB, closing the connection', async () => {
    // Under jest's own time-out, so a tool that reads on fails here on its message, not on jest's.
    const result = await run(simulate('/endless', '--timeout-ms', '3000'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('tencent-chat-webhook: the reply is larger than 1 MiB, the most this tool reads\n');
    await Promise.all(endlessClosed);
  });

  it.each([
    ['an Error', new Error('EPIPE'), 'EPIPE'],
    ['something else', 'closed', 'closed'],
    ['an Error with control characters', new Error(HOSTILE), HOSTILE_SHOWN],
  ])('exits 1 with a message, and never throws, when writing the output throws %s', async (_name, thrown, shown) => {
    let stderr = '';
    const code = await main(['simulate', '--url', `${base}/im/callback`, '--subscriber', 'jared'], {
      stdout: () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a writer may throw anything
        throw thrown;
      },
      stderr: (text) => void (stderr += text),
      env: {},
    });
    expect(code).toBe(1);
    expect(stderr).toBe(`tencent-chat-webhook: unexpected error: ${shown}\n`);
  });
});

describe('what the server sends reaches the terminal with control characters escaped', () => {
  it.each<[string, string, string[], 'stdout' | 'stderr', string]>([
    ['a refused UserID', '/hostile-refusal', [], 'stdout', `Verdict: refused ${HOSTILE_SHOWN}; added jared, leckie.`],
    [
      'the ErrorInfo of a rejection',
      '/hostile-rejection',
      [],
      'stdout',
      `Verdict: the whole request was rejected (ErrorCode 1, ErrorInfo "${HOSTILE_SHOWN}"); nobody is added.`,
    ],
    [
      'the ErrorInfo of a non-200 reply',
      '/hostile-error',
      [],
      'stderr',
      `tencent-chat-webhook: the server answered HTTP 500 Internal Server Error, not 200 (ErrorInfo "${HOSTILE_SHOWN}"); ` +
        'Tencent counts that as a failed callback',
    ],
    ['a reply that is not JSON, as shown', '/hostile-text', [], 'stdout', `< OK${HOSTILE_SHOWN}\\rdone`],
    [
      'a reply that is not JSON, as quoted in the error',
      '/hostile-text',
      [],
      'stderr',
      `tencent-chat-webhook: reply is not JSON: it starts with "OK${HOSTILE_SHOWN}\\rdone"; ` +
        'Tencent counts that as a failed callback',
    ],
    ['the ErrorInfo in --json', '/hostile-rejection', ['--json'], 'stdout', `      "ErrorInfo": "${HOSTILE_SHOWN}"`],
  ])('%s', async (_name, route, extra, stream, shown) => {
    const result = await run(simulate(route, ...extra));
    expect(lines(result[stream])).toContain(shown);
  });

  it('keeps the --json output JSON that reads back to what the server sent', async () => {
    const result = await run(simulate('/hostile-refusal', '--json'));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: { refused: [HOSTILE] } });
  });

  it('escapes the reason phrase', async () => {
    const fetch = jest.fn(async () => new Response('', { status: 500, statusText: 'Bad\u009b2J' }));
    const result = await run(['simulate', '--url', 'http://chat.invalid/im/callback', '--subscriber', 'jared'], {
      fetch,
    });
    expect(result.code).toBe(1);
    expect(lines(result.stdout).at(-2)).toMatch(/^< HTTP 500 Bad\\u009b2J \([0-9]+ ms\)$/);
    expect(result.stderr).toBe(
      'tencent-chat-webhook: the server answered HTTP 500 Bad\\u009b2J, not 200; Tencent counts that as a failed callback\n',
    );
  });
});

describe('arguments', () => {
  const url = 'http://127.0.0.1:1/im/callback';
  it.each<[string, string[], string | RegExp, Record<string, string>?]>([
    [
      'no --url',
      ['simulate', '--subscriber', 'jared'],
      '--url is required, e.g. --url http://localhost:3000/im/callback',
    ],
    ['an empty --subscriber', ['simulate', '--url', url, '--subscriber', ''], '--subscriber must not be empty'],
    [
      'a URL without a scheme',
      ['simulate', '--url', 'localhost:3000/x', '--subscriber', 'a'],
      '--url must start with http:// or https://, got "localhost:3000/x"',
    ],
    [
      'something that is not a URL',
      ['simulate', '--url', 'not a url', '--subscriber', 'a'],
      '--url "not a url" is not a URL; give one like http://localhost:3000/im/callback',
    ],
    [
      'a URL with a password',
      ['simulate', '--url', 'http://u:p@localhost/x', '--subscriber', 'a'],
      '--url must not contain a user name or password',
    ],
    [
      '--url twice',
      ['simulate', '--url', url, '--url', url, '--subscriber', 'a'],
      '--url is given 2 times; give it once',
    ],
    ['an empty --token', ['simulate', '--url', url, '--subscriber', 'a', '--token', ''], '--token must not be empty'],
    [
      'a --sdkappid that is not a number',
      ['simulate', '--url', url, '--subscriber', 'a', '--sdkappid', '14e8'],
      '--sdkappid must be your numeric SDKAppID, e.g. 1400000000, got "14e8"',
    ],
    [
      'an IM_SDKAPPID that is not a number',
      ['simulate', '--url', url, '--subscriber', 'a'],
      'IM_SDKAPPID must be your numeric SDKAppID, e.g. 1400000000',
      { IM_SDKAPPID: 'abc' },
    ],
    [
      '--timeout-ms 0',
      ['simulate', '--url', url, '--subscriber', 'a', '--timeout-ms', '0'],
      '--timeout-ms must be a whole number of milliseconds from 1 to 2147483647, got "0"',
    ],
    [
      '--timeout-ms 1.5',
      ['simulate', '--url', url, '--subscriber', 'a', '--timeout-ms', '1.5'],
      /--timeout-ms must be a whole number .*, got "1\.5"/,
    ],
    [
      '--timeout-ms too large',
      ['simulate', '--url', url, '--subscriber', 'a', '--timeout-ms', '2147483648'],
      /--timeout-ms must be a whole number .*, got "2147483648"/,
    ],
    ['an unknown option', ['simulate', '--url', url, '--subscriber', 'a', '--bogus'], /unknown option '--bogus'/],
    [
      'an option without its value',
      ['simulate', '--subscriber', 'a', '--url'],
      /option '--url <value>' argument missing/,
    ],
    [
      'a value for a flag',
      ['simulate', '--url', url, '--subscriber', 'a', '--json=yes'],
      /option '--json' does not take an argument/,
    ],
    ['an extra argument', ['simulate', 'now', '--url', url, '--subscriber', 'a'], 'unexpected argument "now"'],
    [
      '--subscriber with another command',
      ['simulate', '--url', url, '--command', BEFORE_SEND_MSG_COMMAND, '--subscriber', 'a'],
      `--subscriber goes with --command ${COMMAND}; for ${BEFORE_SEND_MSG_COMMAND}, give the body's fields in --event`,
    ],
    [
      '--account with a command of another family',
      ['simulate', '--url', url, '--command', 'Group.CallbackBeforeSendMsg', '--account', '@TOA#_news'],
      `--account goes with --command ${COMMAND}; for Group.CallbackBeforeSendMsg, give the body's fields in --event`,
    ],
    [
      '--operator with an After-callback',
      ['simulate', '--url', url, '--command', AFTER_SEND_MSG_COMMAND, '--operator', 'admin'],
      `--operator goes with --command ${COMMAND}; for ${AFTER_SEND_MSG_COMMAND}, give the body's fields in --event`,
    ],
    [
      'a --command that is not a CallbackCommand',
      ['simulate', '--url', url, '--command', 'SendMsg'],
      '--command must be a CallbackCommand such as OfficialAccount.CallbackBeforeSendMsg, got "SendMsg"',
    ],
    [
      'an Official Account command that is not one of the 11',
      ['simulate', '--url', url, '--command', 'OfficialAccount.CallbackAfterMsgWithdraw'],
      '--command OfficialAccount.CallbackAfterMsgWithdraw is not a command of OfficialAccount: did you mean ' +
        'OfficialAccount.CallbackAfterMsgWithDraw?',
    ],
    [
      'a misspelt Group command',
      ['simulate', '--url', url, '--command', 'Group.CallbackBeforeSendMgs'],
      '--command Group.CallbackBeforeSendMgs is not a command of Group: did you mean Group.CallbackBeforeSendMsg?',
    ],
    [
      'a known family in lower case',
      ['simulate', '--url', url, '--command', 'sns.CallbackPrevFriendAdd'],
      '--command sns.CallbackPrevFriendAdd is not a command of Sns: did you mean Sns.CallbackPrevFriendAdd?',
    ],
    [
      '--member with the default command',
      ['simulate', '--url', url, '--member', 'ann'],
      `--member goes with --command ${INVITE_COMMAND}; for ${COMMAND}, give the body's fields in --event`,
    ],
    [
      '--subscriber with a group invite',
      ['simulate', '--url', url, '--command', INVITE_COMMAND, '--subscriber', 'ann'],
      `--subscriber goes with --command ${COMMAND}; for ${INVITE_COMMAND}, give the body's fields in --event`,
    ],
    [
      'an empty --member',
      ['simulate', '--url', url, '--command', INVITE_COMMAND, '--member', 'ann', '--member', ' '],
      '--member must not be empty',
    ],
    [
      '--member and --event, both with members',
      ['simulate', '--url', url, '--command', INVITE_COMMAND, '--member', 'a', '--event', '{"DestinationMembers":[]}'],
      '--member and --event both set DestinationMembers; give one of them',
    ],
    [
      '--command twice',
      ['simulate', '--url', url, '--command', COMMAND, '--command', COMMAND],
      '--command is given 2 times; give it once',
    ],
    [
      '--event that is not JSON',
      ['simulate', '--url', url, '--event', "{Name: 'News'}"],
      `--event is not JSON; give an object such as --event '{"Name":"News"}', or --event @event.json`,
    ],
    ...(
      [
        ['an array', '[{"Name":"News"}]'],
        ['null', 'null'],
        ['a string', '"News"'],
        ['a number', '7'],
        ['a boolean', 'true'],
      ] as const
    ).map(([name, json]): [string, string[], string] => [
      `--event that is ${name}`,
      ['simulate', '--url', url, '--event', json],
      `--event must be a JSON object of body fields, got ${name}`,
    ]),
    ['an empty --event', ['simulate', '--url', url, '--event', ' '], '--event must not be empty'],
    [
      '--event twice',
      ['simulate', '--url', url, '--event', '{}', '--event', '{}'],
      '--event is given 2 times; give it once',
    ],
    [
      '--event @ without a file',
      ['simulate', '--url', url, '--event', '@'],
      '--event @ names no file; give --event @event.json',
    ],
    [
      '--event @ a file that does not exist',
      ['simulate', '--url', url, '--event', `@${MISSING_FILE}`],
      `--event @${MISSING_FILE}: cannot read the file: ENOENT: no such file or directory, open '${MISSING_FILE}'`,
    ],
    [
      '--event @ a folder',
      ['simulate', '--url', url, '--event', `@${__dirname}`],
      `--event @${__dirname}: cannot read the file: EISDIR: illegal operation on a directory, read`,
    ],
    [
      '--event with another CallbackCommand',
      ['simulate', '--url', url, '--event', `{"CallbackCommand":"${AFTER_SEND_MSG_COMMAND}"}`],
      `--event sets CallbackCommand to "${AFTER_SEND_MSG_COMMAND}", but the command is ${COMMAND}; ` +
        'give the command with --command',
    ],
    [
      '--subscriber and --event, both with subscribers',
      ['simulate', '--url', url, '--subscriber', 'a', '--event', '{"SubscribeAccountList":[]}'],
      '--subscriber and --event both set SubscribeAccountList; give one of them',
    ],
    [
      '--account and --event, both with an account',
      ['simulate', '--url', url, '--account', '@TOA#_a', '--event', '{"Official_Account":"@TOA#_b"}'],
      '--account and --event both set Official_Account; give one of them',
    ],
    [
      '--operator and --event, both with an operator',
      ['simulate', '--url', url, '--operator', 'admin', '--event', '{"Operator_Account":"admin"}'],
      '--operator and --event both set Operator_Account; give one of them',
    ],
    ['options before the command', ['--url', url], `a command comes first: tencent-chat-webhook simulate --url ${url}`],
    ['an unknown command', ['send'], 'unknown command "send"; the commands are simulate and help'],
  ])('exits 2 on %s, sending nothing', async (_name, argv, message, env = {}) => {
    const fetch = jest.fn();
    const result = await run(argv, { fetch, env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const text = typeof message === 'string' ? message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : message.source;
    expect(result.stderr).toMatch(
      new RegExp(`^tencent-chat-webhook: ${text} \\(see tencent-chat-webhook --help\\)\\n$`),
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ['is not JSON', '{ "Name": "News", }', 'the file is not JSON'],
    ['holds an array', '[{ "Name": "News" }]', 'must be a JSON object of body fields, got an array'],
    ['is empty', '', 'the file is not JSON'],
  ])('exits 2 on an --event @file that %s, sending nothing', async (_name, text, problem) => {
    const file = eventFile('bad.json', text);
    const fetch = jest.fn();
    const result = await run(['simulate', '--url', url, '--event', `@${file}`], { fetch });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const separator = problem.startsWith('must') ? ' ' : ': ';
    expect(result.stderr).toBe(
      `tencent-chat-webhook: --event @${file}${separator}${problem} (see tencent-chat-webhook --help)\n`,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([[[]], [['help']], [['--help']], [['-h']], [['simulate', '--help']], [['simulate', '--url', 'x', '-h']]])(
    'prints the help for %j: every command and option, with its default',
    async (argv) => {
      const fetch = jest.fn();
      const result = await run(argv, { fetch });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(fetch).not.toHaveBeenCalled();
      const help = result.stdout.replace(/\n {12,}/g, ' ');
      expect(help).toMatch(/^Usage: tencent-chat-webhook <command> \[options\]/);
      for (const command of ['simulate', 'help']) expect(help).toMatch(new RegExp(`^  ${command} `, 'm'));
      for (const option of SIMULATE_OPTIONS) {
        expect(help).toContain(`--${option.name}${option.value ? ` ${option.value}` : ''}`);
        if (option.defaultText !== undefined) expect(help).toContain(`Default: ${option.defaultText}.`);
      }
      expect(help).toContain('Default: @TOA#_test_for_penn.');
      // Every command of the registry, under its family, with its kind.
      for (const { command, kind } of DEFINITIONS) {
        expect(help).toMatch(new RegExp(`^    ${command.replace('.', '\\.')} +${kind.replace('-', ' ')}`, 'm'));
      }
      const families = [...new Set(DEFINITIONS.map(({ command }) => command.slice(0, command.indexOf('.'))))];
      for (const family of families)
        expect(help).toMatch(new RegExp(`^  ${family}( \\(your codes [0-9–, ]+\\))?$`, 'm'));
      expect(help).toMatch(/^ {2}Group \(your codes 10100–10200\)$/m);
      expect(help).toMatch(/^ {2}Sns \(your codes 38000–39000\)$/m);
      expect(help).toMatch(/^ {4}Group\.CallbackBeforeInviteJoinGroup +list gate \(--member\)$/m);
      expect(help).toMatch(/^ {4}OfficialAccount\.CallbackBeforeAddSubscriber +list gate \(--subscriber\)$/m);
      expect(help.indexOf('  State\n')).toBeLessThan(help.indexOf('  Push\n'));
      expect(help).toContain('Callback commands (--command), by family: the 61 Tencent sends, each with its kind:');
      expect(help).toContain(`--command <command>`);
      expect(help).toContain(`Default: ${COMMAND}.`);
      expect(help).toContain('Default: 5000.');
      for (const line of lines(result.stdout)) {
        if (!line.startsWith('  tencent-chat-webhook simulate')) expect(line.length).toBeLessThanOrEqual(100);
      }
    },
  );
});

describe('the command line entry', () => {
  /** Bare module specifiers reachable from a file of lib/, following its relative imports. */
  function bareImportsFrom(file: string, seenFiles = new Set<string>()): Set<string> {
    const found = new Set<string>();
    if (seenFiles.has(file)) return found;
    seenFiles.add(file);
    for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'([^']+)'/g)) {
      if (!specifier.startsWith('.')) found.add(specifier);
      else
        for (const each of bareImportsFrom(
          path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')),
          seenFiles,
        ))
          found.add(each);
    }
    return found;
  }

  it('starts with a shebang and needs nothing but node built-ins', () => {
    const entry = path.join(__dirname, '../lib/cli.ts');
    expect(readFileSync(entry, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect([...bareImportsFrom(entry)].every((specifier) => specifier.startsWith('node:'))).toBe(true);
  });

  it('runs main with the arguments after the program name and sets process.exitCode', async () => {
    const { argv, exitCode } = process;
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const url = `http://127.0.0.1:${await closedPort()}/im/callback`;
      process.argv = [
        process.execPath,
        '/usr/local/bin/tencent-chat-webhook',
        'simulate',
        '--url',
        url,
        '--subscriber',
        'jared',
      ];
      process.exitCode = undefined;
      // The entry runs on load, so it is loaded fresh, the way node runs it.
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- ts-jest cannot import() here
        require('../lib/cli');
      });
      const exitCodeSet = (): boolean => (process.exitCode as number | undefined) !== undefined;
      for (let waited = 0; !exitCodeSet() && waited < 5000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(process.exitCode).toBe(1);
      expect(stdout).toHaveBeenCalledWith(expect.stringMatching(/^> POST http:\/\/127\.0\.0\.1:/));
      expect(stderr).toHaveBeenCalledWith(
        expect.stringMatching(/^tencent-chat-webhook: could not connect to .*: connection refused/),
      );
    } finally {
      process.argv = argv;
      process.exitCode = exitCode;
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  function runBin(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { env: { PATH: process.env['PATH'], ...env }, timeout: 10_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  // `npm test` builds first; a bare `npx jest` on a fresh clone has no dist/ to run.
  const ifBuilt = existsSync(BIN) ? it : it.skip;

  ifBuilt('prints the help from the built bin', async () => {
    const result = await runBin(['--help']);
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^Usage: tencent-chat-webhook /), stderr: '' });
  });

  ifBuilt('simulates against a server from the built bin, exits when done, and sets the exit code', async () => {
    const answered = await runBin(
      ['simulate', '--url', `${base}/im/callback`, '--subscriber', 'jared', '--subscriber', 'leckie'],
      {
        IM_CALLBACK_TOKEN: TOKEN,
      },
    );
    expect(answered.code).toBe(0);
    expect(answered.stdout).toMatch(/\nVerdict: refused jared; added leckie\.\n$/);
    expect(`${answered.stdout}${answered.stderr}`).not.toContain(TOKEN);

    const failed = await runBin(['simulate', '--url', `${base}/text`, '--subscriber', 'jared']);
    expect(failed.code).toBe(1);
    const usage = await runBin(['simulate']);
    expect(usage.code).toBe(2);
  });

  ifBuilt('simulates any command with --event from the built bin', async () => {
    const file = eventFile(
      'bin-message.json',
      JSON.stringify({ MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'drop' } }] }),
    );
    const args = ['simulate', '--url', `${base}/router`, '--command', BEFORE_SEND_MSG_COMMAND, '--event'];
    const dropped = await runBin([...args, `@${file}`], { IM_CALLBACK_TOKEN: TOKEN });
    expect(dropped.code).toBe(0);
    expect(dropped.stdout).toMatch(/\nVerdict: dropped silently \(the sender is told it was sent\)\.\n$/);
    const usage = await runBin([...args, '[]']);
    expect(usage).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'tencent-chat-webhook: --event must be a JSON object of body fields, got an array (see tencent-chat-webhook --help)\n',
    });
  });
});

describe('a reply that is not JSON, such as a framework page', () => {
  const URL_ARGS = [
    'simulate',
    '--url',
    'http://127.0.0.1:7001/im/callback',
    '--token',
    TOKEN,
    '--subscriber',
    'jared',
  ];

  /** A fetch that answers every request with this body, status and headers. */
  function answering(body: string, status: number, headers: Record<string, string> = {}): CliIO['fetch'] {
    return async () => new Response(body, { status, statusText: status === 403 ? 'Forbidden' : 'OK', headers });
  }

  /** A page like the one egg-onerror renders for egg-security's refusal: about 52 KB of HTML, many lines. */
  const FORBIDDEN_PAGE = [
    '<!DOCTYPE html>',
    '<html>',
    '<head><title>ForbiddenError: missing csrf token</title></head>',
    '<body>',
    ...Array.from(
      { length: 1200 },
      (_, index) =>
        `  <div class="frame">at layer ${index} (/app/node_modules/egg-security/lib/middlewares/csrf.js:37:9)</div>`,
    ),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  const PAGE_LINES = FORBIDDEN_PAGE.replace(/\n$/, '').split('\n');
  const HINT =
    'tencent-chat-webhook: hint: a 403 with an HTML page comes from the framework, not from this package, which ' +
    'answers in JSON: usually a CSRF or security middleware in front of the router rejected the POST ' +
    '(Egg\'s egg-security answers "missing csrf token"). Mount the router before it, e.g. first in Egg\'s ' +
    'config.coreMiddleware (docs/recipes/egg.md), rather than exempting the path from the CSRF check';

  it('shows the first 20 lines of a 403 HTML page, says how much was cut, and what such a page usually means', async () => {
    const fetch = answering(FORBIDDEN_PAGE, 403, { 'Content-Type': 'text/html; charset=utf-8' });
    const result = await run(URL_ARGS, { fetch });
    expect(FORBIDDEN_PAGE.length).toBeGreaterThan(50_000);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'tencent-chat-webhook: the server answered HTTP 403 Forbidden, not 200; Tencent counts that as a failed callback',
      HINT,
    ]);
    const shown = PAGE_LINES.slice(0, 20);
    const charactersCut = PAGE_LINES.slice(20).reduce((total, line) => total + line.length, 0);
    expect(lines(result.stdout).slice(3)).toEqual([
      expect.stringMatching(/^< HTTP 403 Forbidden \(\d+ ms\)$/),
      ...shown.map((line) => `< ${line}`),
      `< … (${PAGE_LINES.length - 20} more lines, ${charactersCut} more characters)`,
    ]);
  });

  it('knows an HTML page by how it starts, whatever its Content-Type', async () => {
    const fetch = answering('<html><body><h1>403 Forbidden</h1></body></html>', 403, { 'Content-Type': 'text/plain' });
    const result = await run(URL_ARGS, { fetch });
    expect(lines(result.stderr)).toEqual([expect.stringContaining('answered HTTP 403 Forbidden'), HINT]);
  });

  it('gives no hint for a 403 that is not HTML, nor for an HTML page with another status', async () => {
    const forbidden = await run(URL_ARGS, { fetch: answering('Forbidden', 403, { 'Content-Type': 'text/plain' }) });
    expect(lines(forbidden.stderr)).toEqual([expect.stringContaining('answered HTTP 403 Forbidden')]);
    const notFound = await run(URL_ARGS, {
      fetch: answering('<!DOCTYPE html><title>Not Found</title>', 404, { 'Content-Type': 'text/html' }),
    });
    expect(lines(notFound.stderr)).toEqual([expect.stringContaining('answered HTTP 404')]);
  });

  it('cuts a long text reply to 20 lines, a long line to 2000 characters, and says how much is left', async () => {
    const text = Array.from({ length: 30 }, (_, index) => (index === 5 ? 'y'.repeat(1990) : `line ${index}`)).join(
      '\r\n',
    );
    const result = await run(URL_ARGS, { fetch: answering(text, 200, { 'Content-Type': 'text/plain' }) });
    expect(result.code).toBe(1);
    const [first, second, third, fourth, fifth, long] = text.split('\r\n');
    // 2000 characters in all: the five short lines and the start of the long one.
    const kept = 2000 - [first, second, third, fourth, fifth].join('').length;
    const left = text.split('\r\n').reduce((total, line) => total + line.length, 0) - 2000;
    expect(lines(result.stdout).slice(4)).toEqual([
      `< ${first}`,
      `< ${second}`,
      `< ${third}`,
      `< ${fourth}`,
      `< ${fifth}`,
      `< ${long!.slice(0, kept)}`,
      `< … (24 more lines, ${left} more characters)`,
    ]);
  });

  it('says "1 more line" and "1 more character" when that is all it left out', async () => {
    const text = Array.from({ length: 21 }, (_, index) => (index === 20 ? 'z' : `line ${index}`)).join('\n');
    const result = await run(URL_ARGS, { fetch: answering(text, 200, { 'Content-Type': 'text/plain' }) });
    expect(lines(result.stdout).at(-1)).toBe('< … (1 more line, 1 more character)');
    const oneLong = await run(URL_ARGS, { fetch: answering('x'.repeat(2001), 200, { 'Content-Type': 'text/plain' }) });
    expect(lines(oneLong.stdout).at(-1)).toBe(`< ${'x'.repeat(2000)}… (1 more character)`);
  });

  it('with --json, keeps the whole page in reply.body, and still gives the hint on stderr', async () => {
    const fetch = answering(FORBIDDEN_PAGE, 403, { 'Content-Type': 'text/html; charset=utf-8' });
    const result = await run([...URL_ARGS, '--json'], { fetch });
    expect(result.code).toBe(1);
    const record = JSON.parse(result.stdout) as { reply: { status: number; body: unknown } };
    expect(record.reply).toEqual(expect.objectContaining({ status: 403, body: FORBIDDEN_PAGE }));
    expect(lines(result.stderr)).toEqual([expect.stringContaining('answered HTTP 403 Forbidden'), HINT]);
  });
});
