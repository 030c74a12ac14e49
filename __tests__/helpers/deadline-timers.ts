/**
 * Watches the timers a deadline of `delayMs` starts, so a test can tell whether ours were all
 * cleared. A deadline arms its timer once something waits, for what is left of its time: a delay a
 * little under `delayMs` (by less than a second here) is one of them. Counting every active timer in the process is not enough: http
 * sockets and other tests start and end timers of their own at any moment.
 */
export function watchTimersOf(delayMs: number): { pending: () => number; started: () => number; restore: () => void } {
  const started = new Set<unknown>();
  let count = 0;
  const realSetTimeout = global.setTimeout;
  const realClearTimeout = global.clearTimeout;
  const setTimeoutSpy = jest.spyOn(global, 'setTimeout').mockImplementation(((
    callback: () => void,
    ms?: number,
    ...rest: unknown[]
  ) => {
    const handle: unknown = Reflect.apply(realSetTimeout, global, [callback, ms, ...rest]);
    if (ms !== undefined && ms <= delayMs && ms > delayMs - 1000) {
      started.add(handle);
      count += 1;
    }
    return handle;
  }) as typeof setTimeout);
  const clearTimeoutSpy = jest.spyOn(global, 'clearTimeout').mockImplementation((handle) => {
    started.delete(handle);
    realClearTimeout(handle);
  });
  return {
    pending: () => started.size,
    started: () => count,
    restore: () => {
      setTimeoutSpy.mockRestore();
      clearTimeoutSpy.mockRestore();
    },
  };
}

/** Lets I/O run until `condition` holds, for at most `turns` turns of the event loop. */
export async function ioUntil(condition: () => boolean, turns = 500): Promise<void> {
  for (let turn = 0; turn < turns && !condition(); turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
