import express from 'express';
import { beforeAddSubscriber, beforeAddSubscriberSchema, type TencentReply } from 'express-tencent-chat-webhook';
import { buildCallback, parseReply, type ReplySummary } from 'express-tencent-chat-webhook/testing';

const reply: TencentReply = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: [] };
const app = express();
app.use(beforeAddSubscriber({ token: false, decide: async () => reply.ErrorCode === 0 }));
const required: readonly string[] = beforeAddSubscriberSchema.required;
// @ts-expect-error: decide must answer with a boolean.
beforeAddSubscriber({ token: 'x', decide: () => 'yes' });
const summary: ReplySummary = parseReply(reply);
const path: string = buildCallback({ subscribers: ['jared'] }).path;
export { required, summary, path };
