import Ajv, { type ErrorObject } from 'ajv';
import { InvalidRequestError } from './errors.js';
import { beforeAddSubscriberSchema } from './schema.js';
import type { BeforeAddSubscriberEvent } from './types.js';

export type EventValidator = (value: unknown) => BeforeAddSubscriberEvent | InvalidRequestError;

/** `/SubscribeAccountList/0/Subscriber_Account` → `SubscribeAccountList[0].Subscriber_Account`. */
function readablePath(instancePath: string): string {
  let path = 'body';
  for (const segment of instancePath.split('/').slice(1)) {
    const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^[0-9]+$/.test(name) ? `[${name}]` : `.${name}`;
  }
  return path;
}

function describe(error: ErrorObject): string {
  const path = readablePath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${path} is missing the required field ${String(params['missingProperty'])}`;
    case 'type':
      return `${path} must be of type ${String(params['type'])}`;
    case 'const':
      return `${path} must be "${String(params['allowedValue'])}"`;
    case 'minLength':
      return `${path} must not be shorter than ${String(params['limit'])} character(s)`;
    case 'maxLength':
      return `${path} must not be longer than ${String(params['limit'])} characters`;
    default:
      // ajv always writes a message unless told not to (messages: false), which we never do.
      return `${path} ${String(error.message)}`;
  }
}

/** Compiles the schema once; the returned function checks one parsed body. */
export function createEventValidator(): EventValidator {
  // allErrors stays off: the first error is enough to answer, and junk costs no more to refuse.
  const ajv = new Ajv({ allErrors: false, strict: true });
  const validate = ajv.compile<BeforeAddSubscriberEvent>(beforeAddSubscriberSchema);
  return (value) => {
    if (validate(value)) return value;
    // With allErrors off, a failed validation reports exactly its first error.
    const [first] = validate.errors as [ErrorObject];
    return new InvalidRequestError('ERR_BODY_INVALID', describe(first));
  };
}
