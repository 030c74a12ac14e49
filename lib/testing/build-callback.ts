import { OFFICIAL_ACCOUNT_COMMAND_PREFIX, BEFORE_ADD_SUBSCRIBER_COMMAND } from '../official-account/commands.js';
import type { OfficialAccountCommand } from '../official-account/commands.js';
import type { OfficialAccountEvents } from '../official-account/events.js';
import { OFFICIAL_ACCOUNT_EXAMPLES } from '../official-account/examples.js';
import { CALLBACK_COMMAND_PATTERN, REQUEST_TIME_PATTERN, type KnownOptPlatform } from '../protocol/constants.js';
import { computeSign } from '../protocol/sign.js';
import type { GenericEvent } from '../types.js';
import { CALLBACK_DEFAULTS } from './defaults.js';

/** What every built callback may set: the query Tencent sends and the clock. */
export interface CallbackRequestOptions {
  /**
   * The callback token your app is configured with. When given, the query carries `RequestTime`
   * and `Sign = hex(sha256(token + RequestTime))`, as Tencent sends them with authentication on;
   * give a different token to build a forged request. The token itself is never put in the result.
   * `false`, as the router's own `token: false`, builds an unsigned request.
   * Defaults to `undefined`: no `Sign` and no `RequestTime`, as with authentication off.
   */
  token?: string | false | undefined;
  /** `SdkAppid`: your app's SDKAppID. Defaults to `'1400000000'`. */
  sdkAppId?: string | number | undefined;
  /**
   * `RequestTime`, Unix time in seconds, e.g. an old one to test replay protection. Needs `token`.
   * Defaults to `undefined`: the current second of `now`.
   */
  requestTime?: number | string | undefined;
  /**
   * `EventTime` in the body, Unix time in milliseconds (an `EventTime` in `event` wins over it).
   * Defaults to `undefined`: `now()`.
   */
  eventTime?: number | undefined;
  /**
   * The clock, in milliseconds since the epoch, for `RequestTime` and `EventTime`: give the same
   * function you pass to the middleware's `now` in tests with a fixed clock.
   * Defaults to `Date.now`.
   */
  now?: (() => number) | undefined;
  /** `ClientIP`: the IP of the client that started the request. Defaults to `'127.0.0.1'`. */
  clientIP?: string | undefined;
  /** `OptPlatform`: the platform the request came from. Defaults to `'RESTAPI'`. */
  optPlatform?: KnownOptPlatform | (string & {}) | undefined;
  /**
   * The path (and optional query string of your own) the webhook is mounted on; Tencent's
   * parameters are appended to it. Defaults to `'/im/callback'`.
   */
  path?: string | undefined;
}

/** A BeforeAddSubscriber request built from its subscribers, as in the first versions of this helper. */
export interface SubscribersCallbackOptions extends CallbackRequestOptions {
  /** `OfficialAccount.CallbackBeforeAddSubscriber`, the only command built from `subscribers`. */
  command?: typeof BEFORE_ADD_SUBSCRIBER_COMMAND | undefined;
  /** The UserIDs Tencent is about to add, in order; each becomes one `SubscribeAccountList` entry. Required. */
  subscribers: readonly string[];
  /** `Official_Account`: the Official Account's ID. Defaults to `'@TOA#_test_for_penn'`. */
  officialAccount?: string | undefined;
  /** `Operator_Account`: the UserID that started the request. Defaults to `'107867'`. */
  operator?: string | undefined;
  event?: never;
}

/**
 * Fields of a body, each optional: a field given as `undefined` is left out of the body, so a test
 * can send a body without a field that Tencent's example has.
 */
export type EventFields<Event> = { [Field in keyof Event]?: Event[Field] | undefined };

/** A request for any command: its fields merged over the example of Tencent's documentation. */
export interface CommandCallbackOptions<Command extends string> extends CallbackRequestOptions {
  /**
   * The `CallbackCommand`: one of the 11 `OfficialAccount.*` commands, or a command of another
   * family such as `Group.CallbackAfterNewMemberJoin`. Required.
   */
  command: Command;
  /**
   * Fields of the body that differ from the example on Tencent's page for this command (for other
   * families, where this package has no example, the whole body). They replace the example's
   * fields of the same name, `EventTime` included; `CallbackCommand` is always `command`, whatever
   * this says. Defaults to `undefined`: Tencent's example as it is, with `EventTime` from `eventTime`.
   */
  event?: (Command extends OfficialAccountCommand ? EventFields<OfficialAccountEvents[Command]> : object) | undefined;
  subscribers?: never;
  officialAccount?: never;
  operator?: never;
}

/** What {@link buildCallback} needs: `subscribers` (BeforeAddSubscriber) or a `command`. */
export type BuildCallbackOptions = SubscribersCallbackOptions | CommandCallbackOptions<string>;

/** The query parameters of a built callback, in the order they appear in `path`. */
export interface SimulatedCallbackQuery {
  /** The app's SDKAppID, as digits. */
  SdkAppid: string;
  /** The command the request is for. */
  CallbackCommand: string;
  /** Always `json`. */
  contenttype: 'json';
  /** The IP of the client that started the request. */
  ClientIP: string;
  /** The platform the request came from. */
  OptPlatform: string;
  /** Present when a `token` was given: Unix time in seconds. */
  RequestTime?: string;
  /** Present when a `token` was given: hex(sha256(token + RequestTime)). */
  Sign?: string;
}

/** A complete callback request, ready to POST. */
export interface SimulatedCallback<Event = OfficialAccountEvents[typeof BEFORE_ADD_SUBSCRIBER_COMMAND]> {
  /** The path with every query parameter Tencent sends, e.g. `/im/callback?SdkAppid=…&Sign=…`. */
  path: string;
  /** The same query parameters as an object. */
  query: SimulatedCallbackQuery;
  /** The request body (the event) as an object. */
  body: Event;
  /** The request body as the JSON text Tencent sends. */
  json: string;
}

type EventOf<Command extends string> = Command extends OfficialAccountCommand
  ? OfficialAccountEvents[Command]
  : GenericEvent;

function fail(message: string): never {
  throw new TypeError(`buildCallback: ${message}`);
}

function isOfficialAccountCommand(command: string): command is OfficialAccountCommand {
  return Object.hasOwn(OFFICIAL_ACCOUNT_EXAMPLES, command);
}

function checkOptions(options: BuildCallbackOptions): void {
  // Typed as options, but JavaScript callers can pass anything.
  const given: unknown = options;
  if (typeof given !== 'object' || given === null) {
    fail("pass an options object, e.g. buildCallback({ subscribers: ['jared'] }) or buildCallback({ command }).");
  }
  const { command, event } = options as Partial<Record<'command' | 'event', unknown>>;
  if (options.subscribers !== undefined || command === undefined) checkSubscribersOptions(options);
  else checkCommandOptions(options);
  if (command !== undefined && (typeof command !== 'string' || !CALLBACK_COMMAND_PATTERN.test(command))) {
    fail('`command` must be a CallbackCommand such as OfficialAccount.CallbackBeforeSendMsg.');
  }
  if (
    typeof command === 'string' &&
    command.startsWith(OFFICIAL_ACCOUNT_COMMAND_PREFIX) &&
    !isOfficialAccountCommand(command)
  ) {
    fail(`${command} is not one of the 11 Official Account commands.`);
  }
  if (event !== undefined && (typeof event !== 'object' || event === null || Array.isArray(event))) {
    fail('`event` must be an object of body fields.');
  }
  checkSigningOptions(options);
}

/** The options of a BeforeAddSubscriber request built from `subscribers`. */
function checkSubscribersOptions(options: BuildCallbackOptions): void {
  const { subscribers, command, event } = options as Partial<Record<'subscribers' | 'command' | 'event', unknown>>;
  if (!Array.isArray(subscribers) || !subscribers.every((subscriber) => typeof subscriber === 'string')) {
    fail("`subscribers` must be an array of UserIDs, e.g. ['jared', 'leckie'] (or give a `command`).");
  }
  if (command !== undefined && command !== BEFORE_ADD_SUBSCRIBER_COMMAND) {
    fail(`\`subscribers\` builds ${BEFORE_ADD_SUBSCRIBER_COMMAND} only; for other commands give \`event\` instead.`);
  }
  // Either would be dropped without a word: one of them has to say what the body is.
  if (event !== undefined) {
    fail('give `subscribers` or `event`, not both: `event` can set SubscribeAccountList itself.');
  }
}

/** A request built from `command` and `event` has no use for the options of `subscribers`. */
function checkCommandOptions(options: BuildCallbackOptions): void {
  const { officialAccount, operator } = options as Partial<Record<'officialAccount' | 'operator', unknown>>;
  if (officialAccount !== undefined || operator !== undefined) {
    fail(
      '`officialAccount` and `operator` go with `subscribers`; with a `command`, set Official_Account and Operator_Account in `event`.',
    );
  }
}

function checkSigningOptions(options: BuildCallbackOptions): void {
  const { token, requestTime } = options as Partial<Record<'token' | 'requestTime', unknown>>;
  if (token !== undefined && token !== false && (typeof token !== 'string' || token === '')) {
    fail('`token` must be a non-empty string, or false (or left out) for an unsigned request.');
  }
  if (requestTime !== undefined) {
    if (token === undefined || token === false)
      fail('`requestTime` needs a `token`: Tencent sends RequestTime only with Sign.');
    if (
      (typeof requestTime !== 'string' && typeof requestTime !== 'number') ||
      !REQUEST_TIME_PATTERN.test(String(requestTime))
    ) {
      fail('`requestTime` must be Unix time in whole seconds, e.g. 1669872112.');
    }
  }
}

function withQuery(path: string, query: SimulatedCallbackQuery): string {
  const search = new URLSearchParams(Object.entries(query)).toString();
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

/** The fields with a value: `undefined` leaves a field out, as JSON.stringify would. */
function withoutUndefined(fields: object): object {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function bodyFor(options: BuildCallbackOptions, command: string, eventTime: number): object {
  if (options.subscribers !== undefined) {
    return {
      CallbackCommand: command,
      Official_Account: options.officialAccount ?? CALLBACK_DEFAULTS.officialAccount,
      Operator_Account: options.operator ?? CALLBACK_DEFAULTS.operator,
      SubscribeAccountList: options.subscribers.map((subscriber) => ({ Subscriber_Account: subscriber })),
      EventTime: eventTime,
    };
  }
  // A cloned example keeps Tencent's field order; `CallbackCommand` is also first in a body of
  // another family, as in every body Tencent sends, and last in the spread so `event` cannot change it.
  const example: object = isOfficialAccountCommand(command)
    ? structuredClone(OFFICIAL_ACCOUNT_EXAMPLES[command])
    : { CallbackCommand: command };
  return withoutUndefined({ ...example, EventTime: eventTime, ...options.event, CallbackCommand: command });
}

/**
 * Builds the request Tencent sends for a callback: the path with every query parameter (signed
 * when `token` is given) and the JSON body. Give `subscribers` for a BeforeAddSubscriber request,
 * or a `command` and the `event` fields that differ from Tencent's example. Send `json` (or `body`)
 * as a POST to `path`, with supertest or fetch.
 */
export function buildCallback<Command extends string>(
  options: CommandCallbackOptions<Command>,
): SimulatedCallback<EventOf<Command>>;
export function buildCallback(options: SubscribersCallbackOptions): SimulatedCallback;
export function buildCallback(options: BuildCallbackOptions): SimulatedCallback<unknown>;
export function buildCallback(options: BuildCallbackOptions): SimulatedCallback<unknown> {
  checkOptions(options);
  const nowMs = (options.now ?? Date.now)();
  const command = options.command ?? BEFORE_ADD_SUBSCRIBER_COMMAND;

  const query: SimulatedCallbackQuery = {
    SdkAppid: String(options.sdkAppId ?? CALLBACK_DEFAULTS.sdkAppId),
    CallbackCommand: command,
    contenttype: 'json',
    ClientIP: options.clientIP ?? CALLBACK_DEFAULTS.clientIP,
    OptPlatform: options.optPlatform ?? CALLBACK_DEFAULTS.optPlatform,
  };
  if (options.token !== undefined && options.token !== false) {
    const requestTime = String(options.requestTime ?? Math.floor(nowMs / 1000));
    query.RequestTime = requestTime;
    query.Sign = computeSign(options.token, requestTime);
  }
  const body = bodyFor(options, command, options.eventTime ?? nowMs);
  return {
    path: withQuery(options.path ?? CALLBACK_DEFAULTS.path, query),
    query,
    body,
    json: JSON.stringify(body),
  };
}
