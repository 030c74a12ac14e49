/** Why a request's signal aborted. */
export type AbortCause = 'deadline' | 'client-gone' | 'replied';

/**
 * One request's time budget. Its signal aborts at the deadline, when the client goes away, or
 * when the reply is out; `end()` clears the timer so nothing of ours keeps the event loop alive.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private abortCause: AbortCause | undefined;

  constructor(timeoutMs: number) {
    this.timer = setTimeout(() => this.abort('deadline'), timeoutMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the signal aborted, or `undefined` while it has not. */
  get cause(): AbortCause | undefined {
    return this.abortCause;
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
    clearTimeout(this.timer);
    const reason =
      cause === 'deadline'
        ? new DOMException('The webhook reply deadline passed', 'TimeoutError')
        : new DOMException(cause === 'client-gone' ? 'The client went away' : 'The reply was sent', 'AbortError');
    this.controller.abort(reason);
  }
}
