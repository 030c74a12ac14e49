import { defineCommand } from '../define.js';
import { C2C_CUSTOM_CODES, eventTimeMs, userId } from '../shared/schemas.js';
import { officialAccountId, subscribeAccountList } from './shared.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackBeforeAddSubscriber',
  page: '1047/60799',
  summary:
    'Before subscribers are added to an Official Account (a client subscribes, or the admin calls `add_subscriber`, at most 100 a call): decide each subscriber.',
  kind: 'list-gate',
  customCodes: C2C_CUSTOM_CODES,
  list: 'SubscribeAccountList',
  member: 'Subscriber_Account',
  refusedField: 'RefusedSubscribers_Account',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'SubscribeAccountList', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackBeforeAddSubscriber' },
      Official_Account: { ...officialAccountId, description: 'The ID of the Official Account to subscribe to.' },
      Operator_Account: {
        ...userId,
        description: 'The UserID that started the request (the subscribing user, or the admin).',
      },
      SubscribeAccountList: { ...subscribeAccountList, description: 'The subscribers to add.' },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackBeforeAddSubscriber',
    Official_Account: '@TOA#_test_for_penn',
    Operator_Account: '107867',
    SubscribeAccountList: [{ Subscriber_Account: 'jared' }, { Subscriber_Account: 'leckie' }],
    EventTime: 1670574414123,
  },
  drift: [
    'The page’s prose once names the reply field `RefusedMembers_Account`; its table and example say `RefusedSubscribers_Account`, which is what is sent.',
  ],
});
