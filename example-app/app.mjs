// The example app: one webhook URL for every Tencent Cloud Chat callback, with this package
// answering OfficialAccount.CallbackBeforeAddSubscriber and a plain handler acknowledging the rest.
import express from 'express';
import { beforeAddSubscriber } from 'express-tencent-chat-webhook';

/** Reads the example's settings from the environment (see README, "Example app"). */
export function settingsFrom(env) {
  const blocked = (env.BLOCKED_SUBSCRIBERS ?? 'jared')
    .split(',')
    .map((userId) => userId.trim())
    .filter((userId) => userId !== '');
  return {
    port: Number(env.PORT ?? 3000),
    blocked: new Set(blocked),
    sdkAppId: env.IM_SDKAPPID || undefined,
    // `false` is the package's explicit "no authentication"; an unset variable must not look like a token.
    token: env.IM_CALLBACK_TOKEN || false,
  };
}

export function createApp(settings) {
  const app = express();

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.use(
    '/im/callback',
    beforeAddSubscriber({
      token: settings.token,
      sdkAppId: settings.sdkAppId,
      // The decision rule of this example: refuse the UserIDs listed in BLOCKED_SUBSCRIBERS.
      decide: (subscriber) => !settings.blocked.has(subscriber),
      logger: console,
    }),
  );

  // Every other callback on the same URL reaches this handler with its body still unread.
  app.post('/im/callback', express.json({ type: () => true }), (_req, res) => {
    res.json({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
  });

  return app;
}
