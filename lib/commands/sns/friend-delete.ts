import { defineCommand } from '../define.js';
import { snsPair } from './shared.js';

export default defineCommand({
  command: 'Sns.CallbackFriendDelete',
  page: '1047/34360',
  summary: 'Friends were deleted, by a client or through the REST API.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'PairList'],
    properties: {
      CallbackCommand: { const: 'Sns.CallbackFriendDelete' },
      PairList: {
        type: 'array',
        description:
          'The friendships deleted: each `To_Account` was removed from the friend list of its `From_Account`.',
        items: snsPair,
      },
    },
  },
  example: {
    CallbackCommand: 'Sns.CallbackFriendDelete',
    PairList: [
      { From_Account: 'id', To_Account: 'id1' },
      { From_Account: 'id', To_Account: 'id2' },
      { From_Account: 'id', To_Account: 'id3' },
    ],
  },
  drift: [
    'The body has no `EventTime`, no operator and no one-way/two-way flag; whether a two-way delete gives two pairs is not documented.',
  ],
});
