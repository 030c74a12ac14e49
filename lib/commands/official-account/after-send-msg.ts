import { defineCommand } from '../define.js';
import { cloudCustomData, eventTimeMs, msgBody, msgTimeSeconds, onlineOnlyFlag } from '../shared/schemas.js';
import { officialAccountId, officialAccountMsgKey } from './shared.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackAfterSendMsg',
  page: '1047/60804',
  cnPage: '269/102324',
  summary: 'An Official Account message was delivered to the subscribers.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Official_Account', 'MsgKey', 'MsgTime', 'MsgBody', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackAfterSendMsg' },
      Official_Account: { ...officialAccountId, description: 'The sending Official Account’s ID.' },
      MsgKey: {
        ...officialAccountMsgKey,
        description:
          'The message’s unique key, `Seq_1_ServerTime` (e.g. `71_1_1698741698`); the REST API recalls a message by it.',
      },
      MsgTime: msgTimeSeconds,
      OnlineOnlyFlag: onlineOnlyFlag,
      MsgBody: msgBody,
      CloudCustomData: cloudCustomData,
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackAfterSendMsg',
    Official_Account: '@TOA#_2J4SZEAEL',
    MsgKey: '71_1_1698741698',
    MsgTime: 1490686222,
    OnlineOnlyFlag: 1,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
    CloudCustomData: 'your cloud custom data',
    EventTime: 1670574414123,
  },
  drift: ['The body names no sender and has no per-subscriber result.'],
});
