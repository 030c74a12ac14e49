import { REQUEST_TIME_PATTERN } from '../protocol.js';
import { computeSign } from '../sign.js';
import { BEFORE_ADD_SUBSCRIBER_COMMAND, type BeforeAddSubscriberEvent, type KnownOptPlatform } from '../types.js';
import { CALLBACK_DEFAULTS } from './defaults.js';

/** What {@link buildCallback} needs: the subscribers, and whatever should differ from Tencent's example. */
export interface BuildCallbackOptions {
  /** The UserIDs Tencent is about to add, in order; each becomes one `SubscribeAccountList` entry. Required. */
  subscribers: readonly string[];
  /** `Official_Account`: the Official Account's ID. Defaults to `'@TOA#_test_for_penn'`. */
  officialAccount?: string | undefined;
  /** `Operator_Account`: the UserID that started the request. Defaults to `'107867'`. */
  operator?: string | undefined;
  /**
   * The callback token your app is configured with. When given, the query carries `RequestTime`
   * and `Sign = hex(sha256(token + RequestTime))`, as Tencent sends them with authentication on;
   * give a different token to build a forged request. The token itself is never put in the result.
   * Defaults to `undefined`: no `Sign` and no `RequestTime`, as with authentication off.
   */
  token?: string | undefined;
  /** `SdkAppid`: your app's SDKAppID. Defaults to `'1400000000'`. */
  sdkAppId?: string | number | undefined;
  /**
   * `RequestTime`, Unix time in seconds, e.g. an old one to test replay protection. Needs `token`.
   * Defaults to `undefined`: the current second of `now`.
   */
  requestTime?: number | string | undefined;
  /** `EventTime` in the body, Unix time in milliseconds. Defaults to `undefined`: `now()`. */
  eventTime?: number | undefined;
  /**
   * The clock, in milliseconds since the epoch, for `RequestTime` and `EventTime`: give the same
   * function you pass to `beforeAddSubscriber({ now })` in tests with a fixed clock.
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

/** The query parameters of a built callback, in the order they appear in `path`. */
export interface SimulatedCallbackQuery {
  /** The app's SDKAppID, as digits. */
  SdkAppid: string;
  /** Always `OfficialAccount.CallbackBeforeAddSubscriber`. */
  CallbackCommand: typeof BEFORE_ADD_SUBSCRIBER_COMMAND;
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

/** A complete `OfficialAccount.CallbackBeforeAddSubscriber` request, ready to POST. */
export interface SimulatedCallback {
  /** The path with every query parameter Tencent sends, e.g. `/im/callback?SdkAppid=…&Sign=…`. */
  path: string;
  /** The same query parameters as an object. */
  query: SimulatedCallbackQuery;
  /** The request body (the event) as an object. */
  body: BeforeAddSubscriberEvent;
  /** The request body as the JSON text Tencent sends. */
  json: string;
}

function checkOptions(options: BuildCallbackOptions): void {
  // Typed as options, but JavaScript callers can pass anything.
  const given: unknown = options;
  if (typeof given !== 'object' || given === null) {
    throw new TypeError("buildCallback: pass an options object, e.g. buildCallback({ subscribers: ['jared'] }).");
  }
  const { subscribers, token, requestTime } = options;
  if (!Array.isArray(subscribers) || !subscribers.every((subscriber) => typeof subscriber === 'string')) {
    throw new TypeError("buildCallback: `subscribers` must be an array of UserIDs, e.g. ['jared', 'leckie'].");
  }
  if (token !== undefined && (typeof token !== 'string' || token === '')) {
    throw new TypeError('buildCallback: `token` must be a non-empty string, or left out for an unsigned request.');
  }
  if (requestTime !== undefined) {
    if (token === undefined) {
      throw new TypeError('buildCallback: `requestTime` needs a `token`: Tencent sends RequestTime only with Sign.');
    }
    if (!REQUEST_TIME_PATTERN.test(String(requestTime))) {
      throw new TypeError('buildCallback: `requestTime` must be Unix time in whole seconds, e.g. 1669872112.');
    }
  }
}

function withQuery(path: string, query: SimulatedCallbackQuery): string {
  const search = new URLSearchParams(Object.entries(query)).toString();
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

/**
 * Builds the request Tencent sends before subscribers are added: the path with every query
 * parameter (signed when `token` is given) and the JSON body. Send `json` (or `body`) as a POST
 * to `path`, with supertest or fetch.
 */
export function buildCallback(options: BuildCallbackOptions): SimulatedCallback {
  checkOptions(options);
  const nowMs = (options.now ?? Date.now)();

  const query: SimulatedCallbackQuery = {
    SdkAppid: String(options.sdkAppId ?? CALLBACK_DEFAULTS.sdkAppId),
    CallbackCommand: BEFORE_ADD_SUBSCRIBER_COMMAND,
    contenttype: 'json',
    ClientIP: options.clientIP ?? CALLBACK_DEFAULTS.clientIP,
    OptPlatform: options.optPlatform ?? CALLBACK_DEFAULTS.optPlatform,
  };
  if (options.token !== undefined) {
    const requestTime = String(options.requestTime ?? Math.floor(nowMs / 1000));
    query.RequestTime = requestTime;
    query.Sign = computeSign(options.token, requestTime);
  }

  const body: BeforeAddSubscriberEvent = {
    CallbackCommand: BEFORE_ADD_SUBSCRIBER_COMMAND,
    Official_Account: options.officialAccount ?? CALLBACK_DEFAULTS.officialAccount,
    Operator_Account: options.operator ?? CALLBACK_DEFAULTS.operator,
    SubscribeAccountList: options.subscribers.map((subscriber) => ({ Subscriber_Account: subscriber })),
    EventTime: options.eventTime ?? nowMs,
  };

  return {
    path: withQuery(options.path ?? CALLBACK_DEFAULTS.path, query),
    query,
    body,
    json: JSON.stringify(body),
  };
}
