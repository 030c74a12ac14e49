import type { Deadline } from './deadline.js';
import type { CallbackContext, CallbackQuery } from '../types.js';

/** Where a context keeps its deadline: a symbol, so it is no field of the context a handler reads. */
const DEADLINE = Symbol('deadline');

/**
 * What a handler receives besides the event. A class, so that `signal` is one getter on the
 * prototype rather than a new closure per request (an object literal with a getter cost about
 * 0.5 µs more a request). The context is therefore not a plain object: a spread (`{ ...context }`)
 * copies `event`, `query` and the symbol-keyed deadline but not `signal`, so pass `context.signal`
 * itself. `signal` stays
 * readable through `Object.create(context)` and a `Proxy` of it.
 */
export class HandlerContext<Event> implements CallbackContext<Event> {
  readonly [DEADLINE]: Deadline;

  constructor(
    readonly event: Event,
    readonly query: CallbackQuery,
    deadline: Deadline,
  ) {
    this[DEADLINE] = deadline;
  }

  /** Made on first read: an AbortSignal costs more than most handlers that never use it. */
  get signal(): AbortSignal {
    return this[DEADLINE].signal;
  }
}
