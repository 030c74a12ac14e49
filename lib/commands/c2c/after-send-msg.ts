import { defineCommand } from '../define.js';
import {
  cloudCustomData,
  msgBody,
  msgRandom,
  msgSeq,
  msgTimeSeconds,
  onlineOnlyFlag,
  userId,
} from '../shared/schemas.js';
import { c2cMsgKey, clientMsgId, unreadMsgNum } from './shared.js';

export default defineCommand({
  command: 'C2C.CallbackAfterSendMsg',
  page: '1047/34365',
  cnPage: '269/2716',
  summary:
    'A one-to-one message was handed to its recipient, or failed to be (a filtered word, say): `SendMsgResult` tells which.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'From_Account', 'To_Account', 'MsgBody'],
    properties: {
      CallbackCommand: { const: 'C2C.CallbackAfterSendMsg' },
      From_Account: { ...userId, description: 'The sender’s UserID (the app admin’s for a REST API send).' },
      To_Account: { ...userId, description: 'The recipient’s UserID.' },
      MsgSeq: msgSeq,
      MsgRandom: msgRandom,
      MsgTime: msgTimeSeconds,
      MsgKey: c2cMsgKey,
      MsgId: clientMsgId,
      OnlineOnlyFlag: onlineOnlyFlag,
      SendMsgResult: {
        type: 'integer',
        description:
          '`0` when the message was delivered; any other value is the error code of the failure (1047/34348).',
      },
      ErrorInfo: {
        type: 'string',
        description:
          'Why the delivery failed; `send msg succeed` on success. Part of the request, not the reply field of the same name.',
      },
      UnreadMsgNum: {
        ...unreadMsgNum,
        description:
          'How many one-to-one messages `To_Account` has unread, all conversations together; `-1` when the delivery failed.',
      },
      MsgBody: {
        ...msgBody,
        description:
          'The message’s elements, in TIMMessage format (1047/33527), as changed by `C2C.CallbackBeforeSendMsg` if it changed them; narrow each on `MsgType`.',
      },
      CloudCustomData: cloudCustomData,
    },
  },
  example: {
    CallbackCommand: 'C2C.CallbackAfterSendMsg',
    From_Account: 'jared',
    To_Account: 'Jonh',
    MsgSeq: 48374,
    MsgRandom: 2837546,
    MsgTime: 1557481126,
    MsgKey: '48374_2837546_1557481126',
    OnlineOnlyFlag: 1,
    SendMsgResult: 0,
    ErrorInfo: 'send msg succeed',
    UnreadMsgNum: 7,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
    CloudCustomData: 'your cloud custom data',
  },
  drift: [
    'Only the two parties and `MsgBody` are required, as in `C2C.CallbackBeforeSendMsg`: an older revision of the page lacks `OnlineOnlyFlag`, `UnreadMsgNum` and `CloudCustomData`, and an old copy of the Chinese example quoted in third-party code has none of the message’s numbers nor `SendMsgResult`.',
    'The China-site page 269/2716 adds `MsgId` and its example has no `UnreadMsgNum`; both are optional.',
    'The body has no `EventTime`.',
  ],
});
