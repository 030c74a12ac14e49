import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, msgBody, msgSeq, userId } from '../shared/schemas.js';
import { topicId } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterModifyMsg',
  cnPage: '269/129193',
  summary: 'A group message was edited, from a client or by the REST API that modifies group history messages.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Operator_Account', 'GroupId', 'MsgSeq', 'MsgBody', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterModifyMsg' },
      Operator_Account: { ...userId, description: 'The UserID that edited the message.' },
      GroupId: { ...groupId, description: 'The ID of the group that holds the message.' },
      TopicId: {
        ...topicId,
        description: 'The topic that holds the message, in a community with topics enabled; an empty string otherwise.',
      },
      MsgSeq: { ...msgSeq, description: 'The edited message’s sequence number in the group.' },
      MsgBody: {
        ...msgBody,
        description: 'The message’s new content, in TIMMessage format (1047/33527); narrow each element on `MsgType`.',
      },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '2026-03-06T02:09:35.302Z' } }],
    CallbackCommand: 'Group.CallbackAfterModifyMsg',
    Operator_Account: 'oper-user',
    GroupId: 'group-test-2',
    TopicId: '',
    MsgSeq: 53,
    EventTime: 1772762975589,
  },
  drift: [
    'Only the Chinese page 269/129193 documents this command; Tencent’s English pages do not name it yet.',
    '`TopicId` is optional: the example sends `""` outside topics, and a body without it is accepted too.',
    '`EventTime` is a number in the example; a string of digits is accepted too, as on the other Group pages.',
    'The body has no `CloudCustomData`, unlike its C2C twin `C2C.CallbackAfterModifyMsg`, and no old content.',
  ],
});
