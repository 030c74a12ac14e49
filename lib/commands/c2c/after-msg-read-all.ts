import { defineCommand } from '../define.js';
import { eventTimeMs, groupId, msgSeq, userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'C2C.CallbackAfterMsgReadAll',
  cnPage: '269/128225',
  summary: 'A user cleared all their unread messages at once from a client, one-to-one and group conversations alike.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Report_Account', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'C2C.CallbackAfterMsgReadAll' },
      Report_Account: { ...userId, description: 'The UserID that cleared its unread messages.' },
      GroupReadInfo: {
        type: 'array',
        description: 'The groups whose unread messages were cleared.',
        items: {
          title: 'C2CReadAllGroupEntry',
          description: 'One group whose unread messages were cleared.',
          type: 'object',
          required: ['GroupId'],
          properties: {
            GroupId: groupId,
            MsgSeq: {
              ...msgSeq,
              description: 'The group message sequence number the request cleared up to.',
            },
          },
        },
      },
      EventTime: { ...eventTimeMs, description: 'When the unread messages were cleared, Unix time in milliseconds.' },
    },
  },
  example: {
    CallbackCommand: 'C2C.CallbackAfterMsgReadAll',
    Report_Account: 'Jonh',
    EventTime: 1769773302575,
    GroupReadInfo: [{ GroupId: 'groupid', MsgSeq: 100 }],
  },
  drift: [
    'Only the Chinese page 269/128225 documents this command; Tencent’s English pages do not name it yet.',
    'Despite the `C2C.` prefix the page covers group conversations too, and it lists no one-to-one peers at all.',
    '`GroupReadInfo` is optional: the page does not say what is sent when the user is in no group.',
  ],
});
