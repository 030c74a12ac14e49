import type { CommandHandlers } from './generated/commands.js';
import type {
  DecideBatchHandler,
  DecideEachHandler,
  DecisionReport,
  GenericHandler,
  ListDecisionReport,
  ListGatePolicies,
} from './handlers.js';
import type { Logger } from './types.js';

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

/** Options of {@link beforeAddSubscriber} shared by both ways of deciding. */
export interface CommonOptions extends SharedOptions, ListGatePolicies {
  /**
   * Called once per answered request, after the reply is written, for metrics and audit logs.
   * What it throws is logged and never touches the reply. Defaults to `undefined`.
   */
  onDecision?:
    | ((report: ListDecisionReport<'OfficialAccount.CallbackBeforeAddSubscriber'>) => void | PromiseLike<void>)
    | undefined;
}

/** Options of {@link beforeAddSubscriber} that decide each subscriber on its own. */
export interface DecideEachOptions extends CommonOptions, DecideEachHandler {}

/** Options of {@link beforeAddSubscriber} that decide the whole list with one call. */
export interface DecideBatchOptions extends CommonOptions, DecideBatchHandler {}

/** Options of {@link beforeAddSubscriber}: exactly one of `decide` and `decideBatch`. */
export type BeforeAddSubscriberOptions = DecideEachOptions | DecideBatchOptions;

/** Options of {@link callbackRouter}. */
export interface CallbackRouterOptions extends SharedOptions {
  /**
   * A handler per `CallbackCommand`, each typed for its command: a gate takes an object with
   * `decide`, any other command a function. A key in a family the package knows that is not one
   * of its commands (a typo) throws a `TypeError` naming the closest command. Required.
   */
  on: CommandHandlers;
  /**
   * Handlers of commands this package does not know yet (one Tencent adds after this release),
   * keyed by the full `CallbackCommand`: they get the parsed body, untyped, and may return the
   * reply's fields. A key that is a known command throws: give it in `on`.
   * Defaults to `undefined`: none.
   */
  generic?: Readonly<Record<`${string}.${string}`, GenericHandler | undefined>> | undefined;
  /**
   * What becomes of an authenticated callback whose command has no handler: `'next'` passes it on
   * with its body unread, `'ack'` answers it `OK`. Defaults to `'next'`.
   */
  unhandled?: 'next' | 'ack' | undefined;
  /**
   * The callback URL's path, e.g. `'/im/callback'`: every POST to it is authenticated and answered,
   * whatever its query, and every other request goes to `next()` untouched. It is compared with the
   * path as the request came (Express's and Koa's `originalUrl`) and with the path as the router
   * sees it (`url`, which a mount or a rewrite in front may have changed), ignoring case,
   * percent-escapes, repeated or trailing slashes and anything from a `;`, so no spelling a router
   * after this one could match gets past it. Give it where the router sees every request of the
   * app (`app.use(router)`, Koa, a Fastify hook for every route, a bare `node:http` server with
   * other routes).
   * Defaults to `undefined`: every POST to the very path Express or Connect mounted the router on
   * (`app.use('/im/callback', router)`), otherwise every POST whose query carries any of Tencent's
   * parameters, in any form (`CallbackCommand[]=…` and `[Sign]=…` included).
   */
  path?: string | undefined;
  /**
   * Called once per answered request of a gate, after the reply is written, for metrics and audit
   * logs; narrow the report on `command`. What it throws is logged and never touches the reply.
   * Defaults to `undefined`.
   */
  onDecision?: ((report: DecisionReport) => void | PromiseLike<void>) | undefined;
}
