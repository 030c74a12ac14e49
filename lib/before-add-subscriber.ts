import { createCallbackAnswerer } from './answer-callback.js';
import { createCallbackHandler } from './handle-callback.js';
import { createNodeMiddleware, type WebhookMiddleware } from './node-middleware.js';
import type { BeforeAddSubscriberOptions, DecideBatchOptions, DecideEachOptions } from './options.js';
import { resolveOptions } from './resolve-options.js';

/**
 * Creates the middleware that answers `OfficialAccount.CallbackBeforeAddSubscriber` and passes
 * every other callback on with `next()`. Options are checked here, once; a wrong one throws a
 * `TypeError` that says how to fix it.
 */
// Separate overloads, not one union, so that leaving out both decision functions is reported as a
// missing `decide` (the first overload) rather than a missing `decideBatch`.
/* eslint-disable @typescript-eslint/unified-signatures */
export function beforeAddSubscriber(options: DecideEachOptions): WebhookMiddleware;
export function beforeAddSubscriber(options: DecideBatchOptions): WebhookMiddleware;
export function beforeAddSubscriber(options: BeforeAddSubscriberOptions): WebhookMiddleware;
/* eslint-enable @typescript-eslint/unified-signatures */
export function beforeAddSubscriber(options: BeforeAddSubscriberOptions): WebhookMiddleware {
  const config = resolveOptions(options);
  const handler = createCallbackHandler(config);
  const route = (method: string | undefined, url: string | undefined) => handler.route(method, url);
  return createNodeMiddleware(route, createCallbackAnswerer(handler, config), config);
}
