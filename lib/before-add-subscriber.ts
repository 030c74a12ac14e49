import { createEngine, type Routing } from './engine/engine.js';
import { checkOptionsObject, resolveOptionalFunction, resolveSharedOptions } from './engine/resolve-shared-options.js';
import { createListGate, resolveListGate } from './kinds/list-gate/list-gate.js';
import { BEFORE_ADD_SUBSCRIBER_OPTIONS, namesOf } from './engine/option-table.js';
import { createNodeMiddleware } from './node/middleware.js';
import { createFetchHandler } from './web/fetch-handler.js';
import { withFetch, type WebhookMiddleware } from './web/with-fetch.js';
import { rulesOf } from './commands/rules.js';
import type { BeforeAddSubscriberOptions, DecideBatchOptions, DecideEachOptions } from './options.js';

const OPTIONS = namesOf(BEFORE_ADD_SUBSCRIBER_OPTIONS);
const BEFORE_ADD_SUBSCRIBER = rulesOf('OfficialAccount.CallbackBeforeAddSubscriber', 'list-gate');

/**
 * Creates the middleware that answers `OfficialAccount.CallbackBeforeAddSubscriber` and passes
 * every other callback on with `next()`, untouched. Options are checked here, once; a wrong one
 * throws a `TypeError` that says how to fix it. To answer every command of the URL, use
 * {@link callbackRouter}.
 */
// Separate overloads, not one union, so that leaving out both decision functions is reported as a
// missing `decide` (the first overload) rather than a missing `decideBatch`.
/* eslint-disable @typescript-eslint/unified-signatures */
export function beforeAddSubscriber(options: DecideEachOptions): WebhookMiddleware;
export function beforeAddSubscriber(options: DecideBatchOptions): WebhookMiddleware;
export function beforeAddSubscriber(options: BeforeAddSubscriberOptions): WebhookMiddleware;
/* eslint-enable @typescript-eslint/unified-signatures */
export function beforeAddSubscriber(options: BeforeAddSubscriberOptions): WebhookMiddleware {
  checkOptionsObject('beforeAddSubscriber', options, 'beforeAddSubscriber({ token, decide })');
  const config = resolveSharedOptions('beforeAddSubscriber', options);
  const gate = resolveListGate(config, 'beforeAddSubscriber', options, OPTIONS);
  const engine = createEngine(config, {
    // Only its own command: every other callback goes to next() unauthenticated, as it always has.
    claims: (parsed) => parsed.commands.includes(BEFORE_ADD_SUBSCRIBER.command),
    runners: new Map([[BEFORE_ADD_SUBSCRIBER.command, createListGate(BEFORE_ADD_SUBSCRIBER, gate, config)]]),
    unhandled: 'next',
    // Its one runner reports only its own command's reports, so a function that takes those takes all it gets.
    onDecision: resolveOptionalFunction(
      'beforeAddSubscriber',
      'onDecision',
      options.onDecision,
    ) as Routing['onDecision'],
  });
  return withFetch(
    createNodeMiddleware(engine, config, 'tencentChatBeforeAddSubscriber'),
    createFetchHandler(engine, config, 'tencentChatBeforeAddSubscriberFetch'),
  );
}
