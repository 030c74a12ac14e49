import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { InvalidRequestError } from '../errors.js';

/** Checks one parsed body: the event, typed, or the 400 that says what is wrong. */
export type EventValidator<Event> = (value: unknown) => Event | InvalidRequestError;

// One ajv for the process: a schema is compiled the first time any router uses it, never again.
// allErrors stays off: the first error is enough to answer, and junk costs no more to refuse.
const ajv = new Ajv({ allErrors: false, strict: true });
const compiled = new WeakMap<object, ValidateFunction>();

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

function compile(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** The validator of one schema, compiled once per process; the returned function checks one parsed body. */
export function createEventValidator<Event>(schema: object): EventValidator<Event> {
  const validate = compile(schema);
  return (value) => {
    if (validate(value)) return value as Event;
    // With allErrors off, a failed validation reports exactly its first error.
    const [first] = validate.errors as [ErrorObject];
    return new InvalidRequestError('ERR_BODY_INVALID', describe(first));
  };
}
