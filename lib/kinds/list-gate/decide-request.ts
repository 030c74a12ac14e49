import { decideBatch } from './decide-batch.js';
import type { Deadline, TimedCancellation } from '../../engine/deadline.js';
import { decideEach, type ItemDecider } from './decide-each.js';
import { UserCallbackError } from '../../errors.js';
import type { MemberDecision } from './item-decision.js';
import type { HandlerResult } from '../../engine/command-runner.js';
import { allowedAfterError, lateFailureReporter, warnDecisionsTimedOut } from '../../engine/handler-failures.js';
import type { ListGateConfig } from './list-gate.js';
import type { SharedConfig } from '../../engine/resolve-shared-options.js';
import { settleBeforeAbort } from '../../engine/settle-before-abort.js';
import type { CallbackContext, TencentReply } from '../../types.js';
import type { ListDecisionReport } from '../../handlers.js';
import type { CommandRules } from '../../commands/define.js';
import { quoted } from '../../engine/log-lines.js';
import { REJECTION_INFO_MAX_LENGTH } from '../../protocol/constants.js';

/** A list gate's report before the engine adds how long it took. */
type ListReport = Omit<ListDecisionReport, 'command' | 'event' | 'durationMs' | 'deadlineFired'> & {
  command: string;
  event: unknown;
};

/** The reply and the report of one request's members. */
type ListResult = HandlerResult & { reply: TencentReply; report: ListReport };

/** `rejectRequest` said no to the whole request, with this reason. */
interface Rejection {
  rejectedReason: string;
}

type Context = CallbackContext<Readonly<Record<string, unknown>>>;

/**
 * The distinct UserIDs of `event[list][i][member]`, in request order; the schema has made them
 * strings. (Searching the kept ones instead of a Set saved 0.5–0.7 µs a request at 10 members,
 * under 1 % of the server CPU a request costs: not worth a second path.)
 */
function distinctMembers(event: Readonly<Record<string, unknown>>, list: string, member: string): readonly string[] {
  const entries = event[list] as readonly Readonly<Record<string, string>>[];
  const seen = new Set<string>();
  const members: string[] = [];
  for (const entry of entries) {
    const id = entry[member] as string;
    // One lookup instead of has() then add(): the Set grows only by a member not seen yet.
    const size = seen.size;
    if (seen.add(id).size !== size) members.push(id);
  }
  // Frozen: `decideBatch` gets this very array, and a plain-JS app that spliced it would drop
  // members from the reply, which Tencent would then add.
  return Object.freeze(members);
}

/** The reply that lets Tencent go on without the refused members. */
export function listReply(refusedField: string, refused: string[]): TencentReply {
  return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', [refusedField]: refused };
}

/** The reply that refuses the whole request: nobody is added. */
export function wholeRequestRefused(reason: string): TencentReply {
  return { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: reason };
}

/** What messages call one member: `Subscriber_Account` → "subscriber", `Member_Account` → "member". */
function nounOf(memberField: string): string {
  return memberField.replace(/_Account$/, '').toLowerCase();
}

/** How a list gate's `decide` is called for one member of the request, and its answer read. */
export function memberDecider(
  decide: (member: string, context: Context) => unknown,
  context: Context,
  noun: string,
): ItemDecider<string, MemberDecision> {
  return {
    decide: (id) => decide(id, context),
    read: (returned, id) => {
      if (returned === true) return 'allowed';
      if (returned === false) return 'refused';
      const error = new UserCallbackError(
        'ERR_DECIDE_RESULT_INVALID',
        `decide returned ${returned === null ? 'null' : typeof returned} for ${noun} ${quoted(id)}; ` +
          'it must return (or resolve to) true or false',
      );
      return { error, thrown: error };
    },
    failure: (thrown, id) => {
      const message = `decide failed for ${noun} ${quoted(id)}`;
      return { error: new UserCallbackError('ERR_DECIDE_FAILED', message, { cause: thrown }), thrown };
    },
  };
}

/** Decides every member of one validated request: `rejectRequest` first, then the decisions. */
export function createRequestDecider(
  definition: Extract<CommandRules, { kind: 'list-gate' }>,
  config: ListGateConfig,
  logFailure: (error: UserCallbackError) => void,
  log: Pick<SharedConfig, 'logger' | 'entry'>,
): (context: Context, deadline: Deadline) => ListResult | Promise<ListResult> {
  const { decider, rejectRequest, concurrency } = config;
  const { command, list, member, refusedField } = definition;
  const noun = nounOf(member);

  function allowAfterError(thrown: unknown, id: string, context: Context): boolean {
    return allowedAfterError(() => config.allowOnError(thrown, id, context), logFailure, `the ${noun}`);
  }

  async function rejectedOrDecided(
    members: readonly string[],
    context: Context,
    cancellation: TimedCancellation,
    check: (context: Context) => unknown,
    onLateFailure: (error: unknown) => void,
  ): Promise<MemberDecision[] | Rejection> {
    const settled = await settleBeforeAbort(cancellation, () => check(context), onLateFailure);
    if ('aborted' in settled) return members.map(() => 'timed-out');
    if ('error' in settled) {
      const error = new UserCallbackError('ERR_REJECT_REQUEST_FAILED', 'rejectRequest failed', {
        cause: settled.error,
      });
      return members.map(() => ({ error, thrown: settled.error }));
    }
    const returned: unknown = settled.value;
    // The reason is the reply's ErrorInfo: bounded like a `{ reject }`'s info, so that a bug cannot
    // send a reply Tencent would refuse, and then let every member through.
    if (typeof returned === 'string' && returned.length > REJECTION_INFO_MAX_LENGTH) {
      const error = new UserCallbackError(
        'ERR_REJECT_REQUEST_RESULT_INVALID',
        `rejectRequest returned a reason of ${returned.length} characters; at most ${REJECTION_INFO_MAX_LENGTH} are sent`,
      );
      return members.map(() => ({ error, thrown: error }));
    }
    if (typeof returned === 'string' && returned !== '') return { rejectedReason: returned };
    // Anything but a reason or nothing is a bug in the check, and a gate must not fail open on it.
    if (!(returned === '' || returned === false || returned === null || returned === undefined)) {
      const error = new UserCallbackError(
        'ERR_REJECT_REQUEST_RESULT_INVALID',
        `rejectRequest returned ${typeof returned}; return a reason (a string) to reject, or nothing to go on`,
      );
      return members.map(() => ({ error, thrown: error }));
    }
    return decided(members, context, cancellation, onLateFailure);
  }

  function decided(
    members: readonly string[],
    context: Context,
    cancellation: TimedCancellation,
    onLateFailure: (error: unknown) => void,
  ): MemberDecision[] | Promise<MemberDecision[]> {
    if (decider.kind === 'batch') {
      return decideBatch(members, decider.decideBatch, context, cancellation, onLateFailure);
    }
    return decideEach(members, memberDecider(decider.decide, context, noun), concurrency, cancellation, onLateFailure);
  }

  return function decideRequest(context, deadline) {
    const members = distinctMembers(context.event, list, member);
    const report: ListReport = {
      command,
      event: context.event,
      asked: members.length,
      allowed: 0,
      refused: 0,
      timedOut: 0,
      errored: 0,
      refusedMembers: [],
      rejectedReason: undefined,
    };
    const conclude = (decisions: MemberDecision[] | Rejection): ListResult =>
      concludeWith(decisions, members, context, report, deadline);
    // An empty list has nothing to add, so there is nothing to ask the user's code about.
    if (members.length === 0) return conclude([]);
    const onLateFailure = lateFailureReporter(log, command);
    const pending = rejectRequest
      ? rejectedOrDecided(members, context, deadline, rejectRequest, onLateFailure)
      : decided(members, context, deadline, onLateFailure);
    // Synchronous decisions are concluded at once: no promise, no microtask on the common path.
    return pending instanceof Promise ? pending.then(conclude) : conclude(pending);
  };

  function concludeWith(
    decisions: MemberDecision[] | Rejection,
    members: readonly string[],
    context: Context,
    report: ListReport,
    deadline: Deadline,
  ): ListResult {
    if (!Array.isArray(decisions)) {
      report.rejectedReason = decisions.rejectedReason;
      return { reply: wholeRequestRefused(decisions.rejectedReason), report };
    }

    // One failure shared by many members (decideBatch, rejectRequest) is logged once.
    let logged: Set<UserCallbackError> | undefined;
    decisions.forEach((decision, index) => {
      const id = members[index] as string;
      let allowed: boolean;
      if (decision === 'allowed' || decision === 'refused') {
        allowed = decision === 'allowed';
      } else if (decision === 'timed-out') {
        report.timedOut += 1;
        allowed = config.allowOnTimeout;
      } else {
        report.errored += 1;
        logged ??= new Set();
        if (!logged.has(decision.error)) {
          logged.add(decision.error);
          logFailure(decision.error);
        }
        allowed = allowAfterError(decision.thrown, id, context);
      }
      if (allowed) report.allowed += 1;
      else report.refusedMembers.push(id);
    });
    report.refused = report.refusedMembers.length;
    // Decisions cut short by a client that went away are nobody's concern: no reply goes out.
    if (report.timedOut > 0 && deadline.cause === 'deadline')
      warnDecisionsTimedOut(log, command, report, config.allowOnTimeout);
    return { reply: listReply(refusedField, report.refusedMembers), report };
  }
}
