// Starts the example app and prints a curl line that sends Tencent's example request to it.
import { computeSign } from 'express-tencent-chat-webhook';
import { createApp, settingsFrom } from './app.mjs';

const settings = settingsFrom(process.env);
const app = createApp(settings);

const tencentExampleBody = {
  CallbackCommand: 'OfficialAccount.CallbackBeforeAddSubscriber',
  Official_Account: '@TOA#_test_for_penn',
  Operator_Account: '107867',
  SubscribeAccountList: [{ Subscriber_Account: 'jared' }, { Subscriber_Account: 'leckie' }],
  EventTime: 1670574414123,
};

function exampleQuery() {
  const query = new URLSearchParams({
    SdkAppid: settings.sdkAppId ?? '1400000000',
    CallbackCommand: tencentExampleBody.CallbackCommand,
    contenttype: 'json',
    ClientIP: '127.0.0.1',
    OptPlatform: 'RESTAPI',
  });
  if (settings.token) {
    // A Sign is valid for a minute either way of RequestTime, so the line below works for a minute.
    const requestTime = String(Math.floor(Date.now() / 1000));
    query.set('RequestTime', requestTime);
    query.set('Sign', computeSign(settings.token, requestTime));
  }
  return query;
}

const server = app.listen(settings.port, () => {
  const { port } = server.address();
  const url = `http://localhost:${port}/im/callback`;
  console.log(`Example app listening: webhook at POST ${url}`);
  console.log(
    `Authentication: ${settings.token ? 'Sign checked' : 'OFF: IM_CALLBACK_TOKEN is not set, anyone can call the URL'}; ` +
      `SdkAppid: ${settings.sdkAppId ?? 'any (set IM_SDKAPPID)'}; blocked: ${[...settings.blocked].join(', ') || 'nobody'}`,
  );
  console.log("Send Tencent's example request:");
  console.log(
    `curl -s -X POST '${url}?${exampleQuery()}' -H 'Content-Type: application/json' ` +
      `-d '${JSON.stringify(tencentExampleBody)}'`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
