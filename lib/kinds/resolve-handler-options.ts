import { POLICY_OPTIONS } from '../engine/option-table.js';
import {
  isFunction,
  misconfigured,
  resolveTimeout,
  warnAboutLongTimeout,
  warnAboutUnknownOptions,
  type SharedConfig,
} from '../engine/resolve-shared-options.js';

/** A `'refuse' | 'allow'` policy; `undefined` gives the default. */
export function resolvePolicy(where: string, name: 'onTimeout' | 'onError', value: unknown): 'refuse' | 'allow' {
  if (value === undefined) return POLICY_OPTIONS[name].default;
  if (value !== 'refuse' && value !== 'allow') {
    misconfigured(
      where,
      `\`${name}\` must be 'refuse' or 'allow'${name === 'onError' ? ', or a function' : ''}.`,
      value,
    );
  }
  return value;
}

/** An `onError` that is a policy or a function; the result is called with the failure's details. */
export function resolveErrorPolicy(where: string, value: unknown): (...args: unknown[]) => unknown {
  if (isFunction(value)) return value as (...args: unknown[]) => unknown;
  const allow = resolvePolicy(where, 'onError', value) === 'allow';
  return () => allow;
}

/** A command's own `timeoutMs`, or the shared one; warned about once when it leaves Tencent no time. */
export function resolveCommandTimeout(config: SharedConfig, where: string, value: unknown): number {
  // beforeAddSubscriber's options are both shared and the handler's: its timeoutMs is checked once.
  if (value === undefined || value === config.timeoutMs) return config.timeoutMs;
  const timeoutMs = resolveTimeout(where, value, config.timeoutMs);
  warnAboutLongTimeout(config, where, timeoutMs);
  return timeoutMs;
}

/** Checks that a handler given as an object is one, and warns about options nobody reads. */
export function checkHandlerObject(
  config: SharedConfig,
  where: string,
  handler: unknown,
  usage: string,
  known: readonly string[],
): asserts handler is Readonly<Record<string, unknown>> {
  if (typeof handler !== 'object' || handler === null) misconfigured(where, `pass an object: ${usage}.`, handler);
  warnAboutUnknownOptions(config, where, handler, known);
}
