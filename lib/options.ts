import type {
  DecideSubscriber,
  DecideSubscriberBatch,
  DecisionReport,
  ErrorPolicy,
  Logger,
  RejectRequest,
} from './types.js';

/** Options shared by both ways of deciding. */
export interface CommonOptions {
  /**
   * The callback token set in Tencent's console (Callback configuration). Every request must carry
   * a `Sign` equal to hex(sha256(token + RequestTime)) for one of the tokens, and a fresh
   * `RequestTime`. Give an array while rotating the token, so old and new both pass. Give `false`
   * only when authentication is off in the console: requests are then not authenticated, and a
   * warning is logged once. Required: leaving it out (or `undefined`, as from an unset environment
   * variable) throws a `TypeError`, so a missing token never turns authentication off.
   */
  token: string | readonly string[] | false;
  /**
   * Your app's SDKAppID (an integer from 1 to 4294967295). When given, a request whose `SdkAppid`
   * differs (or is missing) is answered 403. Defaults to `undefined`: any `SdkAppid` is accepted.
   */
  sdkAppId?: string | number | undefined;
  /**
   * How far `RequestTime` may lie from this server's clock, in seconds, either way, before
   * the request counts as a replay. Only used with `token`. Defaults to `60`, as Tencent advises.
   */
  requestTimeToleranceSeconds?: number | undefined;
  /**
   * The deadline for the reply, in milliseconds from when this middleware receives the request
   * (mount it before body parsers and slow middleware). When it passes the
   * reply goes out at once and undecided subscribers are treated by `onTimeout`. Tencent stops
   * waiting after 2000 ms. Defaults to `1500`.
   */
  timeoutMs?: number | undefined;
  /**
   * The verdict for subscribers whose decision has not come by the deadline.
   * Defaults to `'refuse'`.
   */
  onTimeout?: 'refuse' | 'allow' | undefined;
  /**
   * The verdict for a subscriber whose decision threw, rejected or was not a boolean; a
   * function receives the error and returns `true` to allow. A function that throws refuses.
   * Defaults to `'refuse'`.
   */
  onError?: ErrorPolicy | undefined;
  /**
   * At most this many `decide` calls in flight for one request; the rest wait their turn.
   * Defaults to `8`.
   */
  concurrency?: number | undefined;
  /**
   * The largest body read, in bytes actually received; a larger one is answered 413.
   * Does not apply when an earlier body parser has already read the body.
   * Defaults to `65536` (64 KiB; 100 subscribers take about 6 KiB).
   */
  bodyLimitBytes?: number | undefined;
  /**
   * Runs before any subscriber is decided; return a non-empty string to reject the whole request
   * with that `ErrorInfo`, or nothing (`''`, `false`, `null`) to go on. Any other value counts as
   * an error. Bound by the same deadline and policies as the decisions.
   * Defaults to `undefined`: no request-level check.
   */
  rejectRequest?: RejectRequest | undefined;
  /**
   * Receives errors (with a stable `code`) and warnings. `console`, pino and winston fit.
   * Defaults to `undefined`: silent, except one-time warnings written with `console.warn`.
   */
  logger?: Logger | undefined;
  /**
   * Called once per answered request, after the reply is written, for metrics and audit logs.
   * What it throws is logged and never touches the reply. Defaults to `undefined`.
   */
  onDecision?: ((report: DecisionReport) => void | Promise<void>) | undefined;
  /**
   * The clock, in milliseconds since the epoch, used to check `RequestTime`. A value that is not a
   * finite number refuses the request with 401 `ERR_CLOCK_INVALID` and an error log.
   * Defaults to `Date.now`.
   */
  now?: (() => number) | undefined;
}

/** Decide each subscriber on its own. */
export interface DecideEachOptions extends CommonOptions {
  /** Decides one subscriber: return `true` to allow, `false` to refuse. Required (or `decideBatch`). */
  decide: DecideSubscriber;
  decideBatch?: never;
}

/** Decide the whole list with one call. */
export interface DecideBatchOptions extends CommonOptions {
  /** Decides the whole list: return the UserIDs to refuse. Required (or `decide`). */
  decideBatch: DecideSubscriberBatch;
  decide?: never;
}

/** Options of {@link beforeAddSubscriber}: exactly one of `decide` and `decideBatch`. */
export type BeforeAddSubscriberOptions = DecideEachOptions | DecideBatchOptions;
