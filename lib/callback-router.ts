import type { CommandRunner } from './engine/command-runner.js';
import { namesOf, ROUTER_OPTIONS } from './engine/option-table.js';
import { createEngine, isMountedOnPath, type Routing } from './engine/engine.js';
import { normalizedPath } from './protocol/query.js';
import {
  checkOptionsObject,
  misconfigured,
  resolveOptionalFunction,
  resolveSharedOptions,
  warnAboutUnknownOptions,
  type SharedConfig,
} from './engine/resolve-shared-options.js';
import { createGenericCommand } from './kinds/generic.js';
import { createListGate, resolveListGate } from './kinds/list-gate/list-gate.js';
import { createNotification } from './kinds/notification.js';
import { createReplyData } from './kinds/reply-data.js';
import { createSingleGate } from './kinds/single-gate.js';
import { createTargetGate } from './kinds/target-gate.js';
import { createNodeMiddleware } from './node/middleware.js';
import { createFetchHandler } from './web/fetch-handler.js';
import { withFetch, type WebhookMiddleware } from './web/with-fetch.js';
import { COMMANDS, FAMILIES, RULES_BY_COMMAND } from './commands/rules.js';
import { closest, editDistance } from './commands/closest.js';
import type { CommandRules } from './commands/define.js';
import type { CallbackRouterOptions } from './options.js';
import { isPlainObject } from './engine/plain-object.js';
import { CALLBACK_COMMAND_PATTERN } from './protocol/constants.js';
import { assertNever } from './engine/assert-never.js';

const ROUTER_OPTION_NAMES = namesOf(ROUTER_OPTIONS);

/** The runner of a command of the registry, by its kind. */
function runnerOf(definition: CommandRules, handler: unknown, config: SharedConfig, where: string): CommandRunner {
  switch (definition.kind) {
    case 'message-gate':
    case 'action-gate':
      return createSingleGate(definition, handler, config, where);
    case 'list-gate':
      return createListGate(definition, resolveListGate(config, where, handler), config);
    case 'target-gate':
      return createTargetGate(definition, handler, config, where);
    case 'reply-data':
      return createReplyData(definition, handler, config, where);
    case 'notification':
      return createNotification(definition, handler, config, where);
    /* istanbul ignore next -- exhaustive: the type checker proves no value reaches it */
    default:
      return assertNever(definition);
  }
}

/** Throws for a key that can never equal a `CallbackCommand` Tencent sends. */
function checkCommandShape(where: string, command: string): void {
  if (!CALLBACK_COMMAND_PATTERN.test(command)) {
    misconfigured(where, 'is not a CallbackCommand; keys are full commands such as C2C.CallbackBeforeSendMsg.');
  }
}

/** The runner of one key of `on`: a command of the registry, or one of a family it does not know. */
function runnerForKey(config: SharedConfig, command: string, handler: unknown): CommandRunner {
  const where = `callbackRouter: on['${command}']`;
  const rules = RULES_BY_COMMAND.get(command);
  if (rules) return runnerOf(rules, handler, config, where);
  checkCommandShape(where, command);
  const family = command.slice(0, command.indexOf('.'));
  // Case-blind: `c2c.…` would never fire either.
  const knownFamily = FAMILIES.find((each) => each.toLowerCase() === family.toLowerCase());
  if (knownFamily !== undefined) {
    const commands = COMMANDS.filter((each) => each.startsWith(`${knownFamily}.`));
    misconfigured(
      where,
      `is not a command of ${knownFamily}, so it would never fire: did you mean ${String(closest(command, commands))}? ` +
        'A command Tencent added after this release goes in `generic`.',
    );
  }
  config.warn(
    `${where}: ${family} is not a callback family Tencent documents; check the spelling. ` +
      'Its handler gets the body untyped, as a generic handler.',
  );
  return createGenericCommand(command, handler, config, where);
}

/** The runner of one key of `generic`: a command the registry does not have. */
function runnerForGenericKey(config: SharedConfig, command: string, handler: unknown): CommandRunner {
  const where = `callbackRouter: generic['${command}']`;
  checkCommandShape(where, command);
  if (RULES_BY_COMMAND.has(command)) {
    misconfigured(where, 'is a command this package knows: give its handler in `on`, where it is typed and validated.');
  }
  const nearest = closest(command, COMMANDS);
  // A known command in another case never fires, and leaves the real one unhandled.
  if (nearest?.toLowerCase() === command.toLowerCase()) {
    misconfigured(where, `is ${nearest} in another case, so it would never fire: give ${nearest} in \`on\`.`);
  }
  // One or two letters from a known command: most likely a typo of it, which would leave it unhandled.
  if (nearest !== undefined && editDistance(command, nearest) <= 2) {
    config.warn(
      `${where}: is not a command Tencent documents, but is close to ${nearest}; if that is the one meant, give it in \`on\`.`,
    );
  }
  return createGenericCommand(command, handler, config, where);
}

function resolveRunners(config: SharedConfig, on: unknown, generic: unknown): ReadonlyMap<string, CommandRunner> {
  if (!isPlainObject(on)) {
    misconfigured(
      'callbackRouter',
      "`on` must be an object of handlers keyed by CallbackCommand, e.g. { 'C2C.CallbackAfterSendMsg': (event) => … }.",
      on,
    );
  }
  if (generic !== undefined && !isPlainObject(generic)) {
    misconfigured('callbackRouter', '`generic` must be an object of handlers keyed by CallbackCommand.', generic);
  }
  const runners = new Map<string, CommandRunner>();
  // An `undefined` handler is a key left for later, e.g. `condition ? handler : undefined`.
  for (const [command, handler] of Object.entries(on)) {
    if (handler !== undefined) runners.set(command, runnerForKey(config, command, handler));
  }
  for (const [command, handler] of Object.entries(generic ?? {})) {
    if (handler === undefined) continue;
    if (runners.has(command)) misconfigured(`callbackRouter: generic['${command}']`, 'has a handler in `on` too.');
    runners.set(command, runnerForGenericKey(config, command, handler));
  }
  return runners;
}

function resolveUnhandled(value: unknown): 'next' | 'ack' {
  if (value === undefined) return ROUTER_OPTIONS.unhandled.default;
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
  // Both the URL as it came and the one a middleware in front may have rewritten (koa-mount, a
  // rewrite): the routers after this one match the latter. A request without a URL (never seen
  // from a real server) reads as the path `undefined`: not ours.
  return (_parsed, { url, originalUrl }) =>
    normalizedPath(String(url)) === wanted || (originalUrl !== undefined && normalizedPath(originalUrl) === wanted);
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
  warnAboutUnknownOptions(config, 'callbackRouter', options, ROUTER_OPTION_NAMES);
  const runners = resolveRunners(config, options.on, options.generic);
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
