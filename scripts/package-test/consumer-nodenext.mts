import express from 'express';
import { beforeAddSubscriber, type DecisionContext } from 'express-tencent-chat-webhook';
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
// @ts-expect-error: buildCallback needs the subscribers.
buildCallback({ token: 'x' });
