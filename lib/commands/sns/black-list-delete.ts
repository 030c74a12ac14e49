import { defineCommand } from '../define.js';
import { snsPair } from './shared.js';

export default defineCommand({
  command: 'Sns.CallbackBlackListDelete',
  page: '1047/34362',
  summary: 'Users were removed from a blocklist, by a client or through the REST API.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'PairList'],
    properties: {
      CallbackCommand: { const: 'Sns.CallbackBlackListDelete' },
      PairList: {
        type: 'array',
        description: 'The blocks lifted: each `To_Account` was removed from the blocklist of its `From_Account`.',
        items: snsPair,
      },
    },
  },
  example: {
    CallbackCommand: 'Sns.CallbackBlackListDelete',
    PairList: [
      { From_Account: 'id', To_Account: 'id1' },
      { From_Account: 'id', To_Account: 'id2' },
      { From_Account: 'id', To_Account: 'id3' },
    ],
  },
  drift: ['Tencent spells the command with a capital `L`: `BlackList`.', 'The body has no `EventTime`.'],
});
