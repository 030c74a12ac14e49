import { defineCommand } from '../define.js';
import {
  cloudCustomData,
  eventTimeMsNumberOrString,
  groupId,
  msgBody,
  msgRandom,
  onlineOnlyFlag,
  userId,
} from '../shared/schemas.js';
import { groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackSendMsgException',
  page: '1047/49462',
  summary:
    'A group message, sent from a client or by the REST API, could not be delivered to the members (bad parameters, rate limit, content filter, or a muted sender); the body says why.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: [
      'CallbackCommand',
      'GroupId',
      'Type',
      'From_Account',
      'Operator_Account',
      'Random',
      'MsgBody',
      'ErrorCode',
      'ErrorInfo',
      'EventTime',
    ],
    properties: {
      CallbackCommand: { const: 'Group.CallbackSendMsgException' },
      GroupId: { ...groupId, description: 'The ID of the group the message was sent to.' },
      Type: groupType,
      From_Account: { ...userId, description: 'The sender’s UserID.' },
      Operator_Account: {
        ...userId,
        description: 'The UserID that made the request: the sender, or the app admin when sent by the REST API.',
      },
      Random: { ...msgRandom, description: 'The 32-bit unsigned random number of the send request.' },
      OnlineOnlyFlag: {
        ...onlineOnlyFlag,
        description: `${onlineOnlyFlag.description} Always \`0\` in AVChatRoom groups.`,
      },
      MsgBody: msgBody,
      CloudCustomData: cloudCustomData,
      ErrorCode: {
        type: 'integer',
        description:
          'Why delivery failed: Tencent’s error code (1047/34348), e.g. `10023` for too many messages. It describes the failure; it is not a reply field.',
      },
      ErrorInfo: {
        type: 'string',
        description: 'Tencent’s text for the failure, e.g. `msg count exceeds limit,please retry later`.',
      },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackSendMsgException',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    From_Account: 'jared',
    Operator_Account: 'admin',
    Random: 123456,
    OnlineOnlyFlag: 1,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
    CloudCustomData: 'your cloud custom data',
    ErrorCode: 10023,
    ErrorInfo: 'msg count exceeds limit,please retry later',
    EventTime: '1670574414123',
  },
  drift: [
    'The body’s `ErrorCode` and `ErrorInfo` carry the delivery failure; they share their names with the reply’s fields, which must stay `0` and `""`.',
    '`EventTime` is an Integer in the table but a string in the example: both are accepted.',
    'The English example lacks the comma after `ErrorInfo` (the Chinese twin has it); it is added here.',
    '`OnlineOnlyFlag` and `CloudCustomData` are optional: a message need not carry custom data.',
    'The body has no `MsgSeq`, `MsgTime` or `MsgKey`: the message was never stored.',
  ],
});
