import { defineCommand } from '../define.js';
import {
  C2C_CUSTOM_CODES,
  cloudCustomData,
  msgBody,
  msgRandom,
  msgSeq,
  msgTimeSeconds,
  onlineOnlyFlag,
  userId,
} from '../shared/schemas.js';
import { c2cMsgKey, clientMsgId } from './shared.js';

export default defineCommand({
  command: 'C2C.CallbackBeforeSendMsg',
  page: '1047/34364',
  summary:
    'Before a one-to-one message reaches its recipient (sent from a client or by `sendmsg`): deliver it, refuse it, drop it while the sender is told it was sent, or change its body and custom data.',
  kind: 'message-gate',
  customCodes: C2C_CUSTOM_CODES,
  callerCode: 20006,
  drop: true,
  modify: true,
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'From_Account', 'To_Account', 'MsgBody'],
    properties: {
      CallbackCommand: { const: 'C2C.CallbackBeforeSendMsg' },
      From_Account: { ...userId, description: 'The sender’s UserID (the app admin’s for a REST API send).' },
      To_Account: { ...userId, description: 'The recipient’s UserID.' },
      MsgSeq: msgSeq,
      MsgRandom: msgRandom,
      MsgTime: {
        ...msgTimeSeconds,
        description:
          'When the message was sent, Unix time in seconds (not milliseconds); messages sort by it, then by `MsgSeq` within a second.',
      },
      MsgKey: c2cMsgKey,
      MsgId: clientMsgId,
      OnlineOnlyFlag: onlineOnlyFlag,
      MsgBody: msgBody,
      CloudCustomData: cloudCustomData,
    },
  },
  example: {
    CallbackCommand: 'C2C.CallbackBeforeSendMsg',
    From_Account: 'jared',
    To_Account: 'John',
    MsgSeq: 48374,
    MsgRandom: 2837546,
    MsgTime: 1557481126,
    MsgKey: '48374_2837546_1557481126',
    OnlineOnlyFlag: 1,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
    CloudCustomData: 'your cloud custom data',
  },
  drift: [
    'Only the two parties and `MsgBody` are required: an older revision of the page lacks `OnlineOnlyFlag` and `CloudCustomData`, the Go SDK dobyte/tencent-im lacks `OnlineOnlyFlag`, and an old copy of the Chinese example quoted in third-party code has no `MsgSeq`, `MsgRandom`, `MsgTime` or `MsgKey`; a refused body can block the message.',
    '`MsgId` is not on 1047/34364; a Chinese copy of this example quoted in third-party code, and the China-site page of `C2C.CallbackAfterSendMsg` (269/2716), carry it, so it is declared, optional.',
    'The body has no `EventTime` and no operator; only `OptPlatform=RESTAPI` in the query tells an admin’s send apart.',
    'The English reply text of `ErrorCode` 1 says “send group messages”: a slip; the Chinese text says one-to-one, and the sender gets `20006`.',
    'The English example names the recipient `John`; the Chinese one and the other C2C pages write `Jonh`.',
  ],
});
