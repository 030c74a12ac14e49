// Every option's name and default, one table per option set, each typed against the public
// interface it reads: an option added to an interface without its entry here does not compile,
// the lists of known names (for the unknown-option warning) are these tables' keys, and the
// TSDoc of each option states the default given here (a unit test holds the two together).
import type { CallbackRouterOptions, CommonOptions, SharedOptions } from '../options.js';
import type { DecideBatchHandler, DecideEachHandler, GateHandler, TargetGateHandler } from '../handlers.js';

/** Both ways of deciding a list at once (one interface would make the other `never`). */
type ListGateKeys = Omit<DecideEachHandler<never>, 'decideBatch'> & Omit<DecideBatchHandler<never>, 'decide'>;

/** One option: its default, or `required`. */
type OptionEntry = { readonly required: true } | { readonly default: unknown };

/** One entry per option of `Options`, none missing, none extra. */
type OptionTable<Options> = { readonly [Name in keyof Required<Options>]: OptionEntry };

/** The options every entry point shares: authentication, limits, logging. */
export const SHARED_OPTIONS = {
  token: { required: true },
  sdkAppId: { default: undefined },
  requestTimeToleranceSeconds: { default: 60 },
  timeoutMs: { default: 1500 },
  bodyLimitBytes: { default: 64 * 1024 },
  refusalLogIntervalMs: { default: 60_000 },
  logger: { default: undefined },
  now: { default: Date.now },
} as const satisfies OptionTable<SharedOptions>;

/** The policies every gate has: its own deadline, and what a late or failed decision comes to. */
export const POLICY_OPTIONS = {
  timeoutMs: { default: undefined },
  onTimeout: { default: 'refuse' },
  onError: { default: 'refuse' },
} as const;

/** The options of a gate that decides once per request (message and action gates). */
export const GATE_OPTIONS = {
  decide: { required: true },
  ...POLICY_OPTIONS,
} as const satisfies OptionTable<GateHandler<unknown, unknown>>;

/** The options of a list gate's handler (its `decide` or `decideBatch`, and its policies). */
export const LIST_GATE_OPTIONS = {
  // Exactly one of the two is required.
  decide: { required: true },
  decideBatch: { required: true },
  ...POLICY_OPTIONS,
  concurrency: { default: 8 },
  rejectRequest: { default: undefined },
} as const satisfies OptionTable<ListGateKeys>;

/** The options of a target gate's handler. */
export const TARGET_GATE_OPTIONS = {
  decide: { required: true },
  ...POLICY_OPTIONS,
  concurrency: LIST_GATE_OPTIONS.concurrency,
} as const satisfies OptionTable<TargetGateHandler<unknown, unknown>>;

/** The options of `callbackRouter`. */
export const ROUTER_OPTIONS = {
  ...SHARED_OPTIONS,
  on: { required: true },
  generic: { default: undefined },
  unhandled: { default: 'next' },
  path: { default: undefined },
  onDecision: { default: undefined },
} as const satisfies OptionTable<CallbackRouterOptions>;

/** The options of `beforeAddSubscriber`: the shared ones, its list gate's, and `onDecision`. */
export const BEFORE_ADD_SUBSCRIBER_OPTIONS = {
  ...LIST_GATE_OPTIONS,
  // Its `timeoutMs` is the shared one: a list gate's own would have no other to fall back on.
  ...SHARED_OPTIONS,
  onDecision: { default: undefined },
} as const satisfies OptionTable<CommonOptions & ListGateKeys>;

/** The names of a table's options. */
export function namesOf(table: object): readonly string[] {
  return Object.keys(table);
}
