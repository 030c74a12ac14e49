// The handlers of each kind of command, what their decisions are, and the reports of the gates.
// lib/generated/commands.ts gives each command's handler type from these, by its kind.
import type {
  ActionGateCommand,
  ListGateCommand,
  MessageGateCommand,
  TargetGateCommand,
} from './generated/commands.js';
import type { CallbackEvents, OfficialAccountBeforeAddSubscriberEvent } from './generated/events.js';
import type { CallbackContext, CustomRejection, GenericEvent, GenericReply, MessageModification } from './types.js';

/** What a failure policy decides: `'refuse'` or `'allow'`. */
export type Policy = 'refuse' | 'allow';

// ---------------------------------------------------------------------------------------------
// Message and action gates: one decision per request

/**
 * What a message gate's `decide` returns: `true` sends the message (`ErrorCode` 0), `false`
 * refuses it (1), `'drop'` discards it while the sender is told it was sent (2), `{ modify }`
 * sends it changed (0 with the new fields), `{ reject }` refuses it with your own code.
 */
export type MessageDecision = boolean | 'drop' | { modify: MessageModification } | { reject: CustomRejection };

/** What an action gate's `decide` returns: `true` allows (`ErrorCode` 0), `false` refuses (1), `{ reject }` refuses with your own code. */
export type ActionDecision = boolean | { reject: CustomRejection };

/** What to do when a gate's `decide` failed: `'refuse'`, `'allow'`, or a function returning `true` to allow. */
export type GateErrorPolicy<Event> = Policy | ((error: unknown, context: CallbackContext<Event>) => boolean);

/** The policies of a gate that decides once per request. */
export interface GatePolicies<Event> {
  /**
   * This command's deadline, in milliseconds, instead of the shared `timeoutMs`.
   * Defaults to `undefined`: the shared `timeoutMs`.
   */
  timeoutMs?: number | undefined;
  /** The decision when `decide` has not settled by the deadline. Defaults to `'refuse'`. */
  onTimeout?: Policy | undefined;
  /**
   * The decision when `decide` threw, rejected or returned something that is not a decision; a
   * function receives the error and returns `true` to allow (a function that throws refuses). A
   * request refused before `decide` could run (its body unreadable or invalid) is allowed only by
   * `'allow'`. Defaults to `'refuse'`.
   */
  onError?: GateErrorPolicy<Event> | undefined;
}

/** A gate that decides once per request. */
export interface GateHandler<Event, Decision> extends GatePolicies<Event> {
  /** Decides the request. Required. */
  decide: (event: Event, context: CallbackContext<Event>) => Decision | PromiseLike<Decision>;
}

/** The handler of a message gate (`C2C`, `Group` and `OfficialAccount` `CallbackBeforeSendMsg`). */
export type MessageGateHandler<Event> = GateHandler<Event, MessageDecision>;

/** The handler of an action gate (create a group or topic, apply to join, create an Official Account). */
export type ActionGateHandler<Event> = GateHandler<Event, ActionDecision>;

// ---------------------------------------------------------------------------------------------
// List gates: one decision per member

/** What the subscriber decisions of `OfficialAccount.CallbackBeforeAddSubscriber` receive. */
export type DecisionContext = CallbackContext<OfficialAccountBeforeAddSubscriberEvent>;

/** Decides one member (a subscriber, an invitee): `true` allows, `false` refuses. */
export type DecideMember<Event = OfficialAccountBeforeAddSubscriberEvent> = (
  member: string,
  context: CallbackContext<Event>,
) => boolean | PromiseLike<boolean>;

/** Decides the whole list at once and returns the members to refuse; UserIDs not asked about are ignored. */
export type DecideMembers<Event = OfficialAccountBeforeAddSubscriberEvent> = (
  members: readonly string[],
  context: CallbackContext<Event>,
) => Iterable<string> | PromiseLike<Iterable<string>>;

/**
 * Runs once per request before any member is decided. Return a reason (a non-empty string) to
 * refuse the whole request with `ErrorCode: 1` and that string as `ErrorInfo`; return nothing
 * (or `''`, `false`, `null`) to go on.
 */
export type RejectRequest<Event = OfficialAccountBeforeAddSubscriberEvent> = (
  context: CallbackContext<Event>,
  // `void` lets a check that simply returns nothing (or an async one) go on without ceremony.
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
) => string | false | null | undefined | void | PromiseLike<string | false | null | undefined | void>;

/** What to do with a member whose decision failed: `'refuse'`, `'allow'`, or a function returning `true` to allow. */
export type MemberErrorPolicy<Event = OfficialAccountBeforeAddSubscriberEvent> =
  Policy | ((error: unknown, member: string, context: CallbackContext<Event>) => boolean);

/** The policies of a list gate. */
export interface ListGatePolicies<Event = OfficialAccountBeforeAddSubscriberEvent> {
  /**
   * This command's deadline, in milliseconds, instead of the shared `timeoutMs`.
   * Defaults to `undefined`: the shared `timeoutMs`.
   */
  timeoutMs?: number | undefined;
  /** The decision for members whose decision has not come by the deadline. Defaults to `'refuse'`. */
  onTimeout?: Policy | undefined;
  /**
   * The decision for a member whose decision threw, rejected or was not a boolean; a function
   * receives the error and returns `true` to allow (a function that throws refuses). A request
   * refused before any decision (its body unreadable or invalid) is allowed only by `'allow'`.
   * Defaults to `'refuse'`.
   */
  onError?: MemberErrorPolicy<Event> | undefined;
  /** At most this many `decide` calls in flight for one request; the rest wait their turn. Defaults to `8`. */
  concurrency?: number | undefined;
  /**
   * Runs before any member is decided; return a non-empty string to refuse the whole request with
   * that `ErrorInfo`, or nothing (`''`, `false`, `null`) to go on. Any other value counts as an
   * error. Bound by the same deadline and policies as the decisions.
   * Defaults to `undefined`: no request-level check.
   */
  rejectRequest?: RejectRequest<Event> | undefined;
}

/** Decide each member on its own. */
export interface DecideEachHandler<Event = OfficialAccountBeforeAddSubscriberEvent> extends ListGatePolicies<Event> {
  /** Decides one member: return `true` to allow, `false` to refuse. Required (or `decideBatch`). */
  decide: DecideMember<Event>;
  decideBatch?: never;
}

/** Decide the whole list with one call. */
export interface DecideBatchHandler<Event = OfficialAccountBeforeAddSubscriberEvent> extends ListGatePolicies<Event> {
  /** Decides the whole list: return the UserIDs to refuse. Required (or `decide`). */
  decideBatch: DecideMembers<Event>;
  decide?: never;
}

/**
 * The handler of a list gate (`OfficialAccount.CallbackBeforeAddSubscriber`,
 * `Group.CallbackBeforeInviteJoinGroup`): exactly one of `decide` and `decideBatch`.
 */
export type ListGateHandler<Event = OfficialAccountBeforeAddSubscriberEvent> =
  DecideEachHandler<Event> | DecideBatchHandler<Event>;

// ---------------------------------------------------------------------------------------------
// Target gates: one decision per target

/**
 * What a target gate's `decide` returns for one target: `true` allows (`ResultCode` 0), `false`
 * refuses with the range's first code, `{ reject }` refuses with your own code from the range.
 */
export type TargetDecision = boolean | { reject: CustomRejection };

/** What to do with a target whose decision failed: `'refuse'`, `'allow'`, or a function returning `true` to allow. */
export type TargetErrorPolicy<Event, Target> =
  Policy | ((error: unknown, target: Target, context: CallbackContext<Event>) => boolean);

/**
 * The handler of a target gate (`Sns.CallbackPrevFriendAdd`, `Sns.CallbackPrevFriendResponse`):
 * `decide` runs for each target (a friend to add or answer), and the reply has one `ResultItem`
 * per target, in request order.
 */
export interface TargetGateHandler<Event, Target> {
  /** Decides one target. Required. */
  decide: (target: Target, context: CallbackContext<Event>) => TargetDecision | PromiseLike<TargetDecision>;
  /**
   * This command's deadline, in milliseconds, instead of the shared `timeoutMs`.
   * Defaults to `undefined`: the shared `timeoutMs`.
   */
  timeoutMs?: number | undefined;
  /** The decision for targets whose decision has not come by the deadline. Defaults to `'refuse'`. */
  onTimeout?: Policy | undefined;
  /**
   * The decision for a target whose decision threw, rejected or was not a decision; a function
   * receives the error and returns `true` to allow (a function that throws refuses). A request
   * refused before any decision is allowed only by `'allow'`. Defaults to `'refuse'`.
   */
  onError?: TargetErrorPolicy<Event, Target> | undefined;
  /** At most this many `decide` calls in flight for one request. Defaults to `8`. */
  concurrency?: number | undefined;
}

// ---------------------------------------------------------------------------------------------
// Reply data, notifications and commands of no known kind

/**
 * The handler of a command whose reply carries data back (`Chatbot.OnC2CSignalMessage`): the
 * string it returns is sent as `RspData` with `ErrorCode` 0. A failure, a value that is not a
 * string, or the deadline is answered `ErrorCode: 1` (Tencent then ignores `RspData`).
 */
export type ReplyDataHandler<Event> = (event: Event, context: CallbackContext<Event>) => string | PromiseLike<string>;

/**
 * The handler of an After-callback, alarm or batch. The plain `OK` reply goes when it settles or
 * at the deadline, whichever comes first; what it throws is logged and answered `ErrorCode: 1`
 * (ignored by Tencent). What it returns is ignored, so `(event) => queue.push(event)` fits.
 */
export type NotificationHandler<Event> = (event: Event, context: CallbackContext<Event>) => unknown;

/**
 * The handler of a command this package does not know (one Tencent adds after this release):
 * return nothing for the plain `OK` reply, or the reply's fields. A failure, a timeout or a result
 * that cannot be sent is answered `ErrorCode: 1`, which refuses a Before-callback.
 */
export type GenericHandler = (
  event: GenericEvent,
  context: CallbackContext<GenericEvent>,
  // `void` lets a handler that simply returns nothing (or an async one) type-check without ceremony.
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
) => GenericReply | void | PromiseLike<GenericReply | void>;

// ---------------------------------------------------------------------------------------------
// Reports (onDecision)

/** What every report says about its request, besides its gate's decisions. */
interface ReportBase<Command extends keyof CallbackEvents> {
  command: Command;
  /** The request's validated body. */
  event: CallbackEvents[Command];
  /** From when the router received the request to the reply, in milliseconds. */
  durationMs: number;
  /** Whether the deadline passed before every decision had come. */
  deadlineFired: boolean;
}

/** The report of a message or action gate's request. */
export interface GateDecisionReport<
  Command extends MessageGateCommand | ActionGateCommand = MessageGateCommand | ActionGateCommand,
> extends ReportBase<Command> {
  /** What the reply tells Tencent to do. */
  decision: 'allowed' | 'refused' | 'dropped' | 'modified' | 'rejected';
  /** The reply's `ErrorCode`. */
  errorCode: number;
  /** Whether `decide` had not settled by the deadline (then `onTimeout` decided). */
  timedOut: boolean;
  /** Whether `decide` failed or returned something that is not a decision (then `onError` decided). */
  errored: boolean;
}

/** The report of a list gate's request. */
export interface ListDecisionReport<Command extends ListGateCommand = ListGateCommand> extends ReportBase<Command> {
  /** Distinct members in the request. */
  asked: number;
  allowed: number;
  refused: number;
  /** Members whose decision had not come by the deadline (then treated by `onTimeout`). */
  timedOut: number;
  /** Members whose decision failed (then treated by `onError`); a failed `decideBatch` or `rejectRequest` counts every member. */
  errored: number;
  /** The refused UserIDs, in request order, as in the reply. */
  refusedMembers: string[];
  /** Set when `rejectRequest` refused the whole request: its reason. */
  rejectedReason: string | undefined;
}

/** The report of a target gate's request. */
export interface TargetDecisionReport<
  Command extends TargetGateCommand = TargetGateCommand,
> extends ReportBase<Command> {
  /** Targets in the request. */
  asked: number;
  allowed: number;
  refused: number;
  /** Targets whose decision had not come by the deadline (then treated by `onTimeout`). */
  timedOut: number;
  /** Targets whose decision failed (then treated by `onError`). */
  errored: number;
  /** The refused targets' `To_Account`, in request order. */
  refusedTargets: string[];
}

/**
 * What `onDecision` receives once per answered gate request, after the reply was written: narrow
 * on `command` to read the report (and its `event`) of one command.
 */
export type DecisionReport =
  | { [C in MessageGateCommand | ActionGateCommand]: GateDecisionReport<C> }[MessageGateCommand | ActionGateCommand]
  | { [C in ListGateCommand]: ListDecisionReport<C> }[ListGateCommand]
  | { [C in TargetGateCommand]: TargetDecisionReport<C> }[TargetGateCommand];
