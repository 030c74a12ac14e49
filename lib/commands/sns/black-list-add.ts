import { defineCommand } from '../define.js';
import { snsPair } from './shared.js';

export default defineCommand({
  command: 'Sns.CallbackBlackListAdd',
  page: '1047/34361',
  summary: 'Users were added to a blocklist, by a client or through the REST API.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'PairList'],
    properties: {
      CallbackCommand: { const: 'Sns.CallbackBlackListAdd' },
      PairList: {
        type: 'array',
        description: 'The blocks added: each `To_Account` is now in the blocklist of its `From_Account`.',
        items: snsPair,
      },
    },
  },
  example: {
    CallbackCommand: 'Sns.CallbackBlackListAdd',
    PairList: [
      { From_Account: 'id', To_Account: 'id1' },
      { From_Account: 'id', To_Account: 'id2' },
      { From_Account: 'id', To_Account: 'id3' },
    ],
  },
  drift: ['Tencent spells the command with a capital `L`: `BlackList`.', 'The body has no `EventTime`.'],
});
