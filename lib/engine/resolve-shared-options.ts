import type { SharedOptions } from '../options.js';
import { SDK_APP_ID_MAX, TENCENT_WAIT_MS } from '../protocol/constants.js';
import type { Logger } from '../types.js';
import { SHARED_OPTIONS } from './option-table.js';
import { isThenable } from './thenable.js';
import { quoted } from './log-lines.js';

/** Which factory the options were given to: the prefix of its messages. */
export type EntryName = 'beforeAddSubscriber' | 'callbackRouter';

/** The options every command shares, after defaults and checks. */
export interface SharedConfig {
  entry: EntryName;
  tokens: readonly string[];
  sdkAppId: string | undefined;
  toleranceMs: number;
  timeoutMs: number;
  bodyLimitBytes: number;
  refusalLogIntervalMs: number;
  logger: Logger;
  loggerGiven: boolean;
  /** Where one-time warnings go: the user's logger, or `console.warn` when none was given. */
  warn: (message: string) => void;
  now: () => number;
}

const LOGGER_METHODS = ['debug', 'info', 'warn', 'error'] as const;

// setTimeout fires at once for delays above this, which would time out every request.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

function ignore(): undefined {
  return undefined;
}

const SILENT_LOGGER: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** What an option error says it got: the value, cut to 100 characters, or only its kind for objects. */
export function describeOptionValue(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/**
 * Throws the TypeError of an impossible option, prefixed with whose option it is, and ending with
 * the value it got when one is given (never give a token's).
 */
export function misconfigured(where: string, message: string, ...got: [value?: unknown]): never {
  throw new TypeError(`${where}: ${message}${got.length > 0 ? ` Got ${describeOptionValue(got[0])}.` : ''}`);
}

export function isFunction(value: unknown): value is (...args: never[]) => unknown {
  return typeof value === 'function';
}

/** Checks a positive number (or integer) option; `undefined` gives the fallback. */
export function resolvePositive(
  where: string,
  name: string,
  value: unknown,
  fallback: number,
  integer: boolean,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    misconfigured(
      where,
      `\`${name}\` must be a positive ${integer ? 'integer' : 'number'}; it defaults to ${fallback}.`,
      value,
    );
  }
  return value;
}

/** Checks a duration in milliseconds that may be 0 and feeds a timer; `undefined` gives the fallback. */
function resolveInterval(where: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > LONGEST_TIMER_MS) {
    misconfigured(
      where,
      `\`${name}\` must be a number from 0 to ${LONGEST_TIMER_MS} (milliseconds); it defaults to ${fallback}.`,
      value,
    );
  }
  return value;
}

/** Checks a `timeoutMs`, shared or per command. */
export function resolveTimeout(where: string, value: unknown, fallback: number): number {
  const timeoutMs = resolvePositive(where, 'timeoutMs', value, fallback, false);
  if (timeoutMs > LONGEST_TIMER_MS) {
    misconfigured(
      where,
      `\`timeoutMs\` must be at most ${LONGEST_TIMER_MS}; Tencent waits ${TENCENT_WAIT_MS}.`,
      timeoutMs,
    );
  }
  return timeoutMs;
}

/** Warns once when a deadline leaves Tencent no time to read the reply. */
export function warnAboutLongTimeout(config: SharedConfig, where: string, timeoutMs: number): void {
  if (timeoutMs >= TENCENT_WAIT_MS) {
    config.warn(
      `${where}: timeoutMs ${timeoutMs} is not below Tencent's ${TENCENT_WAIT_MS} ms wait, ` +
        'so Tencent may give up before the reply and apply its console policy instead.',
    );
  }
}

/** Checks an optional function option. */
export function resolveOptionalFunction<F extends (...args: never[]) => unknown>(
  where: string,
  name: string,
  value: F | undefined,
): F | undefined {
  if (value !== undefined && !isFunction(value)) misconfigured(where, `\`${name}\` must be a function.`, value);
  return value;
}

function resolveTokens(where: string, token: unknown): readonly string[] {
  // `undefined` is what an unset environment variable gives: authentication must not quietly go away.
  if (token === undefined) {
    misconfigured(
      where,
      '`token` is required: pass the callback token from the Chat console (Callback configuration), ' +
        'e.g. `token: process.env.IM_CALLBACK_TOKEN`, or `token: false` to accept unsigned callbacks ' +
        'when authentication is off in the console.',
    );
  }
  if (token === false) return [];
  const tokens: unknown[] = Array.isArray(token) ? token : [token];
  if (tokens.length === 0)
    misconfigured(where, '`token` is an empty array: give at least one token, or `false` for none.');
  for (const each of tokens) {
    // The token itself is never shown, only what kind of value it is.
    if (typeof each !== 'string' || each.trim() === '') {
      misconfigured(
        where,
        '`token` must be the non-empty callback token from the Chat console (or an array of them). ' +
          `Got ${typeof each === 'string' ? 'an empty or blank string' : describeKind(each)}.`,
      );
    }
    if (each !== each.trim()) {
      misconfigured(
        where,
        '`token` has leading or trailing whitespace (a newline at the end of a secret file, say), so no Sign ' +
          'would ever match: trim it, e.g. `token: process.env.IM_CALLBACK_TOKEN?.trim()`.',
      );
    }
  }
  return Object.freeze([...(tokens as string[])]);
}

/** A value's kind, for messages that must not show the value itself. */
function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function resolveSdkAppId(where: string, sdkAppId: unknown, warn: (message: string) => void): string | undefined {
  if (sdkAppId === undefined) return undefined;
  // What `sdkAppId: process.env.IM_SDKAPPID` gives when the variable is set but empty.
  if (sdkAppId === '') {
    warn(
      `${where}: \`sdkAppId\` is an empty string (an environment variable set but empty?), so it is ignored and any SdkAppid is accepted.`,
    );
    return undefined;
  }
  const text = typeof sdkAppId === 'number' ? String(sdkAppId) : sdkAppId;
  // Digits without a leading zero, as Tencent writes SdkAppid in the query: anything else never matches.
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > SDK_APP_ID_MAX) {
    misconfigured(
      where,
      `\`sdkAppId\` must be your app's SDKAppID from the Chat console, an integer from 1 to ${SDK_APP_ID_MAX} ` +
        'without leading zeros, e.g. 1400000000 or "1400000000".',
      sdkAppId,
    );
  }
  return text;
}

function resolveLogger(where: string, logger: unknown): Logger {
  if (logger === undefined) return SILENT_LOGGER;
  if (typeof logger !== 'object' || logger === null) {
    misconfigured(
      where,
      '`logger` must be an object with debug, info, warn and error methods (console, pino, winston).',
      logger,
    );
  }
  const methods = logger as Partial<Record<(typeof LOGGER_METHODS)[number], unknown>>;
  const resolved = { ...SILENT_LOGGER };
  for (const method of LOGGER_METHODS) {
    const fn = methods[method];
    if (fn === undefined) continue;
    if (!isFunction(fn)) misconfigured(where, `\`logger.${method}\` must be a function.`, fn);
    resolved[method] = (message, ...details) => {
      // Called on the logger itself, because pino and winston methods need their own `this`;
      // guarded, because a broken logger must not break the reply to Tencent: neither a throw nor
      // a rejected promise (an async transport) may escape.
      try {
        const returned: unknown = Reflect.apply(fn, logger, [message, ...details]);
        if (isThenable(returned)) Promise.resolve(returned).catch(ignore);
      } catch {
        // Nothing sensible is left to report it to.
      }
    };
  }
  return resolved;
}

function looksLikeRequest(value: object): boolean {
  return 'method' in value && 'headers' in value && 'url' in value;
}

/**
 * Checks that the options are an object and not a request (a factory mounted without being
 * called), with a hint of how it should be called.
 */
export function checkOptionsObject(entry: EntryName, options: unknown, usage: string): asserts options is object {
  if (typeof options !== 'object' || options === null)
    misconfigured(entry, `pass an options object: ${usage}.`, options);
  if (looksLikeRequest(options)) misconfigured(entry, `it was mounted without being called: use app.use(${usage}).`);
}

/**
 * Checks the options every command shares, once, at creation, and fills in the defaults. The
 * token is checked last, so that a table of other mistakes is not hidden behind the one about it.
 */
export function resolveSharedOptions(entry: EntryName, options: SharedOptions): SharedConfig {
  const logger = resolveLogger(entry, options.logger);
  const loggerGiven = options.logger !== undefined;
  const warn = loggerGiven ? (message: string) => logger.warn(message) : (message: string) => console.warn(message);
  const config: SharedConfig = {
    entry,
    sdkAppId: resolveSdkAppId(entry, options.sdkAppId, warn),
    toleranceMs:
      resolvePositive(
        entry,
        'requestTimeToleranceSeconds',
        options.requestTimeToleranceSeconds,
        SHARED_OPTIONS.requestTimeToleranceSeconds.default,
        false,
      ) * 1000,
    timeoutMs: resolveTimeout(entry, options.timeoutMs, SHARED_OPTIONS.timeoutMs.default),
    bodyLimitBytes: resolvePositive(
      entry,
      'bodyLimitBytes',
      options.bodyLimitBytes,
      SHARED_OPTIONS.bodyLimitBytes.default,
      true,
    ),
    refusalLogIntervalMs: resolveInterval(
      entry,
      'refusalLogIntervalMs',
      options.refusalLogIntervalMs,
      SHARED_OPTIONS.refusalLogIntervalMs.default,
    ),
    logger,
    loggerGiven,
    warn,
    now: resolveOptionalFunction(entry, 'now', options.now) ?? SHARED_OPTIONS.now.default,
    tokens: resolveTokens(entry, options.token),
  };
  if (config.tokens.length === 0) {
    config.warn(
      `${entry}: \`token: false\`, so requests are not authenticated; anyone who finds ` +
        'the URL can call it. Set a callback token in the Chat console and pass it as `token`.',
    );
  }
  warnAboutLongTimeout(config, entry, config.timeoutMs);
  return config;
}

/** Warns once about options nobody reads: a misspelt option must not silently do nothing. */
export function warnAboutUnknownOptions(
  config: SharedConfig,
  where: string,
  options: object,
  known: readonly string[],
): void {
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    config.warn(`${where}: unknown option(s) ${unknown.join(', ')} ignored; check the spelling.`);
  }
}
