import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';
import { officialAccountId, subscribeAccountList } from './shared.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackAfterDeleteSubscriber',
  page: '1047/60802',
  summary: 'Users unsubscribed from an Official Account, or the admin called `delete_subscriber`.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'SubscribeAccountList', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackAfterDeleteSubscriber' },
      Official_Account: { ...officialAccountId, description: 'The ID of the Official Account unsubscribed from.' },
      Operator_Account: { ...userId, description: 'The UserID that started the request.' },
      SubscribeAccountList: { ...subscribeAccountList, description: 'The subscribers removed.' },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackAfterDeleteSubscriber',
    Official_Account: '@TOA#_test_OA_for_penn',
    Operator_Account: 'leckie',
    SubscribeAccountList: [{ Subscriber_Account: 'jared' }, { Subscriber_Account: 'leckie' }],
    EventTime: 1670574414123,
  },
});
