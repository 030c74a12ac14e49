import { defineCommand } from '../define.js';
import {
  cloudCustomData,
  eventTimeMsNumberOrString,
  groupId,
  msgBody,
  msgRandom,
  msgSeq,
  msgTimeSeconds,
  onlineOnlyFlag,
  userId,
} from '../shared/schemas.js';
import { clientMsgId, groupType, topicId } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterSendMsg',
  page: '1047/34375',
  summary: 'A group message, sent from a client or by the REST API, was delivered to the members.',
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
      'MsgSeq',
      'MsgTime',
      'MsgBody',
      'EventTime',
    ],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterSendMsg' },
      GroupId: { ...groupId, description: 'The ID of the group the message was sent to.' },
      Type: groupType,
      From_Account: { ...userId, description: 'The sender’s UserID.' },
      Operator_Account: {
        ...userId,
        description: 'The UserID that made the request: the sender, or the app admin when sent by the REST API.',
      },
      Random: { ...msgRandom, description: 'The 32-bit unsigned random number of the send request.' },
      MsgId: clientMsgId,
      MsgSeq: {
        ...msgSeq,
        description:
          'The message’s sequence number in the group: it orders the group’s messages and, with `GroupId`, names the message for the REST recall API.',
      },
      MsgTime: msgTimeSeconds,
      OnlineOnlyFlag: {
        ...onlineOnlyFlag,
        description: `${onlineOnlyFlag.description} Always \`0\` in AVChatRoom groups.`,
      },
      MsgBody: msgBody,
      CloudCustomData: cloudCustomData,
      TopicId: { ...topicId, description: 'The topic the message was sent to, in a community with topics enabled.' },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterSendMsg',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    From_Account: 'jared',
    Operator_Account: 'admin',
    Random: 123456,
    MsgSeq: 123,
    MsgTime: 1490686222,
    OnlineOnlyFlag: 1,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
    CloudCustomData: 'your cloud custom data',
    EventTime: '1670574414123',
  },
  drift: [
    '`EventTime` is an Integer in the tables but a string in the example: both are accepted.',
    '`MsgId` is on the Chinese version of the page (tencentcloud.com/zh, 1047/34375) and the TRTC Live copy (647/74348) only; optional.',
    '`TopicId` is in the table but not the example, and only for a message in a topic; optional.',
    '`OnlineOnlyFlag` and `CloudCustomData` are optional: a message need not carry custom data.',
    'Unlike C2C, failed deliveries do not come here but to `Group.CallbackSendMsgException`.',
    'A community SDK models `GroupAtInfo` (@-mentions); no Tencent page shows it, so it is left to pass as an unknown field.',
  ],
});
