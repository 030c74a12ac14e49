import type { BeforeAddSubscriberOptions } from './options.js';
import { SDK_APP_ID_MAX, TENCENT_WAIT_MS } from './protocol.js';
import type {
  DecideSubscriber,
  DecideSubscriberBatch,
  DecisionContext,
  DecisionReport,
  Logger,
  RejectRequest,
} from './types.js';

export const DEFAULTS = {
  requestTimeToleranceSeconds: 60,
  timeoutMs: 1500,
  onTimeout: 'refuse',
  onError: 'refuse',
  concurrency: 8,
  bodyLimitBytes: 64 * 1024,
} as const;

export type Decider =
  { kind: 'each'; decide: DecideSubscriber } | { kind: 'batch'; decideBatch: DecideSubscriberBatch };

/** The options after defaults and checks: what the middleware runs on. */
export interface ResolvedConfig {
  decider: Decider;
  tokens: readonly string[];
  sdkAppId: string | undefined;
  toleranceMs: number;
  timeoutMs: number;
  allowOnTimeout: boolean;
  /** Anything but `true` from a user's function refuses. */
  allowOnError: (error: unknown, subscriber: string, context: DecisionContext) => unknown;
  concurrency: number;
  bodyLimitBytes: number;
  rejectRequest: RejectRequest | undefined;
  logger: Logger;
  loggerGiven: boolean;
  /** Where one-time warnings go: the user's logger, or `console.warn` when none was given. */
  warn: (message: string) => void;
  onDecision: ((report: DecisionReport) => void | Promise<void>) | undefined;
  now: () => number;
}

const KNOWN_OPTIONS = new Set([
  'decide',
  'decideBatch',
  'token',
  'sdkAppId',
  'requestTimeToleranceSeconds',
  'timeoutMs',
  'onTimeout',
  'onError',
  'concurrency',
  'bodyLimitBytes',
  'rejectRequest',
  'logger',
  'onDecision',
  'now',
]);

const LOGGER_METHODS = ['debug', 'info', 'warn', 'error'] as const;

function ignore(): undefined {
  return undefined;
}

const SILENT_LOGGER: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

function fail(message: string): never {
  throw new TypeError(`beforeAddSubscriber: ${message}`);
}

function isFunction(value: unknown): value is (...args: never[]) => unknown {
  return typeof value === 'function';
}

function looksLikeRequest(value: object): boolean {
  return 'method' in value && 'headers' in value && 'url' in value;
}

function resolveDecider(options: BeforeAddSubscriberOptions): Decider {
  const { decide, decideBatch } = options as { decide?: unknown; decideBatch?: unknown };
  if (decide !== undefined && decideBatch !== undefined) {
    fail('give either `decide` or `decideBatch`, not both.');
  }
  if (decide !== undefined) {
    if (!isFunction(decide)) fail('`decide` must be a function (subscriber, context) => boolean.');
    return { kind: 'each', decide: decide as DecideSubscriber };
  }
  if (decideBatch !== undefined) {
    if (!isFunction(decideBatch)) {
      fail('`decideBatch` must be a function (subscribers, context) => refused UserIDs.');
    }
    return { kind: 'batch', decideBatch: decideBatch as DecideSubscriberBatch };
  }
  return fail(
    'a decision function is required: pass `decide: (subscriber, context) => boolean` ' +
      'or `decideBatch: (subscribers, context) => refused UserIDs`.',
  );
}

function resolveTokens(token: unknown): readonly string[] {
  // `undefined` is what an unset environment variable gives: authentication must not quietly go away.
  if (token === undefined) {
    fail(
      '`token` is required: pass the callback token from the Chat console (Callback configuration), ' +
        'e.g. `token: process.env.IM_CALLBACK_TOKEN`, or `token: false` to accept unsigned callbacks ' +
        'when authentication is off in the console.',
    );
  }
  if (token === false) return [];
  const tokens: unknown[] = Array.isArray(token) ? token : [token];
  if (tokens.length === 0) fail('`token` is an empty array: give at least one token, or `false` for none.');
  for (const each of tokens) {
    if (typeof each !== 'string' || each.trim() === '') {
      fail('`token` must be the non-empty callback token from the Chat console (or an array of them).');
    }
  }
  return Object.freeze([...(tokens as string[])]);
}

function resolveSdkAppId(sdkAppId: unknown): string | undefined {
  if (sdkAppId === undefined) return undefined;
  const text = typeof sdkAppId === 'number' ? String(sdkAppId) : sdkAppId;
  // Digits without a leading zero, as Tencent writes SdkAppid in the query: anything else never matches.
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > SDK_APP_ID_MAX) {
    fail(
      `\`sdkAppId\` must be your app's SDKAppID from the Chat console, an integer from 1 to ${SDK_APP_ID_MAX} ` +
        'without leading zeros, e.g. 1400000000 or "1400000000".',
    );
  }
  return text;
}

function resolvePositive(name: string, value: unknown, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    fail(`\`${name}\` must be a positive ${integer ? 'integer' : 'number'}; it defaults to ${fallback}.`);
  }
  return value;
}

// setTimeout fires at once for delays above this, which would time out every request.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

function resolveTimeout(value: number | undefined): number {
  const timeoutMs = resolvePositive('timeoutMs', value, DEFAULTS.timeoutMs, false);
  if (timeoutMs > LONGEST_TIMER_MS)
    fail(`\`timeoutMs\` must be at most ${LONGEST_TIMER_MS}; Tencent waits ${TENCENT_WAIT_MS}.`);
  return timeoutMs;
}

function resolvePolicy(name: 'onTimeout' | 'onError', value: unknown): 'refuse' | 'allow' {
  if (value === undefined) return DEFAULTS[name];
  if (value !== 'refuse' && value !== 'allow') fail(`\`${name}\` must be 'refuse' or 'allow'.`);
  return value;
}

function resolveErrorPolicy(value: unknown): ResolvedConfig['allowOnError'] {
  if (isFunction(value)) return value as ResolvedConfig['allowOnError'];
  const allow = resolvePolicy('onError', value) === 'allow';
  return () => allow;
}

function resolveLogger(logger: unknown): Logger {
  if (logger === undefined) return SILENT_LOGGER;
  if (typeof logger !== 'object' || logger === null) {
    fail('`logger` must be an object with debug, info, warn and error methods (console, pino, winston).');
  }
  const methods = logger as Partial<Record<(typeof LOGGER_METHODS)[number], unknown>>;
  const resolved = { ...SILENT_LOGGER };
  for (const method of LOGGER_METHODS) {
    const fn = methods[method];
    if (fn === undefined) continue;
    if (!isFunction(fn)) fail(`\`logger.${method}\` must be a function.`);
    resolved[method] = (message, ...details) => {
      // Called on the logger itself, because pino and winston methods need their own `this`;
      // guarded, because a broken logger must not break the reply to Tencent.
      try {
        Reflect.apply(fn, logger, [message, ...details]);
      } catch {
        // Nothing sensible is left to report it to.
      }
    };
  }
  return resolved;
}

function resolveOptionalFunction<F extends (...args: never[]) => unknown>(
  name: string,
  value: F | undefined,
): F | undefined {
  if (value !== undefined && !isFunction(value)) fail(`\`${name}\` must be a function.`);
  return value;
}

/** Checks the user's options once, at creation, and fills in the defaults. */
export function resolveOptions(options: BeforeAddSubscriberOptions): ResolvedConfig {
  // Typed as options, but JavaScript callers can pass anything.
  const given: unknown = options;
  if (typeof given !== 'object' || given === null) {
    fail('pass an options object with a `decide` function: beforeAddSubscriber({ decide }).');
  }
  if (looksLikeRequest(options)) {
    fail('it was mounted without being called: use app.use(beforeAddSubscriber({ decide })).');
  }
  const decider = resolveDecider(options);
  const logger = resolveLogger(options.logger);
  const loggerGiven = options.logger !== undefined;

  const config: ResolvedConfig = {
    decider,
    sdkAppId: resolveSdkAppId(options.sdkAppId),
    toleranceMs:
      resolvePositive(
        'requestTimeToleranceSeconds',
        options.requestTimeToleranceSeconds,
        DEFAULTS.requestTimeToleranceSeconds,
        false,
      ) * 1000,
    timeoutMs: resolveTimeout(options.timeoutMs),
    allowOnTimeout: resolvePolicy('onTimeout', options.onTimeout) === 'allow',
    allowOnError: resolveErrorPolicy(options.onError),
    concurrency: resolvePositive('concurrency', options.concurrency, DEFAULTS.concurrency, true),
    bodyLimitBytes: resolvePositive('bodyLimitBytes', options.bodyLimitBytes, DEFAULTS.bodyLimitBytes, true),
    rejectRequest: resolveOptionalFunction('rejectRequest', options.rejectRequest),
    logger,
    loggerGiven,
    warn: loggerGiven ? (message) => logger.warn(message) : (message) => console.warn(message),
    onDecision: resolveOptionalFunction('onDecision', options.onDecision),
    now: resolveOptionalFunction('now', options.now) ?? Date.now,
    // Last, so that a table of other mistakes is not hidden behind the one about the token.
    tokens: resolveTokens(options.token),
  };

  warnAboutSuspiciousOptions(options, config);
  return config;
}

function warnAboutSuspiciousOptions(options: object, config: ResolvedConfig): void {
  const unknown = Object.keys(options).filter((key) => !KNOWN_OPTIONS.has(key));
  if (unknown.length > 0) {
    config.warn(`beforeAddSubscriber: unknown option(s) ${unknown.join(', ')} ignored; check the spelling.`);
  }
  if (config.tokens.length === 0) {
    config.warn(
      'beforeAddSubscriber: `token: false`, so requests are not authenticated; anyone who finds ' +
        'the URL can call it. Set a callback token in the Chat console and pass it as `token`.',
    );
  }
  if (config.timeoutMs >= TENCENT_WAIT_MS) {
    config.warn(
      `beforeAddSubscriber: timeoutMs ${config.timeoutMs} is not below Tencent's ${TENCENT_WAIT_MS} ms wait, ` +
        'so Tencent may give up before the reply and apply its console policy instead.',
    );
  }
}
