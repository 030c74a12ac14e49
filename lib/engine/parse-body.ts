import { isUtf8 } from 'node:buffer';
import secureJson from 'secure-json-parse';
import { InvalidRequestError } from '../errors.js';

// `__proto__` keys and `constructor.prototype` chains are dropped, so a body can never change
// the prototype of the objects handed to user code, however that code copies them.
const PROTOTYPE_SAFE = { protoAction: 'remove', constructorAction: 'remove' } as const;

/**
 * Parses the raw body bytes as JSON, whatever the Content-Type header said; a UTF-8 BOM is
 * allowed. A refused body comes back as an InvalidRequestError, which no JSON text can produce.
 */
export function parseBodyBytes(bytes: Buffer): unknown {
  if (bytes.length === 0) {
    return new InvalidRequestError('ERR_BODY_NOT_JSON', 'body is empty; a JSON object was expected');
  }
  if (!isUtf8(bytes)) {
    return new InvalidRequestError('ERR_BODY_NOT_UTF8', 'body is not valid UTF-8');
  }
  try {
    return secureJson.parse(bytes.toString('utf8'), null, PROTOTYPE_SAFE);
  } catch {
    return new InvalidRequestError('ERR_BODY_NOT_JSON', 'body is not valid JSON');
  }
}

/** Cleans a body that an earlier parser (such as `express.json()`) has already turned into a value. */
export function sanitizeParsedBody(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) secureJson.scan(value, PROTOTYPE_SAFE);
  return value;
}
