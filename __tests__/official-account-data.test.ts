// The data of the 11 Official Account commands: the commands, their schemas, Tencent's example
// bodies and the specs that tie them together. Each table names its cases explicitly, so a case
// that goes missing fails instead of passing unnoticed.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import {
  AFTER_ADD_SUBSCRIBER_COMMAND,
  AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  AFTER_DELETE_SUBSCRIBER_COMMAND,
  AFTER_MSG_WITH_DRAW_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND,
  AFTER_SEND_MSG_COMMAND,
  BEFORE_ADD_SUBSCRIBER_COMMAND,
  BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  BEFORE_SEND_MSG_COMMAND,
  OFFICIAL_ACCOUNT_COMMAND_PREFIX,
  OFFICIAL_ACCOUNT_COMMANDS,
  type OfficialAccountCommand,
} from '../lib/official-account/commands';
import { OFFICIAL_ACCOUNT_EXAMPLES } from '../lib/official-account/examples';
import {
  accountSchema,
  afterAddSubscriberSchema,
  beforeAddSubscriberSchema as exportedBeforeAddSubscriberSchema,
  eventTimeSchema,
  officialAccountIdSchema,
  SCHEMA_ID_BASE,
  subscribeAccountListSchema,
} from '../lib/official-account/schemas';
import { OFFICIAL_ACCOUNT_SPECS } from '../lib/official-account/specs';
import { beforeAddSubscriberSchema, USER_ID_MAX_LENGTH } from '../lib/index';

type Body = Record<string, unknown>;

const ajv = new Ajv({ strict: true });
const validators = new Map<OfficialAccountCommand, ValidateFunction>();

function validatorFor(command: OfficialAccountCommand): ValidateFunction {
  let validate = validators.get(command);
  if (!validate) {
    validate = ajv.compile(OFFICIAL_ACCOUNT_SPECS[command].schema);
    validators.set(command, validate);
  }
  return validate;
}

/** `null` when the body is accepted, else ajv's first error. */
function firstError(command: OfficialAccountCommand, body: unknown): ErrorObject | null {
  const validate = validatorFor(command);
  return validate(body) ? null : (validate.errors?.[0] ?? null);
}

/** A fresh, unfrozen copy of the command's example body. */
function exampleCopy(command: OfficialAccountCommand): Body {
  return structuredClone(OFFICIAL_ACCOUNT_EXAMPLES[command]) as unknown as Body;
}

/** The example with one top-level field replaced. */
function exampleWith(command: OfficialAccountCommand, field: string, value: unknown): Body {
  return { ...exampleCopy(command), [field]: value };
}

/** The example without one top-level field. */
function exampleWithout(command: OfficialAccountCommand, ...fields: string[]): Body {
  return Object.fromEntries(Object.entries(exampleCopy(command)).filter(([name]) => !fields.includes(name)));
}

/** The first item of one of the example's lists, to change in place. */
function firstItem(body: Body, list: string): Body {
  return (body[list] as Body[])[0] as Body;
}

/** `CallbackAfterMsgWithDraw` → `after-msg-with-draw`. */
function kebabName(command: string): string {
  return command
    .slice(OFFICIAL_ACCOUNT_COMMAND_PREFIX.length)
    .replace(/^Callback/, '')
    .replace(/[A-Z]/g, (letter, offset: number) => (offset === 0 ? '' : '-') + letter.toLowerCase());
}

function everythingFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(everythingFrozen);
}

// The contract of each command, written out: its kind (1047/34354 and each page), the fields its
// schema requires, and the fields of Tencent's example that may be left out.
const CONTRACT: Record<
  OfficialAccountCommand,
  { kind: string; required: readonly string[]; optional: readonly string[]; kebab: string }
> = {
  [BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND]: {
    kind: 'creation-gate',
    required: ['CallbackCommand', 'Operator_Account', 'Owner_Account', 'Name', 'EventTime'],
    optional: [],
    kebab: 'before-create-official-account',
  },
  [AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND]: {
    kind: 'notification',
    required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'Owner_Account', 'Name', 'EventTime'],
    optional: [],
    kebab: 'after-create-official-account',
  },
  [AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND]: {
    kind: 'notification',
    required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'EventTime'],
    optional: ['Introduction', 'Name', 'FaceUrl', 'Organization'],
    kebab: 'after-official-account-info-changed',
  },
  [AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND]: {
    kind: 'notification',
    required: ['CallbackCommand', 'Official_Account', 'Owner_Account', 'Name', 'EventTime'],
    optional: [],
    kebab: 'after-official-account-destroyed',
  },
  [BEFORE_ADD_SUBSCRIBER_COMMAND]: {
    kind: 'subscriber-gate',
    required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'SubscribeAccountList', 'EventTime'],
    optional: [],
    kebab: 'before-add-subscriber',
  },
  [AFTER_ADD_SUBSCRIBER_COMMAND]: {
    kind: 'notification',
    required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'SubscribeAccountList', 'EventTime'],
    optional: [],
    kebab: 'after-add-subscriber',
  },
  [AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND]: {
    kind: 'notification',
    required: ['CallbackCommand', 'Official_Account', 'EventTime'],
    optional: [],
    kebab: 'after-official-account-full',
  },
  [AFTER_DELETE_SUBSCRIBER_COMMAND]: {
    kind: 'notification',
    required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'SubscribeAccountList', 'EventTime'],
    optional: [],
    kebab: 'after-delete-subscriber',
  },
  [BEFORE_SEND_MSG_COMMAND]: {
    kind: 'message-gate',
    required: ['CallbackCommand', 'Official_Account', 'MsgBody', 'EventTime'],
    optional: ['OnlineOnlyFlag', 'CloudCustomData'],
    kebab: 'before-send-msg',
  },
  [AFTER_SEND_MSG_COMMAND]: {
    kind: 'notification',
    required: ['CallbackCommand', 'Official_Account', 'MsgKey', 'MsgTime', 'MsgBody', 'EventTime'],
    optional: ['OnlineOnlyFlag', 'CloudCustomData'],
    kebab: 'after-send-msg',
  },
  [AFTER_MSG_WITH_DRAW_COMMAND]: {
    kind: 'notification',
    required: ['CallbackCommand', 'Official_Account', 'WithdrawMsgList', 'EventTime'],
    optional: [],
    kebab: 'after-msg-with-draw',
  },
};

const SUBSCRIBER_LIST_COMMANDS = [
  BEFORE_ADD_SUBSCRIBER_COMMAND,
  AFTER_ADD_SUBSCRIBER_COMMAND,
  AFTER_DELETE_SUBSCRIBER_COMMAND,
] as const;
const MESSAGE_COMMANDS = [BEFORE_SEND_MSG_COMMAND, AFTER_SEND_MSG_COMMAND] as const;

const requiredPairs = OFFICIAL_ACCOUNT_COMMANDS.flatMap((command) =>
  CONTRACT[command].required.map((field) => [command, field] as const),
);
const optionalPairs = OFFICIAL_ACCOUNT_COMMANDS.flatMap((command) =>
  CONTRACT[command].optional.map((field) => [command, field] as const),
);

/** A value of another JSON type than the example's. */
function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return { 0: value[0] };
  return [value];
}
const fieldPairs = OFFICIAL_ACCOUNT_COMMANDS.flatMap((command) =>
  Object.entries(OFFICIAL_ACCOUNT_EXAMPLES[command]).map(([field, value]) => [command, field, value] as const),
);

describe('the commands', () => {
  it('are 11 distinct strings, each starting with the family prefix', () => {
    expect(OFFICIAL_ACCOUNT_COMMAND_PREFIX).toBe('OfficialAccount.');
    expect(OFFICIAL_ACCOUNT_COMMANDS).toHaveLength(11);
    expect(new Set(OFFICIAL_ACCOUNT_COMMANDS).size).toBe(11);
    for (const command of OFFICIAL_ACCOUNT_COMMANDS) {
      expect(command.startsWith(OFFICIAL_ACCOUNT_COMMAND_PREFIX)).toBe(true);
      expect(command.slice(OFFICIAL_ACCOUNT_COMMAND_PREFIX.length)).toMatch(/^Callback(Before|After)[A-Za-z]+$/);
    }
  });

  it("spell MsgWithDraw with Tencent's capital D", () => {
    expect(AFTER_MSG_WITH_DRAW_COMMAND).toBe('OfficialAccount.CallbackAfterMsgWithDraw');
  });

  it('key the specs and the examples, in the same order', () => {
    expect(Object.keys(OFFICIAL_ACCOUNT_SPECS)).toEqual([...OFFICIAL_ACCOUNT_COMMANDS]);
    expect(Object.keys(OFFICIAL_ACCOUNT_EXAMPLES)).toEqual([...OFFICIAL_ACCOUNT_COMMANDS]);
    expect(Object.keys(CONTRACT)).toEqual([...OFFICIAL_ACCOUNT_COMMANDS]);
  });
});

describe.each(OFFICIAL_ACCOUNT_COMMANDS)('%s', (command) => {
  const spec = OFFICIAL_ACCOUNT_SPECS[command];

  it('has a spec naming this command, with its kind', () => {
    expect(spec.command).toBe(command);
    expect(spec.kind).toBe(CONTRACT[command].kind);
  });

  it("has Tencent's example as the spec's example, naming the same command", () => {
    expect(spec.example).toBe(OFFICIAL_ACCOUNT_EXAMPLES[command]);
    expect(spec.example.CallbackCommand).toBe(spec.command);
  });

  it('has an example that is frozen all the way down', () => {
    expect(everythingFrozen(spec.example)).toBe(true);
  });

  it('has a schema that compiles under ajv strict mode, with its $id and type', () => {
    expect(() => new Ajv({ strict: true }).compile(spec.schema)).not.toThrow();
    expect(spec.schema['$id']).toBe(`${SCHEMA_ID_BASE}${CONTRACT[command].kebab}.json`);
    expect(kebabName(command)).toBe(CONTRACT[command].kebab);
    expect(spec.schema['type']).toBe('object');
    expect(JSON.stringify(spec.schema)).not.toContain('additionalProperties');
  });

  it('requires exactly the fields of the contract', () => {
    expect(spec.schema['required']).toEqual(CONTRACT[command].required);
  });

  it('accepts its example', () => {
    expect(firstError(command, spec.example)).toBeNull();
  });

  it('accepts an unknown top-level field', () => {
    expect(firstError(command, exampleWith(command, 'SomeFutureField', { nested: [1, 'two'] }))).toBeNull();
  });

  it.each([
    ['another command', OFFICIAL_ACCOUNT_COMMANDS[(OFFICIAL_ACCOUNT_COMMANDS.indexOf(command) + 1) % 11]],
    ['the command in lower case', command.toLowerCase()],
    ['the command without its prefix', command.slice(OFFICIAL_ACCOUNT_COMMAND_PREFIX.length)],
    ['an empty string', ''],
  ])('refuses %s as CallbackCommand', (_name, value) => {
    expect(firstError(command, exampleWith(command, 'CallbackCommand', value))).toMatchObject({
      instancePath: '/CallbackCommand',
      keyword: 'const',
    });
  });

  it.each([
    ['null', null],
    ['an array', [OFFICIAL_ACCOUNT_EXAMPLES[command]]],
    ['a string', JSON.stringify(OFFICIAL_ACCOUNT_EXAMPLES[command])],
  ])('refuses %s as the body', (_name, body) => {
    expect(firstError(command, body)).toMatchObject({ instancePath: '', keyword: 'type' });
  });
});

describe('required fields', () => {
  it.each(requiredPairs)('%s refuses a body without %s', (command, field) => {
    expect(firstError(command, exampleWithout(command, field))).toMatchObject({
      keyword: 'required',
      params: { missingProperty: field },
    });
  });

  it.each(optionalPairs)('%s accepts a body without %s', (command, field) => {
    expect(OFFICIAL_ACCOUNT_EXAMPLES[command]).toHaveProperty(field);
    expect(firstError(command, exampleWithout(command, field))).toBeNull();
  });

  it('AfterOfficialAccountInfoChanged accepts a body with no profile field at all', () => {
    const command = AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND;
    const body = exampleWithout(command, ...CONTRACT[command].optional);
    expect(body).toEqual(
      Object.fromEntries(CONTRACT[command].required.map((field) => [field, expect.anything() as unknown])),
    );
    expect(firstError(command, body)).toBeNull();
  });

  it('every field of every example is either required or optional', () => {
    for (const command of OFFICIAL_ACCOUNT_COMMANDS) {
      expect(Object.keys(OFFICIAL_ACCOUNT_EXAMPLES[command]).sort()).toEqual(
        [...CONTRACT[command].required, ...CONTRACT[command].optional].sort(),
      );
    }
  });
});

describe('field types', () => {
  it.each(fieldPairs)('%s refuses a %s of the wrong type', (command, field, value) => {
    expect(firstError(command, exampleWith(command, field, wrongTypeFor(value)))).toMatchObject({
      instancePath: `/${field}`,
      keyword: field === 'CallbackCommand' ? 'const' : 'type',
    });
  });

  const integerPairs = fieldPairs
    .filter(([, , value]) => typeof value === 'number')
    .map(([command, field]) => [command, field] as const);

  it('finds the integer fields of the examples', () => {
    expect(new Set(integerPairs.map(([, field]) => field))).toEqual(
      new Set(['EventTime', 'MsgTime', 'OnlineOnlyFlag']),
    );
  });

  it.each(integerPairs)('%s refuses a fractional %s', (command, field) => {
    expect(firstError(command, exampleWith(command, field, 1.5))).toMatchObject({
      instancePath: `/${field}`,
      keyword: 'type',
    });
  });

  it.each(integerPairs)('%s refuses a negative %s', (command, field) => {
    expect(firstError(command, exampleWith(command, field, -1))).toMatchObject({
      instancePath: `/${field}`,
      keyword: 'minimum',
    });
  });

  it.each(integerPairs)('%s accepts 0 as %s', (command, field) => {
    expect(firstError(command, exampleWith(command, field, 0))).toBeNull();
  });

  it.each(OFFICIAL_ACCOUNT_COMMANDS.filter((command) => 'Official_Account' in OFFICIAL_ACCOUNT_EXAMPLES[command]))(
    '%s refuses an empty Official_Account',
    (command) => {
      expect(firstError(command, exampleWith(command, 'Official_Account', ''))).toMatchObject({
        instancePath: '/Official_Account',
        keyword: 'minLength',
      });
    },
  );
});

describe.each(SUBSCRIBER_LIST_COMMANDS)('%s: SubscribeAccountList', (command) => {
  function withSecondSubscriber(value: unknown): Body {
    const body = exampleCopy(command);
    (body['SubscribeAccountList'] as Body[])[1] = { Subscriber_Account: value };
    return body;
  }
  const path = '/SubscribeAccountList/1/Subscriber_Account';

  it(`accepts a UserID of ${USER_ID_MAX_LENGTH} characters`, () => {
    expect(firstError(command, withSecondSubscriber('u'.repeat(USER_ID_MAX_LENGTH)))).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['an over-long UserID', 'u'.repeat(USER_ID_MAX_LENGTH + 1), 'maxLength'],
    ['an empty UserID', '', 'minLength'],
    ['a numeric UserID', 42, 'type'],
  ])('refuses %s', (_name, value, keyword) => {
    expect(firstError(command, withSecondSubscriber(value))).toMatchObject({ instancePath: path, keyword });
  });

  it('refuses an entry without Subscriber_Account', () => {
    const body = exampleCopy(command);
    (body['SubscribeAccountList'] as Body[])[1] = { Subscriber: 'jared' };
    expect(firstError(command, body)).toMatchObject({
      instancePath: '/SubscribeAccountList/1',
      params: { missingProperty: 'Subscriber_Account' },
    });
  });

  it('refuses a list of plain strings', () => {
    expect(firstError(command, exampleWith(command, 'SubscribeAccountList', ['jared']))).toMatchObject({
      instancePath: '/SubscribeAccountList/0',
      keyword: 'type',
    });
  });

  it('accepts an unknown field inside an entry', () => {
    const body = exampleCopy(command);
    firstItem(body, 'SubscribeAccountList')['Nickname'] = 'Jared';
    expect(firstError(command, body)).toBeNull();
  });
});

describe.each(MESSAGE_COMMANDS)('%s: MsgBody', (command) => {
  function withElement(element: unknown): Body {
    return exampleWith(command, 'MsgBody', [...(exampleCopy(command)['MsgBody'] as unknown[]), element]);
  }

  it.each<[string, unknown]>([
    [
      "the custom element of Tencent's modified-reply example",
      { MsgType: 'TIMCustomElem', MsgContent: { Desc: 'CustomElement.MemberLevel', Data: 'LV1' } },
    ],
    [
      'a custom element with every field',
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 'd', Desc: 'd', Ext: 'e', Sound: 's' } },
    ],
    ['a custom element with no field', { MsgType: 'TIMCustomElem', MsgContent: {} }],
    ['an image element', { MsgType: 'TIMImageElem', MsgContent: { UUID: 'x', ImageInfoArray: [] } }],
    ['an element type nobody documented', { MsgType: 'TIMNewElem', MsgContent: { Anything: 1 } }],
    ['a text element with an unknown field', { MsgType: 'TIMTextElem', MsgContent: { Text: 'hi', Lang: 'en' } }],
    [
      'an element with an unknown field beside MsgContent',
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' }, Extra: true },
    ],
  ])('accepts %s', (_name, element) => {
    expect(firstError(command, withElement(element))).toBeNull();
  });

  it.each<[string, unknown, string, string]>([
    ['an element without MsgType', { MsgContent: { Text: 'hi' } }, '/MsgBody/1', 'required'],
    ['an element without MsgContent', { MsgType: 'TIMTextElem' }, '/MsgBody/1', 'required'],
    ['a numeric MsgType', { MsgType: 1, MsgContent: {} }, '/MsgBody/1/MsgType', 'type'],
    ['a string MsgContent', { MsgType: 'TIMTextElem', MsgContent: 'hi' }, '/MsgBody/1/MsgContent', 'type'],
    ['a text element without Text', { MsgType: 'TIMTextElem', MsgContent: {} }, '/MsgBody/1/MsgContent', 'required'],
    ['a numeric Text', { MsgType: 'TIMTextElem', MsgContent: { Text: 1 } }, '/MsgBody/1/MsgContent/Text', 'type'],
    [
      'a numeric custom Data',
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 1 } },
      '/MsgBody/1/MsgContent/Data',
      'type',
    ],
    ['an element that is a string', 'red packet', '/MsgBody/1', 'type'],
  ])('refuses %s', (_name, element, instancePath, keyword) => {
    expect(firstError(command, withElement(element))).toMatchObject({ instancePath, keyword });
  });
});

describe(`${AFTER_MSG_WITH_DRAW_COMMAND}: WithdrawMsgList`, () => {
  const command = AFTER_MSG_WITH_DRAW_COMMAND;

  it("keeps the page's #TOA#_123 account in the example", () => {
    expect(OFFICIAL_ACCOUNT_EXAMPLES[command].Official_Account).toBe('#TOA#_123');
  });

  it('accepts an unknown field inside an entry', () => {
    const body = exampleCopy(command);
    firstItem(body, 'WithdrawMsgList')['Reason'] = 'typo';
    expect(firstError(command, body)).toBeNull();
  });

  it.each<[string, unknown, string, string]>([
    ['an entry without MsgKey', {}, '/WithdrawMsgList/0', 'required'],
    ['a numeric MsgKey', { MsgKey: 71 }, '/WithdrawMsgList/0/MsgKey', 'type'],
    ['an empty MsgKey', { MsgKey: '' }, '/WithdrawMsgList/0/MsgKey', 'minLength'],
  ])('refuses %s', (_name, entry, instancePath, keyword) => {
    expect(firstError(command, exampleWith(command, 'WithdrawMsgList', [entry]))).toMatchObject({
      instancePath,
      keyword,
    });
  });
});

describe('CallbackBeforeAddSubscriber keeps the schema the package has always used', () => {
  it('is the very object the package exports, with the $id it always had', () => {
    expect(OFFICIAL_ACCOUNT_SPECS[BEFORE_ADD_SUBSCRIBER_COMMAND].schema).toBe(beforeAddSubscriberSchema);
    expect(exportedBeforeAddSubscriberSchema).toBe(beforeAddSubscriberSchema);
    expect(beforeAddSubscriberSchema.$id).toBe(
      'https://github.com/express-tencent-chat-webhook/schemas/before-add-subscriber.json',
    );
  });

  it('is made of the same pieces as the other schemas, so moving it here changes nothing', () => {
    expect(beforeAddSubscriberSchema.properties).toEqual({
      CallbackCommand: { const: BEFORE_ADD_SUBSCRIBER_COMMAND },
      Official_Account: officialAccountIdSchema,
      Operator_Account: accountSchema,
      SubscribeAccountList: subscribeAccountListSchema,
      EventTime: eventTimeSchema,
    });
    expect({
      ...afterAddSubscriberSchema,
      $id: '',
      properties: { ...afterAddSubscriberSchema.properties, CallbackCommand: null },
    }).toEqual({
      ...beforeAddSubscriberSchema,
      $id: '',
      properties: { ...beforeAddSubscriberSchema.properties, CallbackCommand: null },
    });
  });
});
