import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';
import { c2cMsgKey, unreadMsgNum } from './shared.js';

export default defineCommand({
  command: 'C2C.CallbackAfterMsgWithDraw',
  page: '1047/43466',
  cnPage: '269/61697',
  summary: 'A one-to-one message was recalled, by its sender on a client or by `admin_msgwithdraw`.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'From_Account', 'To_Account', 'MsgKey'],
    properties: {
      CallbackCommand: { const: 'C2C.CallbackAfterMsgWithDraw' },
      From_Account: { ...userId, description: 'The UserID that sent the recalled message.' },
      To_Account: { ...userId, description: 'The UserID that received the recalled message.' },
      MsgKey: { ...c2cMsgKey, description: 'The recalled message’s key, as in `C2C.CallbackAfterSendMsg`.' },
      UnreadMsgNum: {
        ...unreadMsgNum,
        description: 'How many one-to-one messages `To_Account` has unread, all conversations together.',
      },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'C2C.CallbackAfterMsgWithDraw',
    From_Account: 'jared',
    To_Account: 'Jonh',
    MsgKey: '48374_2837546_1557481126',
    UnreadMsgNum: 7,
  },
  drift: [
    'Tencent spells the command with a capital `D`: `MsgWithDraw`.',
    'The English page has `UnreadMsgNum` and no `EventTime`; the China-site page 269/61697 has `EventTime` and no `UnreadMsgNum`: both are optional.',
    'The body names no operator and no reason: a recall by the admin looks like one by the sender, except for `OptPlatform=RESTAPI` in the query.',
  ],
});
