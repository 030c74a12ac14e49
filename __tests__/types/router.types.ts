// Checked by `npm run typecheck` (tsc --noEmit), never run: each @ts-expect-error line must stay
// a type error, and each assertion must keep holding, or the type check fails.
import express from 'express';
import {
  callbackRouter,
  type CallbackContext,
  type C2CBeforeSendMsgEvent,
  type ChatbotOnC2CSignalMessageEvent,
  type DecisionContext,
  type DecisionReport,
  type GateDecisionReport,
  type GenericEvent,
  type GroupAfterNewMemberJoinEvent,
  type GroupBeforeCreateGroupEvent,
  type GroupBeforeInviteJoinGroupEvent,
  type GroupBeforeSendMsgEvent,
  type ListDecisionReport,
  type OfficialAccountAfterAddSubscriberEvent,
  type OfficialAccountBeforeCreateOfficialAccountEvent,
  type OfficialAccountBeforeSendMsgEvent,
  type PushOfflinePushEvent,
  type SnsFriendItem,
  type SnsPrevFriendAddEvent,
  type TargetDecisionReport,
  type WebhookMiddleware,
} from '../../lib/index';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// Every handler's event and context are typed for its command, whatever its family and kind.
const router = callbackRouter({
  token: process.env['IM_CALLBACK_TOKEN'] ?? false,
  sdkAppId: 1400000000,
  unhandled: 'ack',
  path: '/im/callback',
  on: {
    'OfficialAccount.CallbackBeforeAddSubscriber': {
      decide: (subscriber, context) => {
        assertType<Equal<typeof subscriber, string>>();
        assertType<Equal<typeof context, DecisionContext>>();
        return subscriber !== context.event.Operator_Account;
      },
      concurrency: 4,
    },
    'C2C.CallbackBeforeSendMsg': {
      decide: (event, context) => {
        assertType<Equal<typeof event, C2CBeforeSendMsgEvent>>();
        assertType<Equal<typeof context, CallbackContext<C2CBeforeSendMsgEvent>>>();
        assertType<Equal<typeof event.From_Account, string>>();
        const texts = event.MsgBody.map((element) =>
          element.MsgType === 'TIMTextElem' ? element.MsgContent.Text : '',
        );
        assertType<Equal<typeof texts, string[]>>();
        if (texts.some((text) => text.includes('spam'))) return false;
        if (texts.length === 0) return 'drop';
        if (event.CloudCustomData === 'vip') return { modify: { CloudCustomData: 'vip-checked' } };
        return texts.length > 10 ? { reject: { code: 120001, info: 'too long' } } : true;
      },
      onTimeout: 'allow',
      timeoutMs: 800,
    },
    'Group.CallbackBeforeSendMsg': {
      decide: (event) => {
        assertType<Equal<typeof event, GroupBeforeSendMsgEvent>>();
        // Tencent's Group examples write EventTime as a string, its tables as an integer.
        assertType<Equal<typeof event.EventTime, number | string | undefined>>();
        return event.GroupId.startsWith('@TGS#') ? true : { reject: { code: 10100, info: 'muted' } };
      },
    },
    'Group.CallbackBeforeCreateGroup': {
      decide: async (event) => {
        assertType<Equal<typeof event, GroupBeforeCreateGroupEvent>>();
        return event.Name === 'taken' ? { reject: { code: 10101, info: 'name taken' } } : true;
      },
    },
    'OfficialAccount.CallbackBeforeCreateOfficialAccount': {
      decide: async (event) => {
        assertType<Equal<typeof event, OfficialAccountBeforeCreateOfficialAccountEvent>>();
        return event.Name === 'taken' ? { reject: { code: 120002, info: 'name taken' } } : true;
      },
      onError: (error, context) => {
        assertType<Equal<typeof error, unknown>>();
        assertType<Equal<typeof context.event, OfficialAccountBeforeCreateOfficialAccountEvent>>();
        return false;
      },
    },
    'Group.CallbackBeforeInviteJoinGroup': {
      decideBatch: (members, context) => {
        assertType<Equal<typeof members, readonly string[]>>();
        assertType<Equal<typeof context.event, GroupBeforeInviteJoinGroupEvent>>();
        return members.filter((member) => member.startsWith('bot_'));
      },
    },
    'Sns.CallbackPrevFriendAdd': {
      decide: (target, context) => {
        assertType<Equal<typeof target, SnsFriendItem>>();
        assertType<Equal<typeof context.event, SnsPrevFriendAddEvent>>();
        return target.To_Account === 'spammer' ? { reject: { code: 38001, info: 'no' } } : true;
      },
      onError: (_error, target) => target.To_Account === 'support',
    },
    'Chatbot.OnC2CSignalMessage': (event) => {
      assertType<Equal<typeof event, ChatbotOnC2CSignalMessageEvent>>();
      return JSON.stringify({ echo: event.From_Account });
    },
    'OfficialAccount.CallbackAfterAddSubscriber': async (event, context) => {
      assertType<Equal<typeof event, OfficialAccountAfterAddSubscriberEvent>>();
      assertType<Equal<typeof context.signal, AbortSignal>>();
      await Promise.resolve(event.SubscribeAccountList.length);
    },
    'Group.CallbackAfterNewMemberJoin': (event) => {
      assertType<Equal<typeof event, GroupAfterNewMemberJoinEvent>>();
    },
    'Push.OfflinePush': (event) => {
      assertType<Equal<typeof event, PushOfflinePushEvent>>();
      assertType<Equal<(typeof event.Events)[number]['CallbackCommand'], 'Push.OfflinePush'>>();
    },
  },
  generic: {
    'Live.CallbackAfterCreateRoom': (event) => {
      assertType<Equal<typeof event, GenericEvent>>();
      assertType<Equal<(typeof event)['RoomId'], unknown>>();
      return { ErrorCode: 0 };
    },
  },
  onDecision: (report) => {
    assertType<Equal<typeof report, DecisionReport>>();
    if (report.command === 'OfficialAccount.CallbackBeforeAddSubscriber') {
      assertType<Equal<typeof report, ListDecisionReport<'OfficialAccount.CallbackBeforeAddSubscriber'>>>();
      assertType<Equal<typeof report.refusedMembers, string[]>>();
    } else if (report.command === 'Sns.CallbackPrevFriendAdd') {
      assertType<Equal<typeof report, TargetDecisionReport<'Sns.CallbackPrevFriendAdd'>>>();
      assertType<Equal<typeof report.event, SnsPrevFriendAddEvent>>();
    } else if (report.command === 'OfficialAccount.CallbackBeforeSendMsg') {
      assertType<Equal<typeof report.event, OfficialAccountBeforeSendMsgEvent>>();
      assertType<Equal<typeof report.decision, GateDecisionReport['decision']>>();
    }
  },
});
assertType<Equal<typeof router, WebhookMiddleware>>();
express().use('/im/callback', router);

// What must not compile.
callbackRouter({
  token: 'secret',
  on: {
    // @ts-expect-error: a misspelt command would never fire.
    'C2C.CallbackBeforeSendMgs': { decide: () => true },
  },
});
callbackRouter({
  token: 'secret',
  on: {
    // @ts-expect-error: a misspelt Official Account command would never fire.
    'OfficialAccount.CallbackBeforeAddSubscribers': { decide: () => true },
  },
});
callbackRouter({
  token: 'secret',
  on: {
    // @ts-expect-error: a command of a family Tencent does not document goes in `generic`.
    'Live.CallbackAfterCreateRoom': () => undefined,
  },
});
callbackRouter({
  token: 'secret',
  on: {
    // @ts-expect-error: a key that is not `Family.Command` of a known family.
    'after send': () => undefined,
  },
});
callbackRouter({
  token: 'secret',
  on: {
    'Group.CallbackBeforeSendMsg': {
      // @ts-expect-error: a message decision is not a string other than 'drop'.
      decide: () => 'allow',
    },
  },
});
callbackRouter({
  token: 'secret',
  on: {
    'Group.CallbackBeforeCreateGroup': {
      // @ts-expect-error: a group's creation cannot be dropped.
      decide: () => 'drop',
    },
  },
});
callbackRouter({
  token: 'secret',
  on: {
    'C2C.CallbackBeforeSendMsg': {
      // @ts-expect-error: only MsgBody and CloudCustomData can be modified.
      decide: () => ({ modify: { From_Account: 'someone else' } }),
    },
  },
});
callbackRouter({
  token: 'secret',
  on: {
    'Sns.CallbackPrevFriendAdd': {
      // @ts-expect-error: a target cannot be dropped.
      decide: () => 'drop',
    },
  },
});
callbackRouter({
  token: 'secret',
  on: {
    // @ts-expect-error: a Before-callback takes an object with `decide`, not a function.
    'C2C.CallbackBeforeSendMsg': () => true,
  },
});
callbackRouter({
  token: 'secret',
  on: {
    // @ts-expect-error: reply data is a string.
    'Chatbot.OnC2CSignalMessage': () => ({ RspData: 'x' }),
  },
});
callbackRouter({
  token: 'secret',
  on: {
    'Group.CallbackAfterSendMsg': (event) => {
      // @ts-expect-error: a misspelt field does not compile.
      const misspelt: unknown = event.GroupID;
      console.log(misspelt);
    },
  },
});
// @ts-expect-error: the token is required.
callbackRouter({ on: {} });
// @ts-expect-error: `unhandled` is 'next' or 'ack'.
callbackRouter({ token: false, unhandled: 'drop', on: {} });
// @ts-expect-error: `on` is required.
callbackRouter({ token: false });
// @ts-expect-error: `path` is a string.
callbackRouter({ token: false, on: {}, path: true });
