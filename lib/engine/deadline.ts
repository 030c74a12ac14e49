/** Why a request's deadline was cut short. */
export type AbortCause = 'deadline' | 'client-gone' | 'replied';

/**
 * What the body reader and the decision runners listen to. Plain callbacks instead of an
 * AbortSignal: an AbortController per request was the largest cost of our own per request.
 */
export interface Cancellation {
  readonly cancelled: boolean;
  /** Calls `listener` once, when cancelled (check `cancelled` first); returns what stops listening. */
  onCancel(listener: () => void): () => void;
}

/** What the decision runners listen to: a cancellation that can also read the clock. */
export interface TimedCancellation extends Cancellation {
  /**
   * `cancelled`, after firing a deadline whose time has passed: its timer cannot fire while
   * synchronous code runs, so a loop of synchronous user calls asks this before each one.
   */
  cancelledNow(): boolean;
}

/**
 * How a runtime runs a callback on the next turn of its event loop, cheaply: Node's and Bun's
 * `setImmediate`. Waiting there before arming the deadline's timer costs less than a timer, and
 * most waits (an async `decide` that answers from memory) are over by then.
 */
export interface NextTurn {
  schedule(callback: () => void): unknown;
  cancel(handle: unknown): void;
}

function reasonFor(cause: AbortCause): DOMException {
  if (cause === 'deadline') return new DOMException('The webhook reply deadline passed', 'TimeoutError');
  return new DOMException(cause === 'client-gone' ? 'The client went away' : 'The reply was sent', 'AbortError');
}

/**
 * One request's time budget. It is cut short at the deadline, when the client goes away, or when
 * the reply is out; `end()` clears the timer so nothing of ours keeps the event loop alive.
 */
export class Deadline implements TimedCancellation {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The next-turn callback that arms the timer, while it is pending. */
  private arming: unknown;
  private readonly expiresAt: number;
  private listeners: Set<() => void> | undefined;
  private controller: AbortController | undefined;
  private abortCause: AbortCause | undefined;

  /**
   * No timer yet: a request whose every step answers at once is checked by the clock reads the
   * steps make (`cancelledNow`), and creating and clearing a node timer is one of the larger costs
   * of such a request. The timer is armed once something waits (`onCancel`): with `nextTurn`,
   * only if something still waits on the next turn of the event loop (a body still arriving, a
   * `decide` whose promise has not settled by then); without it, at once.
   */
  constructor(
    timeoutMs: number,
    private readonly nextTurn?: NextTurn,
  ) {
    // The global `performance`, which every runtime has (node:perf_hooks is Node's alone).
    this.expiresAt = performance.now() + timeoutMs;
  }

  get cancelled(): boolean {
    return this.abortCause !== undefined;
  }

  cancelledNow(): boolean {
    if (this.abortCause === undefined && performance.now() >= this.expiresAt) this.abort('deadline');
    return this.abortCause !== undefined;
  }

  /** Why it was cut short, or `undefined` while it has not been. */
  get cause(): AbortCause | undefined {
    return this.abortCause;
  }

  /** The AbortSignal handed to user code, made on first use: most decisions never read it. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortCause) this.controller.abort(reasonFor(this.abortCause));
    }
    return this.controller.signal;
  }

  onCancel(listener: () => void): () => void {
    const listeners = (this.listeners ??= new Set());
    listeners.add(listener);
    if (this.timer === undefined && this.arming === undefined && this.abortCause === undefined) {
      if (this.nextTurn) this.arming = this.nextTurn.schedule(() => this.armIfWaited());
      else this.arm();
    }
    return () => listeners.delete(listener);
  }

  /** On the next turn: the timer, if anything still listens; else none until something does. */
  private armIfWaited(): void {
    this.arming = undefined;
    if (this.listeners !== undefined && this.listeners.size > 0) this.arm();
  }

  private arm(): void {
    this.timer = setTimeout(() => this.abort('deadline'), Math.max(0, this.expiresAt - performance.now()));
  }

  clientGone(): void {
    this.abort('client-gone');
  }

  end(): void {
    this.abort('replied');
  }

  private abort(cause: AbortCause): void {
    if (this.abortCause !== undefined) return;
    this.abortCause = cause;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.arming !== undefined) this.nextTurn?.cancel(this.arming);
    const { listeners } = this;
    this.listeners = undefined;
    // A copy: a listener may stop listening, or stop another, while they are called.
    if (listeners) for (const listener of [...listeners]) listener();
    this.controller?.abort(reasonFor(cause));
  }
}
