/**
 * Whether a value the app's code returned is a plain object (`{…}` or `Object.create(null)`): an
 * Error, a Map or a class instance would turn into `{}` as JSON and silently mean "go on".
 * Reading the prototype runs user code (a Proxy's trap), so call this where a throw is settled.
 */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  // Any realm's Object.prototype (a vm context's too) is the one prototype whose own prototype is null.
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
