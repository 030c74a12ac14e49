/** The `CallbackCommand` this package answers. */
export const BEFORE_ADD_SUBSCRIBER_COMMAND = 'OfficialAccount.CallbackBeforeAddSubscriber';

/** One entry of `SubscribeAccountList`. */
export interface SubscribeAccountEntry {
  /** The UserID Tencent is about to add as a subscriber. */
  Subscriber_Account: string;
}

/**
 * The body of `OfficialAccount.CallbackBeforeAddSubscriber`, after validation against
 * {@link beforeAddSubscriberSchema}. Fields Tencent adds later are kept, typed `unknown`.
 */
export interface BeforeAddSubscriberEvent {
  CallbackCommand: typeof BEFORE_ADD_SUBSCRIBER_COMMAND;
  /** The Official Account's ID (Tencent's IDs start with `@TOA#_`). */
  Official_Account: string;
  /** The UserID that started the request (a client, or the admin calling `add_subscriber`). */
  Operator_Account: string;
  SubscribeAccountList: SubscribeAccountEntry[];
  /** When the event fired, Unix time in milliseconds. */
  EventTime: number;
}

/**
 * The platforms Tencent documents for `OptPlatform` (with the spellings its pages also use:
 * `macOS`, `IOS`). The set is open: any other string is accepted and logged once.
 */
export const KNOWN_OPT_PLATFORMS = [
  'RESTAPI',
  'Web',
  'Android',
  'iOS',
  'IOS',
  'Windows',
  'Mac',
  'macOS',
  'iPad',
  'Unknown',
] as const;

export type KnownOptPlatform = (typeof KNOWN_OPT_PLATFORMS)[number];

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

/** What every user callback receives about the request being decided. */
export interface DecisionContext {
  /** The validated request body. */
  readonly event: BeforeAddSubscriberEvent;
  /** The callback's query parameters. */
  readonly query: CallbackQuery;
  /**
   * Aborts when the deadline (`timeoutMs`) passes, when the client goes away, and once the
   * reply has been sent. Pass it to your database or HTTP client so late work is cancelled.
   */
  readonly signal: AbortSignal;
}

/** Tencent's reply format for before-event callbacks. */
export interface TencentReply {
  ActionStatus: 'OK' | 'FAIL';
  /** `0`: go on (possibly without the refused subscribers); non-zero: reject the whole request. */
  ErrorCode: number;
  ErrorInfo: string;
  /** The refused UserIDs; present (possibly empty) on every reply with `ErrorCode: 0`. */
  RefusedSubscribers_Account?: string[];
}

/** A logger with the common four methods: `console`, pino and winston fit as they are. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Sent to `onDecision` once per answered request, after the reply has been written. */
export interface DecisionReport {
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

/** Decides one subscriber: `true` allows, `false` refuses. */
export type DecideSubscriber = (subscriber: string, context: DecisionContext) => boolean | Promise<boolean>;

/**
 * Decides the whole list at once and returns the subscribers to refuse.
 * UserIDs that were not asked about are ignored.
 */
export type DecideSubscriberBatch = (
  subscribers: readonly string[],
  context: DecisionContext,
) => Iterable<string> | Promise<Iterable<string>>;

/**
 * Runs once per request before any subscriber is decided. Return a reason (a non-empty string) to
 * reject the whole request with `ErrorCode: 1` and that string as `ErrorInfo`; return nothing
 * (or `''`, `false`, `null`) to go on.
 */
export type RejectRequest = (
  context: DecisionContext,
  // `void` lets a check that simply returns nothing (or an async one) go on without ceremony.
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
) => string | false | null | undefined | void | Promise<string | false | null | undefined | void>;

/** What to do with a subscriber whose decision failed: `true` allows, `false` refuses. */
export type ErrorPolicy =
  'refuse' | 'allow' | ((error: unknown, subscriber: string, context: DecisionContext) => boolean);
