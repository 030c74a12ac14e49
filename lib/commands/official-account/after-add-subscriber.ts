import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';
import { officialAccountId, subscribeAccountList } from './shared.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackAfterAddSubscriber',
  page: '1047/60800',
  summary: 'Subscribers were added to an Official Account.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'SubscribeAccountList', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackAfterAddSubscriber' },
      Official_Account: { ...officialAccountId, description: 'The ID of the Official Account subscribed to.' },
      Operator_Account: { ...userId, description: 'The UserID that started the request.' },
      SubscribeAccountList: {
        ...subscribeAccountList,
        description:
          'The subscribers added. Whether the ones refused by `CallbackBeforeAddSubscriber` are left out is not documented.',
      },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber',
    Official_Account: '@TOA#_test_for_penn',
    Operator_Account: '107867',
    SubscribeAccountList: [{ Subscriber_Account: 'jared' }, { Subscriber_Account: 'leckie' }],
    EventTime: 1670574414123,
  },
});
