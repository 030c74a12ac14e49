import { BEFORE_ADD_SUBSCRIBER_COMMAND } from './official-account/commands.js';
import { USER_ID_MAX_LENGTH } from './protocol/constants.js';

export { USER_ID_MAX_LENGTH };

/**
 * JSON Schema (draft-07) of the `OfficialAccount.CallbackBeforeAddSubscriber` body. Unknown fields
 * are allowed everywhere, because Tencent adds fields over time.
 */
export const beforeAddSubscriberSchema = {
  $id: 'https://github.com/express-tencent-chat-webhook/schemas/before-add-subscriber.json',
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'SubscribeAccountList', 'EventTime'],
  properties: {
    CallbackCommand: { const: BEFORE_ADD_SUBSCRIBER_COMMAND },
    Official_Account: { type: 'string', minLength: 1 },
    Operator_Account: { type: 'string' },
    SubscribeAccountList: {
      type: 'array',
      items: {
        type: 'object',
        required: ['Subscriber_Account'],
        properties: {
          Subscriber_Account: { type: 'string', minLength: 1, maxLength: USER_ID_MAX_LENGTH },
        },
      },
    },
    EventTime: { type: 'integer', minimum: 0 },
  },
} as const;
