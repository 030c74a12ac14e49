import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';
import { officialAccountId } from './shared.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
  page: '1047/60796',
  summary: 'An Official Account was created.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'Owner_Account', 'Name', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackAfterCreateOfficialAccount' },
      Official_Account: { ...officialAccountId, description: 'The new Official Account’s ID.' },
      Operator_Account: { ...userId, description: 'The UserID that asked for the creation.' },
      Owner_Account: { ...userId, description: 'The UserID that owns the Official Account (its creator).' },
      Name: { type: 'string', description: 'The Official Account’s name.' },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
    Official_Account: '@TOA#_test_OA_for_penn',
    Operator_Account: '107867',
    Owner_Account: '107867',
    Name: 'TestOfficialAccount',
    EventTime: 1670574414123,
  },
});
