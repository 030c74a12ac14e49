import { defineCommand } from '../define.js';
import { eventTimeMs } from '../shared/schemas.js';
import { officialAccountId } from './shared.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackAfterOfficialAccountFull',
  page: '1047/60801',
  summary: 'A subscription filled an Official Account up to its `MaxSubscriberNum` (100000 unless set otherwise).',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Official_Account', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackAfterOfficialAccountFull' },
      Official_Account: { ...officialAccountId, description: 'The ID of the Official Account that is full.' },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountFull',
    Official_Account: '@TOA#_test_OA_for_penn',
    EventTime: 1670574414123,
  },
  drift: ['The body has no count, no operator and no subscriber list.'],
});
