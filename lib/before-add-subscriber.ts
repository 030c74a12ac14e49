import { createEngine, type Routing } from './engine/engine.js';
import {
  checkOptionsObject,
  resolveOptionalFunction,
  resolveSharedOptions,
  SHARED_OPTION_NAMES,
} from './engine/resolve-shared-options.js';
import {
  createSubscriberGate,
  resolveSubscriberGate,
  SUBSCRIBER_GATE_OPTIONS,
} from './kinds/subscriber-gate/subscriber-gate.js';
import { createNodeMiddleware } from './node/middleware.js';
import { createFetchHandler } from './web/fetch-handler.js';
import { withFetch, type WebhookMiddleware } from './web/with-fetch.js';
import { BEFORE_ADD_SUBSCRIBER_COMMAND } from './official-account/commands.js';
import { OFFICIAL_ACCOUNT_SPECS } from './official-account/specs.js';
import type { BeforeAddSubscriberOptions, DecideBatchOptions, DecideEachOptions } from './options.js';

const OPTIONS = [...SHARED_OPTION_NAMES, ...SUBSCRIBER_GATE_OPTIONS, 'onDecision'];

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
  const gate = resolveSubscriberGate(config, 'beforeAddSubscriber', options, OPTIONS);
  const spec = OFFICIAL_ACCOUNT_SPECS[BEFORE_ADD_SUBSCRIBER_COMMAND];
  const engine = createEngine(config, {
    // Only its own command: every other callback goes to next() unauthenticated, as it always has.
    claims: (parsed) => parsed.commands.includes(BEFORE_ADD_SUBSCRIBER_COMMAND),
    runners: new Map([[spec.command, createSubscriberGate(spec, gate, config)]]),
    unhandled: 'next',
    // Its one runner reports only DecisionReports, so a function that takes those takes all it gets.
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
