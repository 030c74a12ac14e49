import { InvalidRequestError } from '../errors.js';
import * as generated from '../generated/validators.js';

/** Checks one parsed body: the event, typed, or the 400 that says what is wrong. */
export type EventValidator<Event> = (value: unknown) => Event | InvalidRequestError;

/** What ajv says of the first failure (the part of its `ErrorObject` read here). */
interface ValidationError {
  instancePath: string;
  keyword: string;
  params: Readonly<Record<string, unknown>>;
  message?: string | undefined;
}

/**
 * A validator compiled ahead of time by ajv's standalone code (lib/generated/validators.ts, from
 * the registry's schemas): nothing is compiled at run time. It stops at the first error, which is
 * enough to answer, so junk costs no more to refuse.
 */
type CompiledValidator = ((value: unknown) => boolean) & { errors?: readonly ValidationError[] | null };

const VALIDATOR_BY_COMMAND = generated.VALIDATOR_BY_COMMAND as Readonly<Record<string, CompiledValidator>>;

/** `/SubscribeAccountList/0/Subscriber_Account` → `SubscribeAccountList[0].Subscriber_Account`. */
function readablePath(instancePath: string): string {
  let path = 'body';
  for (const segment of instancePath.split('/').slice(1)) {
    const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^[0-9]+$/.test(name) ? `[${name}]` : `.${name}`;
  }
  return path;
}

function describe(error: ValidationError): string {
  const path = readablePath(error.instancePath);
  const { params } = error;
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

function validatorOf<Event>(validate: CompiledValidator): EventValidator<Event> {
  return (value) => {
    if (validate(value)) return value as Event;
    // Compiled without allErrors, a failed validation reports exactly its first error.
    const [first] = validate.errors as [ValidationError];
    return new InvalidRequestError('ERR_BODY_INVALID', describe(first));
  };
}

/** The validator of a command of the registry. */
export function eventValidator<Event>(command: string): EventValidator<Event> {
  const validate = VALIDATOR_BY_COMMAND[command];
  if (!validate) throw new Error(`no validator was generated for ${command}: run npm run generate`);
  return validatorOf(validate);
}

/** The validator of a message body (`MsgBody`), for a gate's `{ modify }`. */
export const validateMsgBody: EventValidator<unknown> = validatorOf(generated.validate_msgBody as CompiledValidator);

/** The validator of a command the registry does not have: any object, with a string `CallbackCommand` if any. */
export const validateGenericEvent: EventValidator<unknown> = validatorOf(
  generated.validate_generic as CompiledValidator,
);
