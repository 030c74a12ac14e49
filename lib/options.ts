import type { OTHER_CALLBACK_FAMILIES } from './protocol/constants.js';
import type {
  AfterAddSubscriberEvent,
  AfterCreateOfficialAccountEvent,
  AfterDeleteSubscriberEvent,
  AfterMsgWithDrawEvent,
  AfterOfficialAccountDestroyedEvent,
  AfterOfficialAccountFullEvent,
  AfterOfficialAccountInfoChangedEvent,
  AfterSendMsgEvent,
  BeforeCreateOfficialAccountEvent,
  BeforeSendMsgEvent,
} from './official-account/events.js';
import type {
  CallbackContext,
  CreationDecision,
  DecideSubscriber,
  DecideSubscriberBatch,
  DecisionReport,
  ErrorPolicy,
  GateDecisionReport,
  GateErrorPolicy,
  GenericEvent,
  GenericReply,
  Logger,
  MessageDecision,
  RejectRequest,
} from './types.js';

/** Options every command shares: authentication, limits, logging. */
export interface SharedOptions {
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
   * (mount it before body parsers and slow middleware). When it passes, the reply goes out at
   * once and what is undecided is settled by `onTimeout`. Tencent stops waiting after 2000 ms.
   * Defaults to `1500`.
   */
  timeoutMs?: number | undefined;
  /**
   * The largest body read, in bytes actually received; a larger one is answered 413.
   * Does not apply when an earlier body parser has already read the body.
   * Defaults to `65536` (64 KiB; 100 subscribers take about 6 KiB).
   */
  bodyLimitBytes?: number | undefined;
  /**
   * Requests that fail authentication (401, 403, 400) are logged at most once per error code in
   * this many milliseconds; the others of that interval are counted and logged as one line when it
   * ends, so a flood of forged requests cannot flood the log. `0` logs every one.
   * Defaults to `60000`.
   */
  refusalLogIntervalMs?: number | undefined;
  /**
   * Receives errors (with a stable `code`), refused requests (summarized, see `refusalLogIntervalMs`) and warnings.
   * `console`, pino and winston fit. Defaults to `undefined`: silent, except one-time warnings
   * written with `console.warn`.
   */
  logger?: Logger | undefined;
  /**
   * The clock, in milliseconds since the epoch, used to check `RequestTime`. A value that is not a
   * finite number refuses the request with 401 `ERR_CLOCK_INVALID` and an error log.
   * Defaults to `Date.now`.
   */
  now?: (() => number) | undefined;
}

/** The policies of the BeforeAddSubscriber decisions. */
export interface SubscriberGatePolicies {
  /**
   * This command's deadline, in milliseconds, instead of the shared `timeoutMs`.
   * Defaults to `undefined`: the shared `timeoutMs`.
   */
  timeoutMs?: number | undefined;
  /**
   * The decision for subscribers whose decision has not come by the deadline.
   * Defaults to `'refuse'`.
   */
  onTimeout?: 'refuse' | 'allow' | undefined;
  /**
   * The decision for a subscriber whose decision threw, rejected or was not a boolean; a
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
   * Runs before any subscriber is decided; return a non-empty string to reject the whole request
   * with that `ErrorInfo`, or nothing (`''`, `false`, `null`) to go on. Any other value counts as
   * an error. Bound by the same deadline and policies as the decisions.
   * Defaults to `undefined`: no request-level check.
   */
  rejectRequest?: RejectRequest | undefined;
}

/** Decide each subscriber on its own. */
export interface DecideEachHandler extends SubscriberGatePolicies {
  /** Decides one subscriber: return `true` to allow, `false` to refuse. Required (or `decideBatch`). */
  decide: DecideSubscriber;
  decideBatch?: never;
}

/** Decide the whole list with one call. */
export interface DecideBatchHandler extends SubscriberGatePolicies {
  /** Decides the whole list: return the UserIDs to refuse. Required (or `decide`). */
  decideBatch: DecideSubscriberBatch;
  decide?: never;
}

/** The handler of `OfficialAccount.CallbackBeforeAddSubscriber`: exactly one of `decide` and `decideBatch`. */
export type SubscriberGateHandler = DecideEachHandler | DecideBatchHandler;

/** Options of {@link beforeAddSubscriber} shared by both ways of deciding. */
export interface CommonOptions extends SharedOptions, SubscriberGatePolicies {
  /**
   * Called once per answered request, after the reply is written, for metrics and audit logs.
   * What it throws is logged and never touches the reply. Defaults to `undefined`.
   */
  onDecision?: ((report: DecisionReport) => void | PromiseLike<void>) | undefined;
}

/** Options of {@link beforeAddSubscriber} that decide each subscriber on its own. */
export interface DecideEachOptions extends CommonOptions, DecideEachHandler {}

/** Options of {@link beforeAddSubscriber} that decide the whole list with one call. */
export interface DecideBatchOptions extends CommonOptions, DecideBatchHandler {}

/** Options of {@link beforeAddSubscriber}: exactly one of `decide` and `decideBatch`. */
export type BeforeAddSubscriberOptions = DecideEachOptions | DecideBatchOptions;

/** A Before-callback that decides once per request (BeforeSendMsg, BeforeCreateOfficialAccount). */
export interface GateHandler<Event, Decision> {
  /** Decides the request. Required. */
  decide: (event: Event, context: CallbackContext<Event>) => Decision | PromiseLike<Decision>;
  /**
   * This command's deadline, in milliseconds, instead of the shared `timeoutMs`.
   * Defaults to `undefined`: the shared `timeoutMs`.
   */
  timeoutMs?: number | undefined;
  /** The decision when `decide` has not settled by the deadline. Defaults to `'refuse'`. */
  onTimeout?: 'refuse' | 'allow' | undefined;
  /**
   * The decision when `decide` threw, rejected or returned something that is not a decision; a
   * function receives the error and returns `true` to allow. A function that throws refuses.
   * Defaults to `'refuse'`.
   */
  onError?: GateErrorPolicy<Event> | undefined;
}

/** The handler of `OfficialAccount.CallbackBeforeSendMsg`. */
export type MessageGateHandler = GateHandler<BeforeSendMsgEvent, MessageDecision>;

/** The handler of `OfficialAccount.CallbackBeforeCreateOfficialAccount`. */
export type CreationGateHandler = GateHandler<BeforeCreateOfficialAccountEvent, CreationDecision>;

/**
 * The handler of an After-callback. The plain `OK` reply goes when it settles or at the deadline,
 * whichever comes first; what it throws is logged and answered `ErrorCode: 1` (ignored by Tencent).
 * What it returns (or resolves to) is ignored, so `(event) => queue.push(event)` fits.
 */
export type NotificationHandler<Event> = (event: Event, context: CallbackContext<Event>) => unknown;

/**
 * The handler of a command of another family: return nothing for the plain `OK` reply, or the
 * reply's fields. A failure or a timeout is answered `ErrorCode: 1`, which refuses a Before-callback.
 */
export type GenericHandler = (
  event: GenericEvent,
  context: CallbackContext<GenericEvent>,
  // `void` lets a handler that simply returns nothing (or an async one) type-check without ceremony.
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
) => GenericReply | void | PromiseLike<GenericReply | void>;

/** A handler per Official Account command, each typed for its command. */
export interface OfficialAccountHandlers {
  /** Allows or refuses an Official Account about to be created (1047/60795). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackBeforeCreateOfficialAccount'?: CreationGateHandler | undefined;
  /** An Official Account was created (1047/60796). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackAfterCreateOfficialAccount'?:
    NotificationHandler<AfterCreateOfficialAccountEvent> | undefined;
  /** An Official Account's profile was changed (1047/60797). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackAfterOfficialAccountInfoChanged'?:
    NotificationHandler<AfterOfficialAccountInfoChangedEvent> | undefined;
  /** An Official Account was destroyed (1047/60798). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackAfterOfficialAccountDestroyed'?:
    NotificationHandler<AfterOfficialAccountDestroyedEvent> | undefined;
  /** Decides each subscriber about to be added (1047/60799). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackBeforeAddSubscriber'?: SubscriberGateHandler | undefined;
  /** Subscribers were added (1047/60800). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackAfterAddSubscriber'?: NotificationHandler<AfterAddSubscriberEvent> | undefined;
  /** An Official Account reached its subscriber limit (1047/60801). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackAfterOfficialAccountFull'?: NotificationHandler<AfterOfficialAccountFullEvent> | undefined;
  /** Subscribers left or were removed (1047/60802). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackAfterDeleteSubscriber'?: NotificationHandler<AfterDeleteSubscriberEvent> | undefined;
  /** Sends, refuses, drops or changes a message about to be sent (1047/60803). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackBeforeSendMsg'?: MessageGateHandler | undefined;
  /** A message was delivered (1047/60804). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackAfterSendMsg'?: NotificationHandler<AfterSendMsgEvent> | undefined;
  /** Messages were recalled (1047/60805). Defaults to `undefined`: `unhandled`. */
  'OfficialAccount.CallbackAfterMsgWithDraw'?: NotificationHandler<AfterMsgWithDrawEvent> | undefined;
}

/**
 * The other callback families of Tencent Cloud Chat (webhook command list, 1047/34355, and the
 * chatbot pages). Their commands are routed with the parsed body, untyped.
 */
export type OtherCallbackFamily = (typeof OTHER_CALLBACK_FAMILIES)[number];

/** The handlers of {@link callbackRouter}, keyed by the full `CallbackCommand`. */
export type CallbackHandlers = OfficialAccountHandlers &
  Readonly<Partial<Record<`${OtherCallbackFamily}.${string}`, GenericHandler>>>;

/** Options of {@link callbackRouter}. */
export interface CallbackRouterOptions extends SharedOptions {
  /**
   * A handler per `CallbackCommand`. Official Account commands are typed per command (a key that
   * starts with `OfficialAccount.` but is not one of its 11 commands throws a `TypeError`); other
   * families get the parsed body. Required.
   */
  on: CallbackHandlers;
  /**
   * What becomes of an authenticated callback whose command has no handler: `'next'` passes it on
   * with its body unread, `'ack'` answers it `OK`. Defaults to `'next'`.
   */
  unhandled?: 'next' | 'ack' | undefined;
  /**
   * The callback URL's path, e.g. `'/im/callback'`: every POST to it is authenticated and answered,
   * whatever its query, and every other request goes to `next()` untouched. It is compared with the
   * request's whole path (Express's `originalUrl`) ignoring case, percent-escapes, repeated or
   * trailing slashes and anything from a `;`, so no spelling a router after this one could match
   * gets past it. Give it where the router sees every request of the app (`app.use(router)`, Koa,
   * a Fastify hook for every route, a bare `node:http` server with other routes).
   * Defaults to `undefined`: every POST when the router is mounted on a path
   * (`app.use('/im/callback', router)`), otherwise every POST whose query carries any of Tencent's
   * parameters, in any form (`CallbackCommand[]=…` included).
   */
  path?: string | undefined;
  /**
   * Called once per answered Before-callback that has a decision (BeforeAddSubscriber, BeforeSendMsg,
   * BeforeCreateOfficialAccount), after the reply is written, for metrics and audit logs. What it
   * throws is logged and never touches the reply. Defaults to `undefined`.
   */
  onDecision?: ((report: DecisionReport | GateDecisionReport) => void | PromiseLike<void>) | undefined;
}
