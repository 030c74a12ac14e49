// Checked by `npm run typecheck` (tsc --noEmit), never run: each @ts-expect-error line must stay
// a type error, and each assertion must keep holding, or the type check fails.
import express from 'express';
import {
  callbackRouter,
  type AfterAddSubscriberEvent,
  type AfterMsgWithDrawEvent,
  type BeforeCreateOfficialAccountEvent,
  type BeforeSendMsgEvent,
  type CallbackContext,
  type DecisionContext,
  type DecisionReport,
  type GateDecisionReport,
  type GenericEvent,
  type WebhookMiddleware,
} from '../../lib/index';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// Every handler's event and context are typed for its command.
const router = callbackRouter({
  token: process.env['IM_CALLBACK_TOKEN'] ?? false,
  sdkAppId: 1400000000,
  unhandled: 'ack',
  on: {
    'OfficialAccount.CallbackBeforeAddSubscriber': {
      decide: (subscriber, context) => {
        assertType<Equal<typeof subscriber, string>>();
        assertType<Equal<typeof context, DecisionContext>>();
        return subscriber !== context.event.Operator_Account;
      },
      concurrency: 4,
    },
    'OfficialAccount.CallbackBeforeSendMsg': {
      decide: (event, context) => {
        assertType<Equal<typeof event, BeforeSendMsgEvent>>();
        assertType<Equal<typeof context, CallbackContext<BeforeSendMsgEvent>>>();
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
    'OfficialAccount.CallbackBeforeCreateOfficialAccount': {
      decide: async (event) => {
        assertType<Equal<typeof event, BeforeCreateOfficialAccountEvent>>();
        return event.Name === 'taken' ? { reject: { code: 120002, info: 'name taken' } } : true;
      },
      onError: (error, context) => {
        assertType<Equal<typeof error, unknown>>();
        assertType<Equal<typeof context.event, BeforeCreateOfficialAccountEvent>>();
        return false;
      },
    },
    'OfficialAccount.CallbackAfterAddSubscriber': async (event, context) => {
      assertType<Equal<typeof event, AfterAddSubscriberEvent>>();
      assertType<Equal<typeof context.signal, AbortSignal>>();
      await Promise.resolve(event.SubscribeAccountList.length);
    },
    'OfficialAccount.CallbackAfterMsgWithDraw': (event) => {
      assertType<Equal<typeof event, AfterMsgWithDrawEvent>>();
    },
    'C2C.CallbackAfterSendMsg': (event) => {
      assertType<Equal<typeof event, GenericEvent>>();
      assertType<Equal<typeof event.CallbackCommand, string>>();
      assertType<Equal<(typeof event)['From_Account'], unknown>>();
    },
    'Group.CallbackBeforeSendMsg': () => ({ ErrorCode: 1, ErrorInfo: 'muted' }),
  },
  onDecision: (report) => {
    assertType<Equal<typeof report, DecisionReport | GateDecisionReport>>();
    if (report.command === 'OfficialAccount.CallbackBeforeAddSubscriber') {
      assertType<Equal<typeof report.refusedSubscribers, string[]>>();
    } else {
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
    // @ts-expect-error: a misspelt Official Account command would never fire.
    'OfficialAccount.CallbackBeforeAddSubscribers': { decide: () => true },
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
    'OfficialAccount.CallbackBeforeSendMsg': {
      // @ts-expect-error: a message decision is not a string other than 'drop'.
      decide: () => 'allow',
    },
  },
});
callbackRouter({
  token: 'secret',
  on: {
    'OfficialAccount.CallbackBeforeCreateOfficialAccount': {
      // @ts-expect-error: an Official Account's creation cannot be dropped.
      decide: () => 'drop',
    },
  },
});
callbackRouter({
  token: 'secret',
  on: {
    'OfficialAccount.CallbackBeforeSendMsg': {
      // @ts-expect-error: only MsgBody and CloudCustomData can be modified.
      decide: () => ({ modify: { Official_Account: '@TOA#_other' } }),
    },
  },
});
callbackRouter({
  token: 'secret',
  on: {
    // @ts-expect-error: a Before-callback takes an object with `decide`, not a function.
    'OfficialAccount.CallbackBeforeSendMsg': () => true,
  },
});
callbackRouter({
  token: 'secret',
  on: {
    'OfficialAccount.CallbackAfterSendMsg': (event) => {
      // @ts-expect-error: a misspelt field does not compile.
      const misspelt: unknown = event.MsgKeys;
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
