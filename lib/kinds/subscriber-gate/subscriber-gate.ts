import type { CommandRunner } from '../../engine/command-runner.js';
import type { CommandSpec } from '../../engine/command-spec.js';
import { DEFAULTS } from '../../engine/defaults.js';
import {
  isFunction,
  misconfigured,
  resolveOptionalFunction,
  resolvePositive,
  type SharedConfig,
} from '../../engine/resolve-shared-options.js';
import { createFailureLogger } from '../../engine/handler-failures.js';
import { createEventValidator } from '../../engine/validate-event.js';
import { createRequestDecider } from './decide-subscribers.js';
import { proceedReply, reasonText, rejectReply } from '../../protocol/reply.js';
import type { BeforeAddSubscriberEvent } from '../../official-account/events.js';
import type { DecideSubscriber, DecideSubscriberBatch, DecisionContext, RejectRequest } from '../../types.js';
import {
  checkHandlerObject,
  resolveCommandTimeout,
  resolveErrorPolicy,
  resolvePolicy,
} from '../resolve-handler-options.js';

/** The options of the BeforeAddSubscriber handler, as {@link SubscriberGateHandler} names them. */
export const SUBSCRIBER_GATE_OPTIONS = [
  'decide',
  'decideBatch',
  'timeoutMs',
  'onTimeout',
  'onError',
  'concurrency',
  'rejectRequest',
] as const;

export type Decider =
  { kind: 'each'; decide: DecideSubscriber } | { kind: 'batch'; decideBatch: DecideSubscriberBatch };

/** The subscriber decisions' options after defaults and checks. */
export interface SubscriberGateConfig {
  decider: Decider;
  concurrency: number;
  rejectRequest: RejectRequest | undefined;
  allowOnTimeout: boolean;
  /** Anything but `true` from a user's function refuses. */
  allowOnError: (error: unknown, subscriber: string, context: DecisionContext) => unknown;
  /** Whether `onError` is `'allow'`: the policy for a request that fails before any decision. */
  allowsRequestFailures: boolean;
  timeoutMs: number;
}

const USAGE =
  '{ decide: (subscriber, context) => boolean } or { decideBatch: (subscribers, context) => refused UserIDs }';

function resolveDecider(where: string, handler: Readonly<Record<string, unknown>>): Decider {
  const { decide, decideBatch } = handler;
  if (decide !== undefined && decideBatch !== undefined) {
    misconfigured(where, 'give either `decide` or `decideBatch`, not both.');
  }
  if (decide !== undefined) {
    if (!isFunction(decide)) {
      misconfigured(where, '`decide` must be a function (subscriber, context) => boolean.', decide);
    }
    return { kind: 'each', decide: decide as DecideSubscriber };
  }
  if (decideBatch !== undefined) {
    if (!isFunction(decideBatch)) {
      misconfigured(where, '`decideBatch` must be a function (subscribers, context) => refused UserIDs.', decideBatch);
    }
    return { kind: 'batch', decideBatch: decideBatch as DecideSubscriberBatch };
  }
  return misconfigured(
    where,
    'a decision function is required: pass `decide: (subscriber, context) => boolean` ' +
      'or `decideBatch: (subscribers, context) => refused UserIDs`.',
  );
}

/** Checks the BeforeAddSubscriber handler's options once, at creation. */
export function resolveSubscriberGate(
  config: SharedConfig,
  where: string,
  handler: unknown,
  known: readonly string[] = SUBSCRIBER_GATE_OPTIONS,
): SubscriberGateConfig {
  checkHandlerObject(config, where, handler, USAGE, known);
  return {
    decider: resolveDecider(where, handler),
    concurrency: resolvePositive(where, 'concurrency', handler['concurrency'], DEFAULTS.concurrency, true),
    rejectRequest: resolveOptionalFunction(
      where,
      'rejectRequest',
      handler['rejectRequest'] as RejectRequest | undefined,
    ),
    allowOnTimeout: resolvePolicy(where, 'onTimeout', handler['onTimeout']) === 'allow',
    allowOnError: resolveErrorPolicy(where, handler['onError']),
    allowsRequestFailures: handler['onError'] === 'allow',
    timeoutMs: resolveCommandTimeout(config, where, handler['timeoutMs']),
  };
}

/**
 * `OfficialAccount.CallbackBeforeAddSubscriber`: each subscriber of the list is decided (or the
 * whole list at once), with bounded concurrency, under the deadline; the reply lists the refused.
 */
export function createSubscriberGate(
  spec: CommandSpec,
  gate: SubscriberGateConfig,
  config: SharedConfig,
): CommandRunner {
  const decideRequest = createRequestDecider(gate, createFailureLogger(config), config);
  return {
    command: spec.command,
    timeoutMs: gate.timeoutMs,
    validate: createEventValidator<BeforeAddSubscriberEvent>(spec.schema),
    run: (context, deadline) => decideRequest(context as DecisionContext, deadline),
    // Before the list can be read there is nobody to refuse one by one: the whole request is refused.
    refuse: (error) => ({ reply: gate.allowsRequestFailures ? proceedReply([]) : rejectReply(reasonText(error)) }),
  };
}
