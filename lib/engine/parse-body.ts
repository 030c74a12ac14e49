import { InvalidRequestError } from '../errors.js';

// Web-standard, so the core runs wherever `Request` does; one pass checks and decodes (as fast as
// node's isUtf8 + toString on 0.2–4 KB bodies). `ignoreBOM: true` keeps a leading BOM in the text,
// so that exactly one is dropped below and a second stays a JSON error.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

const PROTOTYPE_KEY_HINT = /__proto__|constructor|\\u/;

/**
 * Whether the text may hold a `__proto__` or `constructor` key: the words plain, or spelt with
 * `\u` escapes. A text with neither word and no escape at all cannot, and that is nearly every
 * body, so only the rest is walked for them (the bench's part 7 measures what this saves).
 */
export function mayHoldPrototypeKeys(text: string): boolean {
  return PROTOTYPE_KEY_HINT.test(text);
}

/** One leading BOM; a second stays and is a JSON error. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/**
 * Removes, in place and at every depth, each own `__proto__` key (JSON.parse makes one an own
 * property, which a later `Object.assign` or spread would turn into a prototype) and each
 * `constructor` key whose value has a `prototype`, so that a body can never change the prototype of
 * the objects handed to user code, however that code copies them. A loop with a stack, not recursion:
 * a deeply nested body cannot overflow it.
 */
export function dropPrototypeKeys(value: unknown): void {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (hasOwn(node, '__proto__')) Reflect.deleteProperty(node, '__proto__');
    const constructor: unknown = hasOwn(node, 'constructor') ? Reflect.get(node, 'constructor') : undefined;
    if (typeof constructor === 'object' && constructor !== null && hasOwn(constructor, 'prototype')) {
      Reflect.deleteProperty(node, 'constructor');
    }
    for (const key of Object.keys(node)) pending.push(Reflect.get(node, key));
  }
}

/**
 * Parses the raw body bytes as JSON, whatever the Content-Type header said; a UTF-8 BOM is
 * allowed. A refused body comes back as an InvalidRequestError, which no JSON text can produce.
 */
export function parseBodyBytes(bytes: Uint8Array): unknown {
  if (bytes.length === 0) {
    return new InvalidRequestError('ERR_BODY_NOT_JSON', 'body is empty; a JSON object was expected');
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    return new InvalidRequestError('ERR_BODY_NOT_UTF8', 'body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(withoutBom(text));
  } catch {
    return new InvalidRequestError('ERR_BODY_NOT_JSON', 'body is not valid JSON');
  }
  if (mayHoldPrototypeKeys(text)) dropPrototypeKeys(value);
  return value;
}

/** Cleans a body that an earlier parser (such as `express.json()`) has already turned into a value. */
export function sanitizeParsedBody(value: unknown): unknown {
  dropPrototypeKeys(value);
  return value;
}
