import { createCallbackAnswerer } from './answer-callback.js';
import { createCallbackHandler } from './handle-callback.js';
import { createNodeMiddleware, type WebhookMiddleware } from './node-middleware.js';
import type { BeforeAddSubscriberOptions } from './options.js';
import { resolveOptions } from './resolve-options.js';

/**
 * Creates the middleware that answers `OfficialAccount.CallbackBeforeAddSubscriber` and passes
 * every other callback on with `next()`. Options are checked here, once; a wrong one throws a
 * `TypeError` that says how to fix it.
 */
export function beforeAddSubscriber(options: BeforeAddSubscriberOptions): WebhookMiddleware {
  const config = resolveOptions(options);
  const handler = createCallbackHandler(config);
  const route = (method: string | undefined, url: string | undefined) => handler.route(method, url);
  return createNodeMiddleware(route, createCallbackAnswerer(handler, config), config.bodyLimitBytes);
}
