// Checked by `npm run typecheck` (tsc --noEmit), never run: each @ts-expect-error line must stay
// a type error, and each assertion must keep holding, or the type check fails.
import express from 'express';
import {
  beforeAddSubscriber,
  type CallbackQuery,
  type DecisionContext,
  type ListDecisionReport,
  type OfficialAccountBeforeAddSubscriberEvent,
  type TencentReply,
} from '../../lib/index';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

const decide = (): boolean => true;

// Both ways of deciding compile, and the middleware mounts on Express.
const app = express();
app.use('/im/callback', beforeAddSubscriber({ decide, token: 'secret' }));
app.use(beforeAddSubscriber({ decideBatch: async () => ['jared'], token: ['old', 'new'] }));
app.use(beforeAddSubscriber({ decideBatch: () => new Set<string>(), token: false }));

// @ts-expect-error: a decision function is required.
beforeAddSubscriber({});
// @ts-expect-error: a decision function is required, whatever else is given.
beforeAddSubscriber({ token: 'secret' });
// @ts-expect-error: the token is required; `false` is the only way to go without one.
beforeAddSubscriber({ decide });
// @ts-expect-error: an unset environment variable is not a token.
beforeAddSubscriber({ decide, token: undefined });
// @ts-expect-error: `true` is not a token.
beforeAddSubscriber({ decide, token: true });
// @ts-expect-error: decide and decideBatch together are ambiguous.
beforeAddSubscriber({ decide, decideBatch: () => [] });
// @ts-expect-error: onTimeout is 'refuse' or 'allow'.
beforeAddSubscriber({ decide, onTimeout: 'ignore' });
// @ts-expect-error: onError is 'refuse', 'allow' or a function returning a boolean.
beforeAddSubscriber({ decide, onError: 'retry' });
// @ts-expect-error: decide answers with a boolean, not a string.
beforeAddSubscriber({ decide: () => 'yes' });
// @ts-expect-error: decideBatch returns the refused UserIDs, not booleans.
beforeAddSubscriber({ decideBatch: () => [true] });
// @ts-expect-error: token is a string or a list of strings.
beforeAddSubscriber({ decide, token: 42 });
// @ts-expect-error: timeoutMs is a number of milliseconds.
beforeAddSubscriber({ decide, timeoutMs: '1500' });
// @ts-expect-error: a misspelt option is caught.
beforeAddSubscriber({ decide, timeoutms: 1500 });

// The context handed to decide is precisely typed.
beforeAddSubscriber({
  decide: (subscriber, context) => {
    assertType<Equal<typeof subscriber, string>>();
    assertType<Equal<typeof context, DecisionContext>>();
    assertType<Equal<typeof context.event.Official_Account, string>>();
    assertType<Equal<typeof context.event.EventTime, number>>();
    assertType<Equal<typeof context.event.CallbackCommand, 'OfficialAccount.CallbackBeforeAddSubscriber'>>();
    assertType<Equal<(typeof context.event.SubscribeAccountList)[number]['Subscriber_Account'], string>>();
    assertType<Equal<typeof context.query.CallbackCommand, string>>();
    assertType<Equal<typeof context.query.SdkAppid, string | undefined>>();
    assertType<Equal<typeof context.signal, AbortSignal>>();
    // @ts-expect-error: a misspelt field does not compile.
    const misspelt: unknown = context.event.Oficial_Account;
    // @ts-expect-error: known fields keep their types.
    const wrong: number = context.event.Official_Account;
    return context.query.OptPlatform !== 'Web';
  },
  rejectRequest: async ({ event }) => (event.Operator_Account === 'banned' ? 'operator banned' : undefined),
  onError: (error, subscriber, context) => {
    assertType<Equal<typeof error, unknown>>();
    assertType<Equal<typeof subscriber, string>>();
    assertType<Equal<typeof context, DecisionContext>>();
    return false;
  },
  onDecision: (report) => {
    assertType<Equal<typeof report, ListDecisionReport<'OfficialAccount.CallbackBeforeAddSubscriber'>>>();
    assertType<Equal<typeof report.refusedMembers, string[]>>();
    assertType<Equal<typeof report.event, OfficialAccountBeforeAddSubscriberEvent>>();
  },
  logger: console,
  token: 'secret',
});

// Exported shapes a user's own tests rely on.
assertType<Equal<TencentReply['ActionStatus'], 'OK' | 'FAIL'>>();
assertType<Equal<OfficialAccountBeforeAddSubscriberEvent['Operator_Account'], string>>();
assertType<Equal<CallbackQuery['OptPlatform'] extends string | undefined ? true : false, true>>();
