/**
 * Whether user code gave a thenable. Reading `then` runs user code too (a getter, a revoked
 * Proxy's trap), so call this only where a throw is settled as that code's failure.
 */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
