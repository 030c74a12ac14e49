import type {
  BEFORE_ADD_SUBSCRIBER_COMMAND,
  BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  BEFORE_SEND_MSG_COMMAND,
} from './official-account/commands.js';
import type { BeforeAddSubscriberEvent, MessageElement } from './official-account/events.js';
import type { KnownOptPlatform } from './protocol/constants.js';

/** The query parameters Tencent appends to the webhook URL, each read once. */
export interface CallbackQuery {
  CallbackCommand: string;
  /** The app's numeric SDKAppID, as sent (a string of digits). */
  SdkAppid?: string | undefined;
  /** Fixed `json` in Tencent's requests. */
  contenttype?: string | undefined;
  ClientIP?: string | undefined;
  // `string & {}` keeps editor completion for the known values while accepting any string.
  OptPlatform?: KnownOptPlatform | (string & {}) | undefined;
  /** Present when webhook authentication is on in the console. */
  Sign?: string | undefined;
  /** Unix time in seconds, present with `Sign`. */
  RequestTime?: string | undefined;
}

/** What every handler receives about the callback it handles. */
export interface CallbackContext<Event> {
  /** The validated request body. */
  readonly event: Event;
  /** The callback's query parameters. */
  readonly query: CallbackQuery;
  /**
   * Aborts when the deadline (`timeoutMs`) passes, when the client goes away, and once the
   * reply has been sent. Pass it to your database or HTTP client so late work is cancelled.
   */
  readonly signal: AbortSignal;
}

/** What the subscriber decisions of `OfficialAccount.CallbackBeforeAddSubscriber` receive. */
export type DecisionContext = CallbackContext<BeforeAddSubscriberEvent>;

/**
 * A reply in Tencent's format. Before-callbacks read `ErrorCode`; Tencent ignores the replies to
 * After-callbacks.
 */
export interface TencentReply {
  ActionStatus: 'OK' | 'FAIL';
  /** `0`: go on; `1`: refuse; `2`: drop a message silently; 120001–130000: refuse with your own code. */
  ErrorCode: number;
  ErrorInfo: string;
  /** BeforeAddSubscriber: the refused UserIDs; present (possibly empty) on every reply with `ErrorCode: 0`. */
  RefusedSubscribers_Account?: string[];
  /** BeforeSendMsg: the message body that replaces the one sent. */
  MsgBody?: MessageElement[];
  /** BeforeSendMsg: the custom data that replaces the one sent. */
  CloudCustomData?: string;
}

/** A logger with the common four methods: `console`, pino and winston fit as they are. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Sent to `onDecision` once per answered BeforeAddSubscriber request, after the reply has been written. */
export interface DecisionReport {
  command: typeof BEFORE_ADD_SUBSCRIBER_COMMAND;
  officialAccount: string;
  operator: string;
  /** Distinct subscribers in the request. */
  asked: number;
  allowed: number;
  refused: number;
  /** Subscribers whose decision had not come by the deadline (then treated by `onTimeout`). */
  timedOut: number;
  /**
   * Subscribers whose decision failed (then treated by `onError`); a failed `decideBatch` or
   * `rejectRequest` counts every subscriber.
   */
  errored: number;
  /** The refused UserIDs, in request order, as in the reply. */
  refusedSubscribers: string[];
  /** Set when `rejectRequest` rejected the whole request: its reason. */
  rejectedReason: string | undefined;
  /** From when the middleware received the request to the reply, in milliseconds. */
  durationMs: number;
  /** Whether the deadline passed before every decision had come. */
  deadlineFired: boolean;
}

/**
 * Sent to the router's `onDecision` once per answered BeforeSendMsg or BeforeCreateOfficialAccount
 * request, after the reply has been written.
 */
export interface GateDecisionReport {
  command: typeof BEFORE_SEND_MSG_COMMAND | typeof BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND;
  /** What the reply tells Tencent to do. */
  decision: 'allowed' | 'refused' | 'dropped' | 'modified' | 'rejected';
  /** The reply's `ErrorCode`. */
  errorCode: number;
  /** Whether `decide` had not settled by the deadline (then `onTimeout` decided). */
  timedOut: boolean;
  /** Whether `decide` failed or returned something that is not a decision (then `onError` decided). */
  errored: boolean;
  /** From when the middleware received the request to the reply, in milliseconds. */
  durationMs: number;
  /** Whether the deadline passed before `decide` settled. */
  deadlineFired: boolean;
}

/** Decides one subscriber: `true` allows, `false` refuses. */
export type DecideSubscriber = (subscriber: string, context: DecisionContext) => boolean | PromiseLike<boolean>;

/**
 * Decides the whole list at once and returns the subscribers to refuse.
 * UserIDs that were not asked about are ignored.
 */
export type DecideSubscriberBatch = (
  subscribers: readonly string[],
  context: DecisionContext,
) => Iterable<string> | PromiseLike<Iterable<string>>;

/**
 * Runs once per request before any subscriber is decided. Return a reason (a non-empty string) to
 * reject the whole request with `ErrorCode: 1` and that string as `ErrorInfo`; return nothing
 * (or `''`, `false`, `null`) to go on.
 */
export type RejectRequest = (
  context: DecisionContext,
  // `void` lets a check that simply returns nothing (or an async one) go on without ceremony.
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
) => string | false | null | undefined | void | PromiseLike<string | false | null | undefined | void>;

/** What to do with a subscriber whose decision failed: `true` allows, `false` refuses. */
export type ErrorPolicy =
  'refuse' | 'allow' | ((error: unknown, subscriber: string, context: DecisionContext) => boolean);

/**
 * Refuses with your own error code, which Tencent passes to the client with `info`
 * (BeforeSendMsg and BeforeCreateOfficialAccount only).
 */
export interface CustomRejection {
  /** An integer from 120001 to 130000, the range Tencent leaves to apps. */
  code: number;
  /** The `ErrorInfo` the client receives. */
  info: string;
}

/** The fields of a message that a BeforeSendMsg decision may replace; what is left out is sent unchanged. */
export interface MessageModification {
  /** The message body that is sent instead, in Tencent's TIMMessage element format. */
  MsgBody?: readonly MessageElement[] | undefined;
  /** The custom data that is sent instead. */
  CloudCustomData?: string | undefined;
}

/**
 * What a BeforeSendMsg decision returns: `true` sends the message (ErrorCode 0), `false` refuses it
 * (1), `'drop'` discards it while the sender is told it was sent (2), `{ modify }` sends it changed
 * (0 with the new fields), `{ reject }` refuses it with your own code.
 */
export type MessageDecision = boolean | 'drop' | { modify: MessageModification } | { reject: CustomRejection };

/**
 * What a BeforeCreateOfficialAccount decision returns: `true` allows (ErrorCode 0), `false` refuses
 * (1), `{ reject }` refuses with your own code.
 */
export type CreationDecision = boolean | { reject: CustomRejection };

/** What to do when a gate's `decide` failed: `'refuse'`, `'allow'`, or a function returning `true` to allow. */
export type GateErrorPolicy<Event> =
  'refuse' | 'allow' | ((error: unknown, context: CallbackContext<Event>) => boolean);

/** The body of a command of another family: any JSON object whose `CallbackCommand` matches the query. */
export interface GenericEvent {
  readonly CallbackCommand: string;
  readonly [field: string]: unknown;
}

/**
 * What a handler for another family may return: nothing, for the plain `OK` reply, or the reply's
 * fields (merged over `{ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }`).
 */
export interface GenericReply {
  ActionStatus?: 'OK' | 'FAIL' | undefined;
  ErrorCode?: number | undefined;
  ErrorInfo?: string | undefined;
  [field: string]: unknown;
}
