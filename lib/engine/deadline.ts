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
  private readonly expiresAt: number;
  private listeners: Set<() => void> | undefined;
  private controller: AbortController | undefined;
  private abortCause: AbortCause | undefined;

  /**
   * No timer yet: a request whose every step answers at once is checked by the clock reads the
   * steps make (`cancelledNow`), and creating and clearing a node timer is one of the larger costs
   * of such a request. The timer is armed by the first listener (`onCancel`), that is, once
   * something waits.
   */
  constructor(timeoutMs: number) {
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
    if (this.timer === undefined && this.abortCause === undefined) {
      this.timer = setTimeout(() => this.abort('deadline'), Math.max(0, this.expiresAt - performance.now()));
    }
    return () => listeners.delete(listener);
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
    const { listeners } = this;
    this.listeners = undefined;
    // A copy: a listener may stop listening, or stop another, while they are called.
    if (listeners) for (const listener of [...listeners]) listener();
    this.controller?.abort(reasonFor(cause));
  }
}
