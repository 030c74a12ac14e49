import { performance } from 'node:perf_hooks';

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
 * The running deadlines of one duration, oldest first, under one timer. Deadlines of the same
 * duration expire in the order they started, so the timer only ever waits for the oldest. A request
 * answered at once (most are) costs a link and an unlink here instead of a timer of its own: node's
 * insertion and removal of a timer were among the largest costs of a synchronous request. The timer
 * is left to run out when the queue empties, but unref'd: it never keeps the process alive.
 */
class DeadlineQueue {
  private oldest: Deadline | undefined;
  private newest: Deadline | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The deadline the timer was armed for. */
  private armedFor: Deadline | undefined;
  /**
   * The `setTimeout` the timer came from. Fake timers (jest's, sinon's) replace the global one; a
   * timer of the other clock may never fire, so it is not relied on once the global has changed.
   */
  private armedWith: typeof setTimeout | undefined;

  constructor(private readonly timeoutMs: number) {}

  add(deadline: Deadline): void {
    if (this.newest) {
      this.newest.newer = deadline;
      deadline.older = this.newest;
      this.newest = deadline;
      return;
    }
    this.oldest = this.newest = deadline;
    if (this.timer && this.armedWith === setTimeout) this.timer.ref();
    else this.arm(deadline, this.timeoutMs);
  }

  remove(deadline: Deadline): void {
    const { older, newer } = deadline;
    // A deadline leaves its queue once, when it is cut short; it is queued until then.
    if (older) older.newer = newer;
    else this.oldest = newer;
    if (newer) newer.older = older;
    else this.newest = older;
    deadline.older = deadline.newer = undefined;
    if (!this.oldest) this.timer?.unref();
  }

  private arm(deadline: Deadline, delayMs: number): void {
    // A timer replaced while it ran (its clock was swapped) does nothing when it fires.
    this.timer?.unref();
    this.armedFor = deadline;
    this.armedWith = setTimeout;
    const timer = setTimeout(() => {
      if (this.timer === timer) this.expire();
    }, delayMs);
    this.timer = timer;
  }

  /**
   * Ends every deadline whose time has come. The one the timer was armed for counts as expired
   * when it still runs: the timer says so, whatever the clock read (tests fake one, not the other).
   */
  private expire(): void {
    const { armedFor } = this;
    this.timer = this.armedFor = undefined;
    let cutoff = performance.now();
    if (armedFor && (armedFor.older || this.oldest === armedFor)) cutoff = Math.max(cutoff, armedFor.expiresAt);
    while (this.oldest && this.oldest.expiresAt <= cutoff) this.oldest.expired();
    const next = this.oldest;
    if (next) this.arm(next, Math.max(1, Math.ceil(next.expiresAt - performance.now())));
  }
}

const queues = new Map<number, DeadlineQueue>();

/**
 * One request's time budget. It is cut short at the deadline, when the client goes away, or when
 * the reply is out; it leaves its duration's queue then, so nothing of ours keeps the event loop
 * alive.
 */
export class Deadline implements TimedCancellation {
  readonly expiresAt: number;
  /** Neighbours in the queue of deadlines of this duration, oldest first (the queue's to set). */
  older: Deadline | undefined;
  newer: Deadline | undefined;
  private readonly queue: DeadlineQueue;
  private listeners: Set<() => void> | undefined;
  private controller: AbortController | undefined;
  private abortCause: AbortCause | undefined;

  constructor(timeoutMs: number) {
    this.expiresAt = performance.now() + timeoutMs;
    let queue = queues.get(timeoutMs);
    if (!queue) queues.set(timeoutMs, (queue = new DeadlineQueue(timeoutMs)));
    this.queue = queue;
    queue.add(this);
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
    return () => listeners.delete(listener);
  }

  clientGone(): void {
    this.abort('client-gone');
  }

  end(): void {
    this.abort('replied');
  }

  /** Called by the queue when the time has come. */
  expired(): void {
    this.abort('deadline');
  }

  private abort(cause: AbortCause): void {
    if (this.abortCause !== undefined) return;
    this.abortCause = cause;
    this.queue.remove(this);
    const { listeners } = this;
    this.listeners = undefined;
    // A copy: a listener may stop listening, or stop another, while they are called.
    if (listeners) for (const listener of [...listeners]) listener();
    this.controller?.abort(reasonFor(cause));
  }
}
