import { defineCommand } from '../define.js';
import {
  cloudCustomData,
  eventTimeMs,
  msgBody,
  msgRandom,
  msgSeq,
  msgTimeSeconds,
  onlineOnlyFlag,
  userId,
} from '../shared/schemas.js';

export default defineCommand({
  command: 'Bot.OnC2CMessage',
  page: '1047/68952',
  cnPage: '269/90407',
  summary:
    'A one-to-one message, from a client or the REST API, was delivered to a chatbot account (suppressed when `C2C.CallbackBeforeSendMsg` refused it).',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'From_Account', 'To_Account', 'MsgSeq', 'MsgRandom', 'MsgTime', 'MsgKey', 'MsgBody'],
    properties: {
      CallbackCommand: { const: 'Bot.OnC2CMessage' },
      From_Account: { ...userId, description: 'The sender.' },
      To_Account: { ...userId, description: 'The chatbot account that received the message (e.g. `@RBT#…`).' },
      MsgSeq: msgSeq,
      MsgRandom: msgRandom,
      MsgTime: msgTimeSeconds,
      MsgKey: {
        type: 'string',
        minLength: 1,
        description:
          'The message’s unique key (e.g. `48374_2837546_1557481126`); the REST API recalls a one-to-one message by it.',
      },
      MsgId: {
        type: 'string',
        description: 'The message’s ID on the client (e.g. `144115233406643804-1727580296-4026038328`).',
      },
      OnlineOnlyFlag: onlineOnlyFlag,
      SendMsgResult: {
        type: 'integer',
        description: 'The delivery result: `0` delivered, otherwise the error code of the failure.',
      },
      ErrorInfo: {
        type: 'string',
        description: 'Why delivery failed; `send msg succeed` when it did not.',
      },
      UnreadMsgNum: {
        type: 'integer',
        description:
          'How many one-to-one messages the receiver has unread in all conversations; `-1` when delivery failed.',
      },
      MsgBody: msgBody,
      CloudCustomData: cloudCustomData,
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'Bot.OnC2CMessage',
    From_Account: 'jared',
    To_Account: 'Jonh',
    MsgSeq: 48374,
    MsgRandom: 2837546,
    MsgTime: 1557481126,
    MsgKey: '48374_2837546_1557481126',
    OnlineOnlyFlag: 1,
    SendMsgResult: 0,
    ErrorInfo: 'send msg succeed',
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
    CloudCustomData: 'your cloud custom data',
    EventTime: 1670574414123,
  },
  drift: [
    '`MsgId` is only on the Chinese page (269/90407); `UnreadMsgNum` only in a community SDK; both are optional.',
    '`EventTime` is in the English example but not in the community SDK: optional.',
    '`OnlineOnlyFlag`, `SendMsgResult`, `ErrorInfo` and `CloudCustomData` are optional: a message without them is still a message.',
  ],
});
