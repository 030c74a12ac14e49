import { defineCommand } from '../define.js';
import { eventTimeMs } from '../shared/schemas.js';
import { officialAccountId, officialAccountMsgKey } from './shared.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackAfterMsgWithDraw',
  page: '1047/60805',
  summary: 'Official Account messages were recalled by a client or by `official_account_msg_recall`.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Official_Account', 'WithdrawMsgList', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackAfterMsgWithDraw' },
      Official_Account: {
        ...officialAccountId,
        description: 'The ID of the Official Account whose messages were recalled.',
      },
      WithdrawMsgList: {
        type: 'array',
        description: 'The recalled messages.',
        items: {
          title: 'WithdrawnMessage',
          type: 'object',
          required: ['MsgKey'],
          properties: {
            MsgKey: {
              ...officialAccountMsgKey,
              description: 'The recalled message’s key, as in `CallbackAfterSendMsg` (e.g. `71_1_1698741698`).',
            },
          },
        },
      },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackAfterMsgWithDraw',
    Official_Account: '#TOA#_123',
    WithdrawMsgList: [{ MsgKey: '71_1_1698741698' }],
    EventTime: 1670574414123,
  },
  drift: [
    'Tencent spells the command with a capital `D`: `MsgWithDraw`.',
    'The page’s example names its account `#TOA#_123` where every other page writes `@TOA#_…`; kept as the page has it.',
    'The body has no operator and no reason.',
  ],
});
