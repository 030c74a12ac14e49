import { defineCommand } from '../define.js';
import {
  GROUP_CUSTOM_CODES,
  cloudCustomData,
  eventTimeMsNumberOrString,
  groupId,
  msgBody,
  msgRandom,
  onlineOnlyFlag,
  userId,
} from '../shared/schemas.js';
import { clientMsgId, groupType, topicId } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackBeforeSendMsg',
  page: '1047/34374',
  cnPage: '269/1619',
  summary:
    'Before a group message, sent from a client or by the REST API, is delivered to the members: send it, refuse it, drop it silently or change it.',
  kind: 'message-gate',
  customCodes: GROUP_CUSTOM_CODES,
  callerCode: 10016,
  drop: true,
  modify: true,
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'From_Account', 'MsgBody'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackBeforeSendMsg' },
      GroupId: { ...groupId, description: 'The ID of the group the message is sent to.' },
      Type: groupType,
      From_Account: { ...userId, description: 'The sender’s UserID.' },
      Operator_Account: {
        ...userId,
        description: 'The UserID that made the request: the sender, or the app admin when sent by the REST API.',
      },
      Random: { ...msgRandom, description: 'The 32-bit unsigned random number of the send request.' },
      MsgId: clientMsgId,
      OnlineOnlyFlag: {
        ...onlineOnlyFlag,
        description: `${onlineOnlyFlag.description} Always \`0\` in AVChatRoom groups.`,
      },
      MsgBody: msgBody,
      CloudCustomData: cloudCustomData,
      TopicId: { ...topicId, description: 'The topic the message is sent to, in a community with topics enabled.' },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackBeforeSendMsg',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Community',
    From_Account: 'jared',
    Operator_Account: 'admin',
    Random: 123456,
    OnlineOnlyFlag: 1,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
    CloudCustomData: 'your cloud custom data',
    TopicId: '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic',
    EventTime: '1670574414123',
  },
  drift: [
    'Only `GroupId`, `Type`, `From_Account` and `MsgBody` are required: a refused body blocks the message, so `Operator_Account`, `Random`, `OnlineOnlyFlag`, `CloudCustomData` and `EventTime` are optional although every example has them.',
    '`EventTime` is an Integer in the tables but a string in the example: both are accepted.',
    '`MsgId` is on the Chinese page (269/1619) and the TRTC Live copy (647/74347) only; optional.',
    '`TopicId` is sent only for a message in a topic; optional.',
    'There is no `MsgSeq` or `MsgTime` yet: both are assigned after the gate.',
    'Admin messages sent with `ForbidCallbackControl: ["ForbidBeforeSendMsgCallback"]` skip this gate, and a group muted for all never reaches it (error 10017).',
  ],
});
