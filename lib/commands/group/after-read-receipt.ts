import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, msgSeq } from '../shared/schemas.js';
import { groupMemberList, groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterReadReceipt',
  page: '1047/60395',
  summary:
    'Members acknowledged group messages as read, or a read receipt was sent from a client or by the REST API (not in communities).',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'GroupMsgReceiptList', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterReadReceipt' },
      GroupId: { ...groupId, description: 'The ID of the group.' },
      Type: { ...groupType, description: `${groupType.description} \`Community\` groups do not have read receipts.` },
      GroupMsgReceiptList: {
        type: 'array',
        description: 'The read state of each message concerned.',
        items: {
          title: 'GroupMsgReceipt',
          type: 'object',
          description: 'The read state of one group message.',
          required: ['MsgSeq'],
          properties: {
            MsgSeq: { ...msgSeq, description: 'The message’s sequence number in the group.' },
            ReadNum: { type: 'integer', minimum: 0, description: 'How many members have read the message.' },
            UnreadNum: { type: 'integer', minimum: 0, description: 'How many members have not read it yet.' },
            ReadReceiptMembers: {
              ...groupMemberList,
              description:
                'The members who read it. Whether these are only the new readers or all of them is not documented.',
            },
          },
        },
      },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterReadReceipt',
    GroupId: '@TGS#2TTV7VSII',
    Type: 'Public',
    GroupMsgReceiptList: [
      { MsgSeq: 1, ReadNum: 1, UnreadNum: 6, ReadReceiptMembers: [{ Member_Account: 'user0' }] },
      { MsgSeq: 2, ReadNum: 1, UnreadNum: 6, ReadReceiptMembers: [{ Member_Account: 'user0' }] },
    ],
    EventTime: '1670574414123',
  },
  drift: [
    'The page’s example lacks the comma after the first `"UnreadNum": 6`; it is added here.',
    '`ReadNum`, `UnreadNum` and `ReadReceiptMembers` are optional in each item; only `MsgSeq` names the message.',
    '`EventTime` is an Integer in the table but a string in the example: both are accepted.',
  ],
});
