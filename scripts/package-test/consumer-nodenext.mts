import express from 'express';
import {
  beforeAddSubscriber,
  callbackRouter,
  type OfficialAccountBeforeSendMsgEvent,
  type DecisionContext,
  type MessageDecision,
} from 'express-tencent-chat-webhook';
import { buildCallback } from 'express-tencent-chat-webhook/testing';

const app = express();
app.use(
  '/im/callback',
  beforeAddSubscriber({
    token: process.env['IM_CALLBACK_TOKEN'] ?? false,
    decide: (subscriber: string, context: DecisionContext) => context.event.Official_Account !== subscriber,
  }),
);
// @ts-expect-error: the published types still reject a missing decision function.
beforeAddSubscriber({ token: 'x' });
// @ts-expect-error: buildCallback needs the subscribers or a command.
buildCallback({ token: 'x' });

/** Refuses a message whose text says "spam"; a handler typed on its own, outside the router. */
function decideMessage(event: OfficialAccountBeforeSendMsgEvent): MessageDecision {
  for (const element of event.MsgBody) {
    if (element.MsgType === 'TIMTextElem' && element.MsgContent.Text.includes('spam')) return false;
  }
  return true;
}

app.use(
  '/im/callback',
  callbackRouter({
    token: process.env['IM_CALLBACK_TOKEN'] || false,
    sdkAppId: process.env['IM_SDKAPPID'],
    unhandled: 'ack',
    on: {
      'OfficialAccount.CallbackBeforeSendMsg': { decide: decideMessage, onTimeout: 'allow' },
      'OfficialAccount.CallbackBeforeAddSubscriber': { decide: (subscriber) => subscriber !== 'jared' },
      'OfficialAccount.CallbackAfterSendMsg': async (event, { signal }) => {
        const time: number = event.MsgTime;
        signal.throwIfAborted();
        console.log(event.MsgKey, time);
      },
    },
    onDecision: (report) => console.log(report.command, report.durationMs),
  }),
);
callbackRouter({
  token: 'x',
  on: {
    // @ts-expect-error: a BeforeSendMsg decision is a boolean, 'drop', { modify } or { reject }, not 'yes'.
    'OfficialAccount.CallbackBeforeSendMsg': { decide: () => 'yes' },
    // @ts-expect-error: the event's field is Official_Account; a misspelt one does not compile.
    'OfficialAccount.CallbackAfterAddSubscriber': (event) => console.log(event.Oficial_Account),
  },
});
// @ts-expect-error: MsgContent.Text exists on text elements only, so narrow on MsgType first.
const unnarrowed = (event: OfficialAccountBeforeSendMsgEvent): string => event.MsgBody[0]?.MsgContent.Text ?? '';

// The fetch handler, unbound, in the shape of a fetch runtime's default export and a route handler.
const router = callbackRouter({ token: 'x', on: {} });
const { fetch: handle } = router;
export default {
  fetch: async (request: Request): Promise<Response> => (await handle(request)) ?? new Response(null, { status: 404 }),
};
// @ts-expect-error: fetch may resolve to undefined (not ours), which a runtime does not accept as a Response.
export const POST: (request: Request) => Promise<Response> = router.fetch;
export { unnarrowed };
