// The cases every runtime of `npm run test:runtimes` runs, against the packed ES build. Plain
// JavaScript with web globals only (fetch's Request and Response, Web Crypto, TextEncoder), so one
// file runs unchanged in Bun, Deno, workerd and Vercel's edge-runtime; the package comes in as an
// argument, imported by each runtime its own way. Each case checks a status and the exact body.

const TOKEN = 'runtime-tier-token';
const SDK_APP_ID = '1400000000';
const ORIGIN = 'https://callbacks.example.com';

/** Tencent's Sign, hex(sha256(token + RequestTime)), from the runtime's own Web Crypto. */
async function sign(token, requestTime) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token + requestTime));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A callback as Tencent sends it: POST, its query on the callback path, signed with `token`. */
async function callback(command, body, { token = TOKEN, path = '/im/callback' } = {}) {
  const requestTime = String(Math.floor(Date.now() / 1000));
  const query = new URLSearchParams({
    SdkAppid: SDK_APP_ID,
    CallbackCommand: command,
    contenttype: 'json',
    ClientIP: '127.0.0.1',
    OptPlatform: 'RESTAPI',
    RequestTime: requestTime,
    Sign: await sign(token, requestTime),
  });
  return new Request(`${ORIGIN}${path}?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ CallbackCommand: command, ...body }),
  });
}

// Bodies from Tencent's documented examples (lib/commands/), trimmed to what the schemas need.
const C2C_MESSAGE = {
  From_Account: 'jared',
  To_Account: 'John',
  MsgSeq: 48374,
  MsgRandom: 2837546,
  MsgTime: 1557481126,
  MsgKey: '48374_2837546_1557481126',
  OnlineOnlyFlag: 1,
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
  CloudCustomData: 'your cloud custom data',
};
const CREATE_GROUP = {
  Operator_Account: 'leckie',
  Owner_Account: 'leckie',
  Type: 'Public',
  Name: 'MyFirstGroup',
  CreateGroupNum: 123,
  MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'peter' }],
  EventTime: '1670574414123',
};
const INVITE = {
  GroupId: '@TGS#2J4SZEAEL',
  Type: 'Public',
  Operator_Account: 'leckie',
  DestinationMembers: [{ Member_Account: 'jared' }, { Member_Account: 'leckie' }],
  EventTime: '1670574414123',
};
const FRIEND_ADD = {
  Requester_Account: 'id',
  From_Account: 'id',
  FriendItem: [
    {
      To_Account: 'id1',
      Remark: 'remark1',
      GroupName: 'group1',
      AddSource: 'AddSource_Type_Android',
      AddWording: 'hi',
    },
    {
      To_Account: 'id2',
      Remark: 'remark2',
      GroupName: 'group1',
      AddSource: 'AddSource_Type_Android',
      AddWording: 'hi',
    },
  ],
  AddType: 'Add_Type_Both',
  ForceAddFlags: 0,
  EventTime: 1631777344870,
};
const SIGNAL = {
  From_Account: 'user01',
  To_Account: '@RBT#chatbot',
  MsgSeq: 5678,
  MsgRandom: 8765,
  MsgKey: '8765_5678_4321',
  EventTime: 1670574414123,
  Data: '{"msg":"hello"}',
};
const AFTER_SEND = { ...C2C_MESSAGE, SendMsgResult: 0, ErrorInfo: 'send msg succeed', UnreadMsgNum: 7 };

/**
 * What an app on a serverless runtime writes: nothing at start-up, the router made inside `fetch`
 * on the first request (where Workers forbid code generation and env bindings first exist), and a
 * 404 for what the router passes on.
 */
function createApp(callbackRouter, notified, logs) {
  let router;
  let created = 0;
  let requests = 0;
  const log = (level) => (message) => logs.push(`${level}: ${message}`);
  return {
    get created() {
      return created;
    },
    get router() {
      return router;
    },
    get requests() {
      return requests;
    },
    async fetch(request) {
      requests += 1;
      if (router === undefined) {
        created += 1;
        router = callbackRouter({
          token: TOKEN,
          sdkAppId: SDK_APP_ID,
          path: '/im/callback',
          logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
          on: {
            'C2C.CallbackBeforeSendMsg': {
              decide: (event) =>
                event.MsgBody.some(
                  (element) => element.MsgType === 'TIMTextElem' && /red packet/.test(element.MsgContent.Text),
                )
                  ? { reject: { code: 120001, info: 'no red packets' } }
                  : true,
            },
            'Group.CallbackBeforeCreateGroup': { decide: (event) => event.MemberList.length < 2 },
            'Group.CallbackBeforeInviteJoinGroup': { decide: (member) => member !== 'jared' },
            'Sns.CallbackPrevFriendAdd': {
              decide: (friend) => (friend.To_Account === 'id2' ? { reject: { code: 38001, info: 'blocked' } } : true),
            },
            'Chatbot.OnC2CSignalMessage': (event) => `received ${event.Data}`,
            'C2C.CallbackAfterSendMsg': (event) => {
              notified.push(event.MsgKey);
            },
          },
        });
      }
      return (await router.fetch(request)) ?? new Response('not found', { status: 404 });
    },
  };
}

/** Code generation from strings, which Workers and Vercel's edge runtime refuse. */
function codeGeneration() {
  try {
    return new Function('return "allowed"')();
  } catch {
    return 'refused';
  }
}

/**
 * Runs every case against `pkg` (the package's ES entry, as a namespace) and resolves to
 * `{ codeGeneration, results: [{ name, ok, detail }] }`; it never throws for a failed case.
 */
export async function runScenario(pkg) {
  const notified = [];
  const logs = [];
  const app = createApp(pkg.callbackRouter, notified, logs);
  const results = [];
  const createdBeforeFirstRequest = app.created;

  async function check(name, request, status, body, extra) {
    try {
      const response = await app.fetch(await request);
      const text = await response.text();
      const problems = [];
      if (response.status !== status) problems.push(`status ${response.status}, expected ${status}`);
      if (text !== body) problems.push(`body ${text}, expected ${body}`);
      const more = extra?.();
      if (more) problems.push(more);
      results.push({ name, ok: problems.length === 0, detail: problems.join('; ') || `${status} ${text}` });
    } catch (error) {
      results.push({ name, ok: false, detail: `threw ${error?.stack ?? error}` });
    }
  }

  await check(
    'message gate C2C.CallbackBeforeSendMsg',
    callback('C2C.CallbackBeforeSendMsg', C2C_MESSAGE),
    200,
    '{"ActionStatus":"OK","ErrorCode":120001,"ErrorInfo":"no red packets"}',
  );
  await check(
    'action gate Group.CallbackBeforeCreateGroup',
    callback('Group.CallbackBeforeCreateGroup', CREATE_GROUP),
    200,
    '{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}',
  );
  await check(
    'list gate Group.CallbackBeforeInviteJoinGroup',
    callback('Group.CallbackBeforeInviteJoinGroup', INVITE),
    200,
    '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RefusedMembers_Account":["jared"]}',
  );
  await check(
    'target gate Sns.CallbackPrevFriendAdd',
    callback('Sns.CallbackPrevFriendAdd', FRIEND_ADD),
    200,
    '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[' +
      '{"To_Account":"id1","ResultCode":0,"ResultInfo":""},{"To_Account":"id2","ResultCode":38001,"ResultInfo":"blocked"}]}',
  );
  await check(
    'reply data Chatbot.OnC2CSignalMessage',
    callback('Chatbot.OnC2CSignalMessage', SIGNAL),
    200,
    '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RspData":"received {\\"msg\\":\\"hello\\"}"}',
  );
  await check(
    'notification C2C.CallbackAfterSendMsg',
    callback('C2C.CallbackAfterSendMsg', AFTER_SEND),
    200,
    '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}',
    () => (notified.join() === AFTER_SEND.MsgKey ? '' : `handler saw ${JSON.stringify(notified)}`),
  );
  await check(
    'forged Sign refused 401',
    callback('C2C.CallbackBeforeSendMsg', C2C_MESSAGE, { token: 'not-the-token' }),
    401,
    '{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"ERR_SIGN_MISMATCH: Sign does not match the configured callback token"}',
    () => (logs.some((line) => line.startsWith('warn: ') && line.includes('ERR_SIGN_MISMATCH')) ? '' : 'not logged'),
  );
  const withoutMsgBody = { ...C2C_MESSAGE, MsgBody: undefined }; // JSON.stringify leaves it out
  await check(
    'signed body failing its schema refused in a 200',
    callback('C2C.CallbackBeforeSendMsg', withoutMsgBody),
    200,
    '{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":"ERR_BODY_INVALID: body is missing the required field MsgBody"}',
    () => (logs.some((line) => line.startsWith('error: ') && line.includes('ERR_BODY_INVALID')) ? '' : 'not logged'),
  );

  // Not a callback: router.fetch itself resolves to undefined and leaves the body unread.
  const other = new Request(`${ORIGIN}/api/orders`, { method: 'POST', body: '{"order":1}' });
  try {
    const passed = await app.router.fetch(other);
    const ok = passed === undefined && other.bodyUsed === false;
    results.push({
      name: 'non-callback request passed on (router.fetch resolves undefined)',
      ok,
      detail: ok ? 'undefined, body unread' : `resolved ${passed?.status}, bodyUsed ${other.bodyUsed}`,
    });
  } catch (error) {
    results.push({ name: 'non-callback request passed on', ok: false, detail: `threw ${error?.stack ?? error}` });
  }
  await check('non-callback request answered by the app: 404', new Request(`${ORIGIN}/healthz`), 404, 'not found');

  const lazy = createdBeforeFirstRequest === 0 && app.created === 1;
  results.push({
    name: 'router created lazily inside fetch, once',
    ok: lazy,
    detail: `routers made: ${createdBeforeFirstRequest} before the first request, ${app.created} after ${app.requests}`,
  });
  return { codeGeneration: codeGeneration(), logs, results };
}
