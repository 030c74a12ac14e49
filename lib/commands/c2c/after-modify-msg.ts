import { defineCommand } from '../define.js';
import { cloudCustomData, eventTimeMs, msgBody, msgRandom, msgSeq, msgTimeSeconds, userId } from '../shared/schemas.js';
import { c2cMsgKey } from './shared.js';

export default defineCommand({
  command: 'C2C.CallbackAfterModifyMsg',
  cnPage: '269/128224',
  summary: 'A one-to-one message was edited, from a client or through the REST API that modifies past messages.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Operator_Account', 'From_Account', 'To_Account', 'MsgKey', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'C2C.CallbackAfterModifyMsg' },
      Operator_Account: { ...userId, description: 'The UserID that edited the message.' },
      From_Account: { ...userId, description: 'The UserID that sent the message.' },
      To_Account: { ...userId, description: 'The UserID that received it.' },
      MsgSeq: msgSeq,
      MsgRandom: msgRandom,
      MsgTime: msgTimeSeconds,
      MsgKey: { ...c2cMsgKey, description: 'The edited message’s key, as in `C2C.CallbackAfterSendMsg`.' },
      MsgBody: {
        ...msgBody,
        description:
          'The message’s elements after the edit, in TIMMessage format (1047/33527); narrow each on `MsgType`.',
      },
      CloudCustomData: {
        ...cloudCustomData,
        description: 'The message’s custom data after the edit, stored in the cloud and delivered with it.',
      },
      EventTime: { ...eventTimeMs, description: 'When the message was edited, Unix time in milliseconds.' },
    },
  },
  example: {
    CloudCustomData: '1769772027',
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '2026-01-30T11:20:26.548Z' } }],
    CallbackCommand: 'C2C.CallbackAfterModifyMsg',
    Operator_Account: 'jared',
    From_Account: 'jared',
    To_Account: 'Jonh',
    MsgRandom: 690,
    MsgSeq: 609,
    MsgTime: 1769771529,
    MsgKey: '609_690_1769771529',
    EventTime: 1769772027036,
  },
  drift: [
    'Only the Chinese page 269/128224 documents this command; Tencent’s English pages do not name it yet.',
    'Our copy of the Chinese field table stops after `To_Account`; `MsgSeq`, `MsgRandom`, `MsgTime`, `MsgKey` and `EventTime` are typed from the example.',
    '`MsgBody` and `CloudCustomData` are optional: an edit may change only one of them, and the page does not say whether the other is sent.',
  ],
});
