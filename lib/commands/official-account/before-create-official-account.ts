import { defineCommand } from '../define.js';
import { C2C_CUSTOM_CODES, eventTimeMs, userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackBeforeCreateOfficialAccount',
  page: '1047/60795',
  summary:
    'Before an Official Account is created by the REST API: allow it, refuse it, or refuse it with your own code.',
  kind: 'action-gate',
  customCodes: C2C_CUSTOM_CODES,
  callerCode: 20006,
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Operator_Account', 'Owner_Account', 'Name', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackBeforeCreateOfficialAccount' },
      Operator_Account: {
        ...userId,
        description: 'The UserID that asked for the creation (the app admin calling `create_official_account`).',
      },
      Owner_Account: { ...userId, description: 'The UserID that will own the Official Account (its creator).' },
      Name: { type: 'string', description: 'The name asked for.' },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackBeforeCreateOfficialAccount',
    Operator_Account: '107867',
    Owner_Account: '107867',
    Name: 'TestOfficialAccount',
    EventTime: 1670574414123,
  },
  drift: ['The body has no `Official_Account`: no ID exists yet.'],
});
