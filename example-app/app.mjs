// The example app: one webhook URL for every Tencent Cloud Chat callback. callbackRouter answers
// the 11 Official Account commands with the rules below and acknowledges every other command.
import express from 'express';
import { callbackRouter } from 'express-tencent-chat-webhook';

/** A comma-separated setting as a list, blanks left out. */
function listFrom(value) {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Reads the example's settings from the environment (see docs/testing.md, "The example app"). */
export function settingsFrom(env) {
  return {
    port: Number(env.PORT ?? 3000),
    blockedSubscribers: new Set(listFrom(env.BLOCKED_SUBSCRIBERS ?? 'jared')),
    blockedWords: listFrom(env.BLOCKED_WORDS ?? 'spam').map((word) => word.toLowerCase()),
    sdkAppId: env.IM_SDKAPPID || undefined,
    // `false` is the package's explicit "no authentication"; an unset variable must not look like a token.
    token: env.IM_CALLBACK_TOKEN || false,
  };
}

/** Whether a text element of the message contains one of the words, whatever their case. */
function containsAny(msgBody, words) {
  return msgBody.some(
    (element) =>
      element.MsgType === 'TIMTextElem' && words.some((word) => element.MsgContent.Text.toLowerCase().includes(word)),
  );
}

/** Logs an After-callback in one line: its command, then each field as JSON, so no value can break the line. */
function logEvent(event, fields) {
  const details = Object.entries(fields).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  console.log([event.CallbackCommand, ...details].join(' '));
}

const userIdsOf = (list) => list.map((entry) => entry.Subscriber_Account);

export function createApp(settings) {
  const app = express();

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.use(
    '/im/callback',
    callbackRouter({
      token: settings.token,
      sdkAppId: settings.sdkAppId,
      logger: console,
      // Commands without a handler below (other families) are acknowledged, once authenticated.
      unhandled: 'ack',
      on: {
        // Before-callbacks: the reply decides what Tencent does.
        'OfficialAccount.CallbackBeforeCreateOfficialAccount': { decide: () => true },
        'OfficialAccount.CallbackBeforeAddSubscriber': {
          decide: (subscriber) => !settings.blockedSubscribers.has(subscriber),
        },
        'OfficialAccount.CallbackBeforeSendMsg': {
          // `false` refuses the message (ErrorCode 1).
          decide: (event) => !containsAny(event.MsgBody, settings.blockedWords),
        },

        // After-callbacks: Tencent ignores the reply, so they only log.
        'OfficialAccount.CallbackAfterCreateOfficialAccount': (event) =>
          logEvent(event, { account: event.Official_Account, name: event.Name, owner: event.Owner_Account }),
        'OfficialAccount.CallbackAfterOfficialAccountInfoChanged': (event) =>
          logEvent(event, {
            account: event.Official_Account,
            operator: event.Operator_Account,
            changed: ['Name', 'Introduction', 'FaceUrl', 'Organization'].filter((field) => field in event),
          }),
        'OfficialAccount.CallbackAfterOfficialAccountDestroyed': (event) =>
          logEvent(event, { account: event.Official_Account, name: event.Name, owner: event.Owner_Account }),
        'OfficialAccount.CallbackAfterAddSubscriber': (event) =>
          logEvent(event, {
            account: event.Official_Account,
            operator: event.Operator_Account,
            subscribers: userIdsOf(event.SubscribeAccountList),
          }),
        'OfficialAccount.CallbackAfterOfficialAccountFull': (event) =>
          logEvent(event, { account: event.Official_Account }),
        'OfficialAccount.CallbackAfterDeleteSubscriber': (event) =>
          logEvent(event, {
            account: event.Official_Account,
            operator: event.Operator_Account,
            subscribers: userIdsOf(event.SubscribeAccountList),
          }),
        'OfficialAccount.CallbackAfterSendMsg': (event) =>
          logEvent(event, { account: event.Official_Account, msgKey: event.MsgKey }),
        'OfficialAccount.CallbackAfterMsgWithDraw': (event) =>
          logEvent(event, {
            account: event.Official_Account,
            msgKeys: event.WithdrawMsgList.map((message) => message.MsgKey),
          }),
      },
    }),
  );

  return app;
}
