import type { CommandRunner } from '../../engine/command-runner.js';
import { LIST_GATE_OPTIONS, namesOf } from '../../engine/option-table.js';
import {
  isFunction,
  misconfigured,
  resolveOptionalFunction,
  resolvePositive,
  type SharedConfig,
} from '../../engine/resolve-shared-options.js';
import { createFailureLogger } from '../../engine/handler-failures.js';
import { eventValidator } from '../../engine/validate-event.js';
import { createRequestDecider, listReply, wholeRequestRefused } from './decide-request.js';
import { reasonText } from '../../protocol/reply.js';
import type { CommandRules } from '../../commands/define.js';
import type { CallbackContext } from '../../types.js';
import {
  checkHandlerObject,
  resolveCommandTimeout,
  resolveErrorPolicy,
  resolvePolicy,
} from '../resolve-handler-options.js';

type Context = CallbackContext<unknown>;

export type Decider =
  | { kind: 'each'; decide: (member: string, context: Context) => unknown }
  | { kind: 'batch'; decideBatch: (members: readonly string[], context: Context) => unknown };

/** A list gate's options after defaults and checks. */
export interface ListGateConfig {
  decider: Decider;
  concurrency: number;
  rejectRequest: ((context: Context) => unknown) | undefined;
  allowOnTimeout: boolean;
  /** Anything but `true` from a user's function refuses. */
  allowOnError: (error: unknown, member: string, context: Context) => unknown;
  /** Whether `onError` is `'allow'`: the policy for a request that fails before any decision. */
  allowsRequestFailures: boolean;
  timeoutMs: number;
}

const USAGE = '{ decide: (member, context) => boolean } or { decideBatch: (members, context) => refused UserIDs }';

function resolveDecider(where: string, handler: Readonly<Record<string, unknown>>): Decider {
  const { decide, decideBatch } = handler;
  if (decide !== undefined && decideBatch !== undefined) {
    misconfigured(where, 'give either `decide` or `decideBatch`, not both.');
  }
  if (decide !== undefined) {
    if (!isFunction(decide)) misconfigured(where, '`decide` must be a function (member, context) => boolean.', decide);
    return { kind: 'each', decide: decide as (member: string, context: Context) => unknown };
  }
  if (decideBatch !== undefined) {
    if (!isFunction(decideBatch)) {
      misconfigured(where, '`decideBatch` must be a function (members, context) => refused UserIDs.', decideBatch);
    }
    return { kind: 'batch', decideBatch: decideBatch as (members: readonly string[], context: Context) => unknown };
  }
  return misconfigured(
    where,
    'a decision function is required: pass `decide: (member, context) => boolean` ' +
      'or `decideBatch: (members, context) => refused UserIDs`.',
  );
}

/** Checks a list gate's handler once, at creation. */
export function resolveListGate(
  config: SharedConfig,
  where: string,
  handler: unknown,
  known: readonly string[] = namesOf(LIST_GATE_OPTIONS),
): ListGateConfig {
  checkHandlerObject(config, where, handler, USAGE, known);
  return {
    decider: resolveDecider(where, handler),
    concurrency: resolvePositive(
      where,
      'concurrency',
      handler['concurrency'],
      LIST_GATE_OPTIONS.concurrency.default,
      true,
    ),
    rejectRequest: resolveOptionalFunction(
      where,
      'rejectRequest',
      handler['rejectRequest'] as ((context: Context) => unknown) | undefined,
    ),
    allowOnTimeout: resolvePolicy(where, 'onTimeout', handler['onTimeout']) === 'allow',
    allowOnError: resolveErrorPolicy(where, handler['onError']),
    allowsRequestFailures: handler['onError'] === 'allow',
    timeoutMs: resolveCommandTimeout(config, where, handler['timeoutMs']),
  };
}

/**
 * A list gate (`OfficialAccount.CallbackBeforeAddSubscriber`, `Group.CallbackBeforeInviteJoinGroup`):
 * each member of the list is decided (or the whole list at once), with bounded concurrency, under
 * the deadline; the reply lists the refused ones in the definition's `refusedField`.
 */
export function createListGate(
  definition: Extract<CommandRules, { kind: 'list-gate' }>,
  gate: ListGateConfig,
  config: SharedConfig,
): CommandRunner {
  const decideRequest = createRequestDecider(definition, gate, createFailureLogger(config), config);
  return {
    command: definition.command,
    timeoutMs: gate.timeoutMs,
    validate: eventValidator(definition.command),
    run: (context, deadline) => decideRequest(context as CallbackContext<Readonly<Record<string, unknown>>>, deadline),
    // Before the list can be read there is nobody to refuse one by one: the whole request is refused.
    refuse: (error) => ({
      reply: gate.allowsRequestFailures
        ? listReply(definition.refusedField, [])
        : wholeRequestRefused(reasonText(error)),
    }),
  };
}
