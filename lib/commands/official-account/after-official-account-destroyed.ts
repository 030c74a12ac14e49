import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';
import { officialAccountId } from './shared.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
  page: '1047/60798',
  summary: 'An Official Account was destroyed.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Official_Account', 'Owner_Account', 'Name', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed' },
      Official_Account: { ...officialAccountId, description: 'The destroyed Official Account’s ID.' },
      Owner_Account: { ...userId, description: 'The UserID that owned it (its creator).' },
      Name: { type: 'string', description: 'Its name.' },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
    Official_Account: '@TOA#_test_OA_for_penn',
    Owner_Account: '107867',
    Name: 'TestOfficialAccount',
    EventTime: 1670574414123,
  },
  drift: ['The body has no `Operator_Account`.'],
});
