// Starts the example app and prints one curl line per kind of gate, each built by the package's
// testing helper: a message gate, an action gate, a list gate and a target gate.
import { buildCallback } from 'express-tencent-chat-webhook/testing';
import { createApp, settingsFrom } from './app.mjs';

const settings = settingsFrom(process.env);
const app = createApp(settings);

/** A curl line that sends the callback; signed when a token is set, so it works for a minute. */
function curlLine(origin, options) {
  const callback = buildCallback({ ...options, token: settings.token || undefined, sdkAppId: settings.sdkAppId });
  return `curl -s -X POST '${origin}${callback.path}' -H 'Content-Type: application/json' -d '${callback.json}'`;
}

// Each request gives every field its command requires, so it does not depend on buildCallback
// knowing Tencent's example of the command.
const TRIES = [
  {
    title: 'Message gate: a one-to-one message with a phone number, answered masked (C2C BeforeSendMsg):',
    command: 'C2C.CallbackBeforeSendMsg',
    event: {
      From_Account: 'leckie',
      To_Account: 'tommy',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Call me on +86 138-0013-8000' } }],
    },
  },
  {
    title: "Action gate: Tencent's example BeforeCreateOfficialAccount request, allowed:",
    command: 'OfficialAccount.CallbackBeforeCreateOfficialAccount',
  },
  {
    title: 'List gate: leckie invites jared and tommy to a group (Group BeforeInviteJoinGroup):',
    command: 'Group.CallbackBeforeInviteJoinGroup',
    event: {
      GroupId: '@TGS#2J4SZEAEL',
      Type: 'Public',
      Operator_Account: 'leckie',
      DestinationMembers: [{ Member_Account: 'jared' }, { Member_Account: 'tommy' }],
    },
  },
  {
    title: 'Target gate: leckie asks jared and tommy to be friends (Sns PrevFriendAdd):',
    command: 'Sns.CallbackPrevFriendAdd',
    event: {
      Requester_Account: 'leckie',
      From_Account: 'leckie',
      FriendItem: [{ To_Account: 'jared' }, { To_Account: 'tommy' }],
      AddType: 'Add_Type_Both',
    },
  },
];

const server = app.listen(settings.port, () => {
  const { port } = server.address();
  const origin = `http://localhost:${port}`;
  console.log(`Example app listening: webhook at POST ${origin}/im/callback`);
  console.log(
    `Authentication: ${settings.token ? 'Sign checked' : 'OFF: IM_CALLBACK_TOKEN is not set, anyone can call the URL'}; ` +
      `SdkAppid: ${settings.sdkAppId ?? 'any (set IM_SDKAPPID)'}; ` +
      `blocked users: ${[...settings.blockedSubscribers].join(', ') || 'nobody'}; ` +
      `blocked words: ${settings.blockedWords.join(', ') || 'none'}`,
  );
  for (const { title, command, event } of TRIES) {
    console.log(title);
    console.log(curlLine(origin, { command, event }));
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
