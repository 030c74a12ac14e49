import express = require('express');
import webhook = require('express-tencent-chat-webhook');

const app = express();
app.use(
  '/im/callback',
  webhook.beforeAddSubscriber({ token: 'x', decideBatch: async (subscribers) => subscribers.slice(1) }),
);
// @ts-expect-error: onTimeout is 'refuse' or 'allow' in the published types too.
webhook.beforeAddSubscriber({ token: 'x', decide: () => true, onTimeout: 'maybe' });
