import { definitionOf } from '../commands/index.js';
import type { CallbackCommand, CallbackEvents, OfficialAccountBeforeAddSubscriberEvent } from '../generated/events.js';
import { CALLBACK_COMMAND_PATTERN, REQUEST_TIME_PATTERN, type KnownOptPlatform } from '../protocol/constants.js';
import { computeSign } from '../protocol/sign.js';
import type { GenericEvent } from '../types.js';
import { lookUpCommand, typoMessage } from './command-lookup.js';
import { CALLBACK_DEFAULTS } from './defaults.js';

/** The only command built from `subscribers`. */
const BEFORE_ADD_SUBSCRIBER = definitionOf('OfficialAccount.CallbackBeforeAddSubscriber', 'list-gate');

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
   * `EventTime` in the body, Unix time in milliseconds (an `EventTime` in `event` wins over it). It
   * is written in the form of Tencent's example: a string of digits for the commands whose example
   * writes one (most `Group.*` commands), a number otherwise. Only for a command whose body has an
   * `EventTime` (and a command this package does not know): giving it for another (such as
   * `C2C.CallbackBeforeSendMsg`, or `Push.*`, whose events carry their own) throws a `TypeError`.
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
  command?: 'OfficialAccount.CallbackBeforeAddSubscriber' | undefined;
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
   * The `CallbackCommand`: any of the 61 commands Tencent sends to the callback URL (such as
   * `C2C.CallbackBeforeSendMsg` or `Group.CallbackAfterNewMemberJoin`), or one of a family this
   * package does not know. A misspelt command of a known family throws a `TypeError` naming the
   * closest one. Required.
   */
  command: Command;
  /**
   * Fields of the body that differ from the example on Tencent's page for this command (for a
   * command of a family this package does not know, which has no example, the whole body). They
   * replace the example's fields of the same name, `EventTime` included. `CallbackCommand` is
   * always `command`, whatever this says; a body Tencent sends without one
   * (`ContentCallback.ResultNotify`, `Push.*`) stays without one.
   * Defaults to `undefined`: Tencent's example as it is, with `EventTime` from `eventTime`.
   */
  event?: (Command extends CallbackCommand ? EventFields<CallbackEvents[Command]> : object) | undefined;
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

/**
 * A complete callback request, ready to POST. `Event` is the body's type: the command's event
 * (`CallbackEvents[Command]`), `GenericEvent` for a command this package does not know.
 */
export interface SimulatedCallback<Event = OfficialAccountBeforeAddSubscriberEvent> {
  /** The path with every query parameter Tencent sends, e.g. `/im/callback?SdkAppid=…&Sign=…`. */
  path: string;
  /** The same query parameters as an object. */
  query: SimulatedCallbackQuery;
  /** The request body (the event) as an object. */
  body: Event;
  /** The request body as the JSON text Tencent sends. */
  json: string;
}

/** The body's type for a command: its event, or any object for a command this package does not know. */
type EventOf<Command extends string> = Command extends CallbackCommand ? CallbackEvents[Command] : GenericEvent;

function fail(message: string): never {
  throw new TypeError(`buildCallback: ${message}`);
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
  if (typeof command === 'string') checkKnownCommand(command, options.eventTime);
  if (event !== undefined && (typeof event !== 'object' || event === null || Array.isArray(event))) {
    fail('`event` must be an object of body fields.');
  }
  checkSigningOptions(options);
}

/** A misspelt command of a known family, or an `eventTime` for a body that has no `EventTime`. */
function checkKnownCommand(command: string, eventTime: unknown): void {
  const lookup = lookUpCommand(command);
  if (lookup.status === 'typo') fail(typoMessage(command, lookup));
  if (lookup.status === 'known' && eventTime !== undefined && !hasEventTime(lookup.definition.example)) {
    fail(
      `\`eventTime\`: the body of ${command} has no EventTime (Tencent's example has none); ` +
        'set the fields you want in `event`.',
    );
  }
}

/** The options of a BeforeAddSubscriber request built from `subscribers`. */
function checkSubscribersOptions(options: BuildCallbackOptions): void {
  const { subscribers, command, event } = options as Partial<Record<'subscribers' | 'command' | 'event', unknown>>;
  if (!Array.isArray(subscribers) || !subscribers.every((subscriber) => typeof subscriber === 'string')) {
    fail("`subscribers` must be an array of UserIDs, e.g. ['jared', 'leckie'] (or give a `command`).");
  }
  if (command !== undefined && command !== BEFORE_ADD_SUBSCRIBER.command) {
    fail(`\`subscribers\` builds ${BEFORE_ADD_SUBSCRIBER.command} only; for other commands give \`event\` instead.`);
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

function hasEventTime(example: unknown): boolean {
  return Object.hasOwn(example as object, 'EventTime');
}

/**
 * Tencent's example for a command of the registry, with `EventTime` in the example's own form, and
 * `event` over it. A clone keeps the example's field order and leaves the registry untouched.
 */
function exampleBody(example: unknown, options: CommandCallbackOptions<string>, eventTime: number): object {
  const body = structuredClone(example) as Record<string, unknown>;
  if (hasEventTime(body)) body['EventTime'] = typeof body['EventTime'] === 'string' ? String(eventTime) : eventTime;
  const hasCommand = Object.hasOwn(body, 'CallbackCommand');
  const { CallbackCommand: _ignored, ...fields } = (options.event ?? {}) as Record<string, unknown>;
  // Assigned after the spread, `CallbackCommand` keeps the example's place in the field order.
  return withoutUndefined({ ...body, ...fields, ...(hasCommand ? { CallbackCommand: options.command } : {}) });
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
  const lookup = lookUpCommand(command);
  if (lookup.status === 'known') return exampleBody(lookup.definition.example, options, eventTime);
  // A family this package does not know: no example. `CallbackCommand` comes first, as in every
  // body Tencent sends, and last in the spread so `event` cannot change it.
  const head = { CallbackCommand: command, EventTime: eventTime };
  return withoutUndefined({ ...head, ...options.event, CallbackCommand: command });
}

/**
 * Builds the request Tencent sends for a callback: the path with every query parameter (signed
 * when `token` is given) and the JSON body. Give `subscribers` for a BeforeAddSubscriber request,
 * or a `command` (any of the 61) and the `event` fields that differ from Tencent's example. Send
 * `json` (or `body`) as a POST to `path`, with supertest or fetch.
 */
export function buildCallback(options: SubscribersCallbackOptions): SimulatedCallback;
// Options typed as the union, or a command this package does not know. A command of the registry
// written out fails here and goes to the last signature, which types its `event` (and whose error
// a mistake in `event` then shows).
export function buildCallback<const Options extends BuildCallbackOptions>(
  options: Options & (Options extends { command: CallbackCommand } ? never : unknown),
): SimulatedCallback<GenericEvent>;
export function buildCallback<Command extends string>(
  options: CommandCallbackOptions<Command>,
): SimulatedCallback<EventOf<Command>>;
export function buildCallback(options: BuildCallbackOptions): SimulatedCallback<unknown> {
  checkOptions(options);
  const nowMs = (options.now ?? Date.now)();
  const command = options.command ?? BEFORE_ADD_SUBSCRIBER.command;

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
