import type { Deadline } from './deadline.js';
import type { CallbackContext, CallbackQuery } from '../types.js';

/**
 * The context a handler receives. `signal` is an own, enumerable getter, as an object literal's
 * would be (so `{ ...context }` still carries it), and it makes the AbortSignal on first read: most
 * handlers never read it. The getter is one shared function: a literal's getter is a new closure
 * per request, which keeps V8 from sharing the object's shape and cost more than the decision.
 */
export class HandlerContext<Event> implements CallbackContext<Event> {
  static readonly #signal: PropertyDescriptor = {
    get(this: HandlerContext<unknown>): AbortSignal {
      return this.#deadline.signal;
    },
    enumerable: true,
    configurable: true,
  };

  readonly #deadline: Deadline;
  declare readonly signal: AbortSignal;

  constructor(
    readonly event: Event,
    readonly query: CallbackQuery,
    deadline: Deadline,
  ) {
    this.#deadline = deadline;
    Object.defineProperty(this, 'signal', HandlerContext.#signal);
  }
}
