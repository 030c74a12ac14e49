import type { CommandRunner } from './engine/command-runner.js';
import { DEFAULTS } from './engine/defaults.js';
import { createEngine, isMountedOnPath, type Routing } from './engine/engine.js';
import { normalizedPath } from './protocol/query.js';
import {
  checkOptionsObject,
  misconfigured,
  resolveOptionalFunction,
  resolveSharedOptions,
  SHARED_OPTION_NAMES,
  warnAboutUnknownOptions,
  type SharedConfig,
} from './engine/resolve-shared-options.js';
import { createGenericCommand } from './kinds/generic.js';
import { createNotification } from './kinds/notification.js';
import { createSingleGate } from './kinds/single-gate.js';
import { createSubscriberGate, resolveSubscriberGate } from './kinds/subscriber-gate/subscriber-gate.js';
import { createNodeMiddleware } from './node/middleware.js';
import { createFetchHandler } from './web/fetch-handler.js';
import { withFetch, type WebhookMiddleware } from './web/with-fetch.js';
import { OFFICIAL_ACCOUNT_COMMAND_PREFIX, OFFICIAL_ACCOUNT_COMMANDS } from './official-account/commands.js';
import { OFFICIAL_ACCOUNT_SPECS } from './official-account/specs.js';
import type { CommandSpec } from './engine/command-spec.js';
import type { CallbackRouterOptions } from './options.js';
import { isPlainObject } from './engine/plain-object.js';
import { CALLBACK_COMMAND_PATTERN, OTHER_CALLBACK_FAMILIES } from './protocol/constants.js';

const ROUTER_OPTIONS = [...SHARED_OPTION_NAMES, 'on', 'unhandled', 'onDecision', 'path'];
const OFFICIAL_ACCOUNT_SPEC_BY_COMMAND: ReadonlyMap<string, CommandSpec> = new Map(
  OFFICIAL_ACCOUNT_COMMANDS.map((command) => [command, OFFICIAL_ACCOUNT_SPECS[command] as CommandSpec]),
);

/** The runner of one command, made from its spec (when the package has one) and the user's handler. */
function runnerFor(config: SharedConfig, command: string, handler: unknown): CommandRunner {
  const where = `callbackRouter: on['${command}']`;
  const spec = OFFICIAL_ACCOUNT_SPEC_BY_COMMAND.get(command);
  if (!spec) {
    // Case-blind: `officialaccount.…` would never fire either.
    if (command.toLowerCase().startsWith(OFFICIAL_ACCOUNT_COMMAND_PREFIX.toLowerCase())) {
      misconfigured(
        where,
        `is not an Official Account command, so it would never fire. The 11 are: ${OFFICIAL_ACCOUNT_COMMANDS.join(', ')}.`,
      );
    }
    // A key of any other shape can never equal a CallbackCommand Tencent sends.
    if (!CALLBACK_COMMAND_PATTERN.test(command)) {
      misconfigured(where, 'is not a CallbackCommand; keys are full commands such as C2C.CallbackAfterSendMsg.');
    }
    const family = command.slice(0, command.indexOf('.'));
    if (!(OTHER_CALLBACK_FAMILIES as readonly string[]).includes(family)) {
      config.warn(`${where}: ${family} is not a callback family Tencent documents; check the spelling.`);
    }
    return createGenericCommand(command, handler, config, where);
  }
  switch (spec.kind) {
    case 'subscriber-gate':
      return createSubscriberGate(spec, resolveSubscriberGate(config, where, handler), config);
    case 'message-gate':
      return createSingleGate(spec, handler, config, where, { drop: true, modify: true });
    case 'creation-gate':
      return createSingleGate(spec, handler, config, where, { drop: false, modify: false });
    default:
      return createNotification(spec, handler, config, where);
  }
}

function resolveRunners(config: SharedConfig, on: unknown): ReadonlyMap<string, CommandRunner> {
  if (!isPlainObject(on)) {
    misconfigured(
      'callbackRouter',
      "`on` must be an object of handlers keyed by CallbackCommand, e.g. { 'OfficialAccount.CallbackAfterAddSubscriber': (event) => … }.",
      on,
    );
  }
  const runners = new Map<string, CommandRunner>();
  for (const [command, handler] of Object.entries(on)) {
    // An `undefined` handler is a key left for later, e.g. `condition ? handler : undefined`.
    if (handler !== undefined) runners.set(command, runnerFor(config, command, handler));
  }
  return runners;
}

function resolveUnhandled(value: unknown): 'next' | 'ack' {
  if (value === undefined) return DEFAULTS.unhandled;
  if (value !== 'next' && value !== 'ack')
    misconfigured('callbackRouter', "`unhandled` must be 'next' or 'ack'.", value);
  return value;
}

/**
 * Which POSTs are the callback's. With `path`, those to that path in any spelling a router after us
 * could still match. Without it, every POST when a framework mounted the router on a path
 * (`app.use('/im/callback', router)`), else those that carry any of Tencent's query parameters, in
 * any form: a POST on the app's other routes then goes on untouched.
 */
function resolveClaim(value: unknown): Routing['claims'] {
  if (value === undefined) return (parsed, target) => parsed.namesTencentParameter || isMountedOnPath(target);
  if (typeof value !== 'string' || !value.startsWith('/')) {
    misconfigured(
      'callbackRouter',
      "`path` must be the callback URL's path, starting with '/', e.g. '/im/callback'.",
      value,
    );
  }
  const wanted = normalizedPath(value);
  // A request without a URL (never seen from a real server) reads as the path `undefined`: not ours.
  return (_parsed, target) => normalizedPath(String(target.originalUrl ?? target.url)) === wanted;
}

/**
 * Creates the middleware for a Tencent Cloud Chat callback URL. Every POST to the callback path is
 * authenticated from its query (Sign, RequestTime, SdkAppid) before its body is read, whatever its
 * command; then the command's handler runs under the deadline and the reply goes in Tencent's
 * format. Options are checked here, once; a wrong one throws a `TypeError` that
 * says how to fix it.
 */
export function callbackRouter(options: CallbackRouterOptions): WebhookMiddleware {
  checkOptionsObject('callbackRouter', options, 'callbackRouter({ token, on: { … } })');
  const config = resolveSharedOptions('callbackRouter', options);
  warnAboutUnknownOptions(config, 'callbackRouter', options, ROUTER_OPTIONS);
  const runners = resolveRunners(config, options.on);
  const engine = createEngine(config, {
    claims: resolveClaim(options.path),
    runners,
    unhandled: resolveUnhandled(options.unhandled),
    onDecision: resolveOptionalFunction('callbackRouter', 'onDecision', options.onDecision),
  });
  return withFetch(
    createNodeMiddleware(engine, config, 'tencentChatCallbackRouter'),
    createFetchHandler(engine, config, 'tencentChatCallbackRouterFetch'),
  );
}
