import express from 'express';
import {
  beforeAddSubscriber,
  callbackRouter,
  fastifyOnRequest,
  koaMiddleware,
  type FetchHandler,
  type CallbackCommand,
  type MessageDecision,
  type TencentReply,
  type WebhookMiddleware,
} from 'express-tencent-chat-webhook';
import { buildCallback, parseReply, type ReplySummary } from 'express-tencent-chat-webhook/testing';

const reply: TencentReply = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: [] };
const app = express();
app.use(beforeAddSubscriber({ token: false, decide: async () => reply.ErrorCode === 0 }));
const command: CallbackCommand = 'Group.CallbackBeforeInviteJoinGroup';
// @ts-expect-error: decide must answer with a boolean.
beforeAddSubscriber({ token: 'x', decide: () => 'yes' });
const summary: ReplySummary = parseReply(reply);
const path: string = buildCallback({ subscribers: ['jared'] }).path;

app.use(
  '/im/callback',
  callbackRouter({
    token: false,
    unhandled: 'ack',
    on: {
      'OfficialAccount.CallbackBeforeSendMsg': {
        decide: async (event): Promise<MessageDecision> => {
          const texts = event.MsgBody.map((element) =>
            element.MsgType === 'TIMTextElem' ? element.MsgContent.Text : '',
          );
          return texts.some((text) => text.includes('spam')) ? 'drop' : { modify: { CloudCustomData: 'checked' } };
        },
      },
      'OfficialAccount.CallbackAfterMsgWithDraw': (event) => {
        const keys: string[] = event.WithdrawMsgList.map((message) => message.MsgKey);
        console.log(keys.join(','));
      },
      'C2C.CallbackBeforeSendMsg': {
        decide: (event) => (event.From_Account === 'bot' ? { reject: { code: 120001, info: 'no bots' } } : true),
      },
    },
    generic: {
      'Live.CallbackAfterCreateRoom': (event) => (event['RoomId'] === undefined ? { ErrorCode: 1 } : undefined),
    },
  }),
);
callbackRouter({
  token: 'x',
  on: {
    // @ts-expect-error: a misspelt command never fires.
    'Group.CallbackBeforeSendMgs': { decide: () => true },
  },
});
callbackRouter({
  token: 'x',
  on: {
    // @ts-expect-error: a BeforeSendMsg decision is a boolean, 'drop', { modify } or { reject }, not 'yes'.
    'OfficialAccount.CallbackBeforeSendMsg': { decide: () => 'yes' },
  },
});
callbackRouter({
  token: 'x',
  on: {
    // @ts-expect-error: the event's field is MsgKey; a misspelt one does not compile.
    'OfficialAccount.CallbackAfterSendMsg': (event) => console.log(event.MsgKy),
  },
});

// Hono-style: answer ours, route the rest on; Koa and Fastify mounts from the same entry.
const webhook: WebhookMiddleware = beforeAddSubscriber({ token: 'x', decide: () => true });
const handler: FetchHandler = webhook.fetch;
const answerOrNext = async (request: Request, next: () => Promise<Response>): Promise<Response> =>
  (await handler(request)) ?? next();
const mounts = [koaMiddleware(webhook), fastifyOnRequest(webhook)] as const;
// @ts-expect-error: koaMiddleware wraps the middleware, not its fetch handler.
koaMiddleware(webhook.fetch);
export { command, summary, path, answerOrNext, mounts };
