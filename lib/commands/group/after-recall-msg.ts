import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, msgSeq, userId } from '../shared/schemas.js';
import { clientMsgId, groupType, topicId } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterRecallMsg',
  page: '1047/46979',
  cnPage: '269/73141',
  summary: 'Group messages were recalled from a client or by the REST API `group_msg_recall`.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Operator_Account', 'Type', 'GroupId', 'MsgSeqList'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterRecallMsg' },
      Operator_Account: { ...userId, description: 'The UserID that recalled the messages.' },
      Type: groupType,
      GroupId: { ...groupId, description: 'The ID of the group whose messages were recalled.' },
      MsgSeqList: {
        type: 'array',
        description: 'The recalled messages.',
        items: {
          title: 'GroupRecalledMessage',
          type: 'object',
          description: 'One recalled group message.',
          required: ['MsgSeq'],
          properties: {
            MsgSeq: {
              ...msgSeq,
              description: 'The recalled message’s sequence number, as in `Group.CallbackAfterSendMsg`.',
            },
            MsgId: clientMsgId,
          },
        },
      },
      TopicId: { ...topicId, description: 'The topic of the recalled messages, in a community with topics enabled.' },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterRecallMsg',
    Operator_Account: 'admin',
    Type: 'Community',
    GroupId: '1213456',
    MsgSeqList: [{ MsgSeq: 130 }],
    TopicId: '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic',
    EventTime: '1670574414123',
  },
  drift: [
    'The English example writes `EventTime` as a string, the Chinese page (269/73141) as a number: both are accepted.',
    '`EventTime` and `TopicId` are optional: the 2022 revision of the English page had neither, and `TopicId` is sent only for topics.',
    'The Chinese page adds `MsgId` to each `MsgSeqList` item; optional.',
    'The body names neither the messages’ senders nor a reason.',
    'The English command list (1047/34355) leaves this command out, though it has its own page.',
  ],
});
