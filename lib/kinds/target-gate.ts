import type { CommandRunner, HandlerResult } from '../engine/command-runner.js';
import type { Deadline } from '../engine/deadline.js';
import { namesOf, TARGET_GATE_OPTIONS } from '../engine/option-table.js';
import {
  allowedAfterError,
  createFailureLogger,
  lateFailureReporter,
  warnDecisionsTimedOut,
} from '../engine/handler-failures.js';
import { quoted } from '../engine/log-lines.js';
import { isPlainObject } from '../engine/plain-object.js';
import { isFunction, misconfigured, resolvePositive, type SharedConfig } from '../engine/resolve-shared-options.js';
import { eventValidator } from '../engine/validate-event.js';
import { UserCallbackError } from '../errors.js';
import type { CommandRules } from '../commands/define.js';
import { reasonText, refusal } from '../protocol/reply.js';
import type { CallbackContext, TargetResult, TencentReply } from '../types.js';
import type { TargetDecisionReport } from '../handlers.js';
import { decideEach, type ItemDecider } from './list-gate/decide-each.js';
import type { TargetOutcome } from './list-gate/item-decision.js';
import { readRejection } from './read-rejection.js';
import {
  checkHandlerObject,
  resolveCommandTimeout,
  resolveErrorPolicy,
  resolvePolicy,
} from './resolve-handler-options.js';

const HANDLER_OPTIONS = namesOf(TARGET_GATE_OPTIONS);
const USAGE = '{ decide: (target, context) => true, false or { reject: { code, info } } }';

/** One target of the request: an item of the definition's list, with its `To_Account`. */
type Target = Readonly<{ To_Account: string }>;
type Context = CallbackContext<Readonly<Record<string, unknown>>>;

/** A target gate's report before the engine adds how long it took. */
type TargetReport = Omit<TargetDecisionReport, 'command' | 'event' | 'durationMs' | 'deadlineFired'> & {
  command: string;
  event: unknown;
};

function resultsReply(results: TargetResult[]): TencentReply {
  return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ResultItem: results };
}

/** The targets of a body that may not have passed its schema, or `undefined` when they cannot be read. */
function readableTargets(body: unknown, list: string): readonly Target[] | undefined {
  if (!isPlainObject(body)) return undefined;
  const items = body[list];
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const targets = items as unknown[];
  return targets.every((item) => isPlainObject(item) && typeof item['To_Account'] === 'string')
    ? (targets as Target[])
    : undefined;
}

/**
 * A target gate (`Sns.CallbackPrevFriendAdd`, `Sns.CallbackPrevFriendResponse`): `decide` runs for
 * each target of the request with bounded concurrency under the deadline, and the reply carries one
 * `ResultItem` per target in request order, `ErrorCode` 0. Tencent ignores a non-zero top-level
 * `ErrorCode` here and lets the request through, so every refusal (by `false`, `{ reject }`,
 * `onTimeout` or `onError`) is written into the target's own `ResultCode`.
 */
export function createTargetGate(
  definition: Extract<CommandRules, { kind: 'target-gate' }>,
  handler: unknown,
  config: SharedConfig,
  where: string,
): CommandRunner {
  checkHandlerObject(config, where, handler, USAGE, HANDLER_OPTIONS);
  const { decide } = handler;
  if (!isFunction(decide)) misconfigured(where, `\`decide\` must be a function: ${USAGE}.`, decide);
  const allowOnTimeout = resolvePolicy(where, 'onTimeout', handler['onTimeout']) === 'allow';
  const onError = resolveErrorPolicy(where, handler['onError']);
  const allowsRequestFailures = handler['onError'] === 'allow';
  const concurrency = resolvePositive(
    where,
    'concurrency',
    handler['concurrency'],
    TARGET_GATE_OPTIONS.concurrency.default,
    true,
  );
  const timeoutMs = resolveCommandTimeout(config, where, handler['timeoutMs']);
  const logFailure = createFailureLogger(config);
  const { command, list, customCodes } = definition;
  // `false`, and a refusal by a policy, need a code of the range: the first one, documented.
  const refusedResult = (target: Target): TargetResult => ({
    To_Account: target.To_Account,
    ResultCode: customCodes.min,
    ResultInfo: '',
  });
  const allowedResult = (target: Target): TargetResult => ({
    To_Account: target.To_Account,
    ResultCode: 0,
    ResultInfo: '',
  });

  function invalid(message: string): TargetOutcome {
    const error = new UserCallbackError('ERR_DECIDE_RESULT_INVALID', message);
    return { error, thrown: error };
  }

  function read(returned: unknown, target: Target): TargetOutcome {
    if (returned === true) return 'allowed';
    if (returned === false) return 'refused';
    const about = `decide for ${command} returned`;
    const forTarget = `for target ${quoted(target.To_Account)}`;
    // A JSON copy runs the user's getters once, here, inside the failure policy.
    const copy: unknown = isPlainObject(returned) ? JSON.parse(JSON.stringify(returned)) : undefined;
    if (isPlainObject(copy) && Object.keys(copy).length === 1 && 'reject' in copy) {
      const rejection = readRejection(copy['reject'], customCodes);
      return typeof rejection === 'string' ? invalid(`${about} ${rejection} ${forTarget}`) : { rejected: rejection };
    }
    return invalid(`${about} something that is not true, false or { reject: { code, info } } ${forTarget}`);
  }

  function failure(thrown: unknown, target: Target): TargetOutcome {
    const message = `decide failed for target ${quoted(target.To_Account)} of ${command}`;
    return { error: new UserCallbackError('ERR_DECIDE_FAILED', message, { cause: thrown }), thrown };
  }

  function conclude(
    outcomes: (TargetOutcome | 'timed-out')[],
    targets: readonly Target[],
    context: Context,
    deadline: Deadline,
  ): HandlerResult {
    const report: TargetReport = {
      command,
      event: context.event,
      asked: targets.length,
      allowed: 0,
      refused: 0,
      timedOut: 0,
      errored: 0,
      refusedTargets: [],
    };
    const results = outcomes.map((outcome, index): TargetResult => {
      const target = targets[index] as Target;
      let result: TargetResult;
      if (outcome === 'allowed' || outcome === 'refused') {
        result = outcome === 'allowed' ? allowedResult(target) : refusedResult(target);
      } else if (outcome === 'timed-out') {
        report.timedOut += 1;
        result = allowOnTimeout ? allowedResult(target) : refusedResult(target);
      } else if ('rejected' in outcome) {
        result = {
          To_Account: target.To_Account,
          ResultCode: outcome.rejected.code,
          ResultInfo: outcome.rejected.info,
        };
      } else {
        report.errored += 1;
        // Each target's failure is its own (unlike a list gate's decideBatch, shared by every member).
        logFailure(outcome.error);
        const allowed = allowedAfterError(() => onError(outcome.thrown, target, context), logFailure, 'the target');
        result = allowed ? allowedResult(target) : refusedResult(target);
      }
      if (result.ResultCode === 0) report.allowed += 1;
      else report.refusedTargets.push(target.To_Account);
      return result;
    });
    report.refused = report.refusedTargets.length;
    if (report.timedOut > 0 && deadline.cause === 'deadline')
      warnDecisionsTimedOut(config, command, report, allowOnTimeout);
    return { reply: resultsReply(results), report };
  }

  return {
    command,
    timeoutMs,
    validate: eventValidator(definition.command),
    run: (context, deadline) => {
      const event = context.event as Readonly<Record<string, unknown>>;
      // A copy, frozen, of the request's targets: a decide that changes the event's list must not
      // change which targets are decided, nor drop one from the reply (Tencent lets it through).
      const targets = Object.freeze([...(event[list] as readonly Target[])]);
      const each: ItemDecider<Target, TargetOutcome> = {
        decide: (target) => (decide as (target: Target, context: unknown) => unknown)(target, context),
        read,
        failure,
      };
      const outcomes = decideEach(targets, each, concurrency, deadline, lateFailureReporter(config, command));
      const typed = context as Context;
      return outcomes instanceof Promise
        ? outcomes.then((settled) => conclude(settled, targets, typed, deadline))
        : conclude(outcomes, targets, typed, deadline);
    },
    refuse: (error, body) => {
      const targets = readableTargets(body, list);
      // Nothing to write a result into: the top-level refusal is all there is (Tencent ignores it).
      if (!targets) return { reply: refusal(reasonText(error)) };
      return { reply: resultsReply(targets.map(allowsRequestFailures ? allowedResult : refusedResult)) };
    },
  };
}
