import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';
import { unreadMsgNum } from './shared.js';

export default defineCommand({
  command: 'C2C.CallbackAfterMsgReport',
  page: '1047/43465',
  cnPage: '269/61696',
  summary: 'A user marked a one-to-one conversation as read, from a client or through `admin_set_msg_read`.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Report_Account', 'Peer_Account', 'LastReadTime'],
    properties: {
      CallbackCommand: { const: 'C2C.CallbackAfterMsgReport' },
      Report_Account: { ...userId, description: 'The UserID of the reader, who reported the conversation read.' },
      Peer_Account: { ...userId, description: 'The UserID of the other party of the conversation.' },
      LastReadTime: {
        type: 'integer',
        minimum: 0,
        description:
          'Up to when the conversation was read, Unix time in seconds (the pages state no unit; their example is in seconds).',
      },
      UnreadMsgNum: {
        ...unreadMsgNum,
        description: 'How many one-to-one messages `Report_Account` still has unread, all conversations together.',
      },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'C2C.CallbackAfterMsgReport',
    Report_Account: 'jared',
    Peer_Account: 'Jonh',
    LastReadTime: 1614754606,
    UnreadMsgNum: 7,
  },
  drift: [
    'The English page has `UnreadMsgNum` and no `EventTime`; the China-site page 269/61696 has `EventTime` and no `UnreadMsgNum`: both are optional.',
    'The read is of a whole conversation: the body names no message.',
  ],
});
