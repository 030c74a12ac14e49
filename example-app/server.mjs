// Starts the example app and prints two curl lines: Tencent's example BeforeAddSubscriber request,
// and a BeforeSendMsg request with a blocked word. Both are built by the package's testing helper.
import { buildCallback } from 'express-tencent-chat-webhook/testing';
import { createApp, settingsFrom } from './app.mjs';

const settings = settingsFrom(process.env);
const app = createApp(settings);

/** A curl line that sends the callback; signed when a token is set, so it works for a minute. */
function curlLine(origin, options) {
  const callback = buildCallback({ ...options, token: settings.token || undefined, sdkAppId: settings.sdkAppId });
  return `curl -s -X POST '${origin}${callback.path}' -H 'Content-Type: application/json' -d '${callback.json}'`;
}

const server = app.listen(settings.port, () => {
  const { port } = server.address();
  const origin = `http://localhost:${port}`;
  console.log(`Example app listening: webhook at POST ${origin}/im/callback`);
  console.log(
    `Authentication: ${settings.token ? 'Sign checked' : 'OFF: IM_CALLBACK_TOKEN is not set, anyone can call the URL'}; ` +
      `SdkAppid: ${settings.sdkAppId ?? 'any (set IM_SDKAPPID)'}; ` +
      `blocked subscribers: ${[...settings.blockedSubscribers].join(', ') || 'nobody'}; ` +
      `blocked words: ${settings.blockedWords.join(', ') || 'none'}`,
  );
  console.log("Send Tencent's example BeforeAddSubscriber request (subscribers jared and leckie):");
  console.log(curlLine(origin, { command: 'OfficialAccount.CallbackBeforeAddSubscriber' }));
  console.log('Send an Official Account message that says "spam" (BeforeSendMsg):');
  console.log(
    curlLine(origin, {
      command: 'OfficialAccount.CallbackBeforeSendMsg',
      event: { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Cheap spam, click here' } }] },
    }),
  );
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
