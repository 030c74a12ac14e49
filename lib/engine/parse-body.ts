import secureJson from 'secure-json-parse';
import { InvalidRequestError } from '../errors.js';

// `__proto__` keys and `constructor.prototype` chains are dropped, so a body can never change
// the prototype of the objects handed to user code, however that code copies them.
const PROTOTYPE_SAFE = { protoAction: 'remove', constructorAction: 'remove' } as const;

// Web-standard, so the core runs wherever `Request` does; one pass checks and decodes (as fast as
// node's isUtf8 + toString on 0.2–4 KB bodies). `ignoreBOM: true` keeps a leading BOM in the text
// for secure-json-parse to strip, exactly one, as before: a second BOM stays a JSON error.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Whether the text may hold a `__proto__` or `constructor` key. secure-json-parse parses first and
 * then looks for those words, plain or spelt with `\u` escapes; a text with neither word and no
 * escape at all cannot hold one, and that is nearly every body, so it goes to JSON.parse alone.
 */
const PROTOTYPE_KEY_HINT = /__proto__|constructor|\\u/;

function mayNamePrototypeKeys(text: string): boolean {
  return PROTOTYPE_KEY_HINT.test(text);
}

/** One leading BOM, as secure-json-parse strips it; a second stays and is a JSON error. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
  try {
    return mayNamePrototypeKeys(text) ? secureJson.parse(text, null, PROTOTYPE_SAFE) : JSON.parse(withoutBom(text));
  } catch {
    return new InvalidRequestError('ERR_BODY_NOT_JSON', 'body is not valid JSON');
  }
}

/** Cleans a body that an earlier parser (such as `express.json()`) has already turned into a value. */
export function sanitizeParsedBody(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) secureJson.scan(value, PROTOTYPE_SAFE);
  return value;
}
