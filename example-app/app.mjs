// The example app: one webhook URL for every Tencent Cloud Chat callback. callbackRouter answers the
// message, list and friend gates and the After-callbacks below, and acknowledges every other command.
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

const isText = (element) => element.MsgType === 'TIMTextElem';

/** Whether a text element of the message contains one of the words, whatever their case. */
function containsAny(msgBody, words) {
  return msgBody.some(
    (element) => isText(element) && words.some((word) => element.MsgContent.Text.toLowerCase().includes(word)),
  );
}

/**
 * A phone number: 7 or more digits, the first one optionally after a `+`, each of the others
 * optionally after one space or dash. `+86 138-0013-8000`, `555-123-4567` and `1234567` match;
 * `123 456` (6 digits) and `12  34 56 78` (two spaces) do not.
 */
const PHONE_NUMBER = /\+?\d(?:[ -]?\d){6,}/g;

/** The message with the digits of each phone number in its text replaced by `*`, or `undefined` when it has none. */
function maskPhoneNumbers(msgBody) {
  let masked = false;
  const changed = msgBody.map((element) => {
    if (!isText(element)) return element;
    const text = element.MsgContent.Text.replace(PHONE_NUMBER, (number) => number.replace(/\d/g, '*'));
    if (text === element.MsgContent.Text) return element;
    masked = true;
    return { ...element, MsgContent: { ...element.MsgContent, Text: text } };
  });
  return masked ? changed : undefined;
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

  /** One-to-one and group messages: `false` refuses one with a blocked word (ErrorCode 1), `{ modify }` masks phone numbers. */
  const chatMessageGate = {
    decide: (event) => {
      if (containsAny(event.MsgBody, settings.blockedWords)) return false;
      const MsgBody = maskPhoneNumbers(event.MsgBody);
      return MsgBody === undefined ? true : { modify: { MsgBody } };
    },
  };
  /** The friend gates decide each target (`{ To_Account, … }`): `false` refuses it with ResultCode 38000. */
  const friendGate = { decide: (target) => !settings.blockedSubscribers.has(target.To_Account) };

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
        'C2C.CallbackBeforeSendMsg': chatMessageGate,
        'Group.CallbackBeforeSendMsg': chatMessageGate,
        'Group.CallbackBeforeInviteJoinGroup': {
          decide: (member) => !settings.blockedSubscribers.has(member),
        },
        'Sns.CallbackPrevFriendAdd': friendGate,
        'Sns.CallbackPrevFriendResponse': friendGate,
        'OfficialAccount.CallbackBeforeCreateOfficialAccount': { decide: () => true },
        'OfficialAccount.CallbackBeforeAddSubscriber': {
          decide: (subscriber) => !settings.blockedSubscribers.has(subscriber),
        },
        'OfficialAccount.CallbackBeforeSendMsg': {
          // `false` refuses the message (ErrorCode 1).
          decide: (event) => !containsAny(event.MsgBody, settings.blockedWords),
        },

        // After-callbacks: Tencent ignores the reply, so they only log.
        'C2C.CallbackAfterSendMsg': (event) =>
          logEvent(event, {
            from: event.From_Account,
            to: event.To_Account,
            msgKey: event.MsgKey,
            result: event.SendMsgResult,
          }),
        'Group.CallbackAfterSendMsg': (event) =>
          logEvent(event, { group: event.GroupId, from: event.From_Account, msgSeq: event.MsgSeq }),
        'Group.CallbackAfterNewMemberJoin': (event) =>
          logEvent(event, {
            group: event.GroupId,
            joinType: event.JoinType,
            members: event.NewMemberList.map((member) => member.Member_Account),
          }),
        'Sns.CallbackFriendAdd': (event) =>
          logEvent(event, { pairs: event.PairList.map((pair) => [pair.From_Account, pair.To_Account]) }),
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
