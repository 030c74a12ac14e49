import { defineCommand } from '../define.js';
import { C2C_CUSTOM_CODES, cloudCustomData, eventTimeMs, msgBody, onlineOnlyFlag } from '../shared/schemas.js';
import { officialAccountId } from './shared.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackBeforeSendMsg',
  page: '1047/60803',
  summary:
    'Before an Official Account message is sent to the subscribers: send it, refuse it, drop it silently or change it.',
  kind: 'message-gate',
  customCodes: C2C_CUSTOM_CODES,
  callerCode: 10016,
  drop: true,
  modify: true,
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Official_Account', 'MsgBody', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackBeforeSendMsg' },
      Official_Account: { ...officialAccountId, description: 'The sending Official Account’s ID.' },
      OnlineOnlyFlag: onlineOnlyFlag,
      MsgBody: msgBody,
      CloudCustomData: cloudCustomData,
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackBeforeSendMsg',
    Official_Account: '@TOA#_2J4SZEAEL',
    OnlineOnlyFlag: 1,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
    CloudCustomData: 'your cloud custom data',
    EventTime: 1670574414123,
  },
  drift: [
    '`OnlineOnlyFlag` and `CloudCustomData` are optional: refusing a body without them would refuse the message.',
    'The body names no sender and has no `MsgKey` yet.',
  ],
});
