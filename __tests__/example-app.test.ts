import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { OFFICIAL_ACCOUNT_COMMANDS, OFFICIAL_ACCOUNT_SPECS, type MessageElement } from '../lib/index';
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
const AFTER_COMMANDS = OFFICIAL_ACCOUNT_COMMANDS.filter(
  (command) => OFFICIAL_ACCOUNT_SPECS[command].kind === 'notification',
);

interface Reply {
  status: number;
  body: unknown;
}

interface RunningExample {
  baseUrl: string;
  /** The printed curl lines: Tencent's BeforeAddSubscriber example, then the BeforeSendMsg with "spam". */
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
    () => curlLines().length === 2 || child.exitCode !== null,
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

/** An unsigned BeforeSendMsg whose message is these elements. */
function message(...MsgBody: MessageElement[]): BuildCallbackOptions {
  return { command: 'OfficialAccount.CallbackBeforeSendMsg', event: { MsgBody } };
}

const text = (Text: string): MessageElement => ({ MsgType: 'TIMTextElem', MsgContent: { Text } });

describe('the example app (npm start)', () => {
  let example: RunningExample;
  afterEach(async () => {
    await example.stop();
  });

  it('answers both printed curl lines exactly: jared refused, the message with "spam" refused', async () => {
    example = await startExample({});
    expect(example.output()).toContain('Authentication: OFF: IM_CALLBACK_TOKEN is not set, anyone can call the URL');
    expect(example.output()).toContain('`token: false`, so requests are not authenticated');
    const [subscribers, spam] = example.curlLines;
    expect(subscribers).toContain('CallbackCommand=OfficialAccount.CallbackBeforeAddSubscriber&');
    expect(spam).toContain('CallbackCommand=OfficialAccount.CallbackBeforeSendMsg&');
    expect(await runCurlLine(subscribers)).toEqual({ status: 200, body: tencentExampleReplyRefused });
    expect(await runCurlLine(spam)).toEqual({ status: 200, body: REFUSED });
  });

  it('refuses whoever BLOCKED_SUBSCRIBERS lists, and messages with a BLOCKED_WORDS word in any case', async () => {
    example = await startExample({ BLOCKED_SUBSCRIBERS: 'leckie, someone', BLOCKED_WORDS: 'Red Packet, lottery' });
    expect(await runCurlLine(example.curlLines[0])).toEqual({
      status: 200,
      body: { ...tencentExampleReplyRefused, RefusedSubscribers_Account: ['leckie'] },
    });
    const replies = await Promise.all([
      // Tencent's example message says "red packet".
      example.send({ command: 'OfficialAccount.CallbackBeforeSendMsg' }),
      example.send(message(text('hello'), text('Win the LOTTERY'))),
      // "spam" is no longer blocked: BLOCKED_WORDS replaces the default.
      runCurlLine(example.curlLines[1]),
      example.send(message(text('hello'))),
      // Only text elements are read.
      example.send(message({ MsgType: 'TIMCustomElem', MsgContent: { Data: 'lottery' } })),
    ]);
    expect(replies).toEqual([
      { status: 200, body: REFUSED },
      { status: 200, body: REFUSED },
      { status: 200, body: OK },
      { status: 200, body: OK },
      { status: 200, body: OK },
    ]);
  });

  it('answers each After-callback OK and logs it in one line; acknowledges other families; allows creation', async () => {
    example = await startExample({});
    const replies = await Promise.all([
      ...[...AFTER_COMMANDS, 'OfficialAccount.CallbackBeforeCreateOfficialAccount'].map((command) =>
        example.send({ command }),
      ),
      example.send({ command: 'C2C.CallbackAfterSendMsg', event: { From_Account: 'a', To_Account: 'b' } }),
      example.send({ command: 'Group.CallbackBeforeSendMsg', event: { GroupId: '@TGS#1' } }),
    ]);
    expect(replies).toEqual(replies.map(() => ({ status: 200, body: OK })));

    const linesOf = (command: string): string[] => example.output().match(new RegExp(`^${command} .*$`, 'gm')) ?? [];
    await waitFor(
      () => AFTER_COMMANDS.every((command) => linesOf(command).length > 0),
      () => example.output(),
    );
    expect(Object.fromEntries(AFTER_COMMANDS.map((command) => [command, linesOf(command)]))).toEqual({
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
    });
  });

  it('keeps a log line one line whatever the event holds', async () => {
    example = await startExample({});
    const reply = await example.send({
      command: 'OfficialAccount.CallbackAfterOfficialAccountFull',
      event: { Official_Account: '@TOA#_x\nOfficialAccount.CallbackAfterOfficialAccountFull forged' },
    });
    expect(reply).toEqual({ status: 200, body: OK });
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
    expect(await replyOf(health)).toEqual({ status: 200, body: { ok: true } });
  });

  it('checks Sign and SdkAppid of every command when IM_CALLBACK_TOKEN and IM_SDKAPPID are set', async () => {
    const token = 'example-token-123';
    const sdkAppId = '1400999999';
    example = await startExample({ IM_CALLBACK_TOKEN: token, IM_SDKAPPID: sdkAppId });
    expect(example.output()).toContain('Authentication: Sign checked; SdkAppid: 1400999999');
    expect(example.output()).not.toContain(token);
    for (const line of example.curlLines)
      expect(line).toMatch(/SdkAppid=1400999999&.*RequestTime=\d+&Sign=[0-9a-f]{64}'/);

    const unsign = (line: string | undefined): string => (line ?? '').replace(/&RequestTime=\d+&Sign=[0-9a-f]{64}/, '');
    const after = 'OfficialAccount.CallbackAfterAddSubscriber';
    const other = 'C2C.CallbackAfterSendMsg';
    const replies = await Promise.all([
      runCurlLine(example.curlLines[0]),
      runCurlLine(example.curlLines[1]),
      runCurlLine(unsign(example.curlLines[0])),
      runCurlLine(unsign(example.curlLines[1])),
      example.send({ command: after, token, sdkAppId }),
      example.send({ command: after, sdkAppId }),
      example.send({ command: after, token: 'forged-token', sdkAppId }),
      example.send({ command: after, token }),
      example.send({ command: other, token, sdkAppId }),
      example.send({ command: other, sdkAppId }),
    ]);
    expect(replies).toEqual([
      { status: 200, body: tencentExampleReplyRefused },
      { status: 200, body: REFUSED },
      { status: 401, body: SIGN_MISSING },
      { status: 401, body: SIGN_MISSING },
      { status: 200, body: OK },
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
      { status: 200, body: OK },
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
