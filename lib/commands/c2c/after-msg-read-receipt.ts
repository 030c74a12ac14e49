import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';
import { c2cMsgKey, clientMsgId } from './shared.js';

export default defineCommand({
  command: 'C2C.CallbackAfterMsgReadReceipt',
  cnPage: '269/128223',
  summary: 'A user sent read receipts for one-to-one messages, from a client or through the REST API that sends them.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Operator_Account', 'Peer_Account', 'C2CMsgInfo', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'C2C.CallbackAfterMsgReadReceipt' },
      Operator_Account: { ...userId, description: 'The UserID that sent the receipts: the reader.' },
      Peer_Account: { ...userId, description: 'The UserID of the other party of the conversation.' },
      C2CMsgInfo: {
        type: 'array',
        description: 'The messages the receipts are for.',
        items: {
          title: 'C2CReadReceiptMessage',
          description: 'One message acknowledged as read.',
          type: 'object',
          required: ['From_Account', 'To_Account', 'MsgKey'],
          properties: {
            From_Account: { ...userId, description: 'The UserID that sent the message.' },
            To_Account: { ...userId, description: 'The UserID that received it.' },
            MsgKey: { ...c2cMsgKey, description: 'The message’s key, as in `C2C.CallbackAfterSendMsg`.' },
            MsgId: clientMsgId,
          },
        },
      },
      EventTime: { ...eventTimeMs, description: 'When the receipts were sent, Unix time in milliseconds.' },
    },
  },
  example: {
    CallbackCommand: 'C2C.CallbackAfterMsgReadReceipt',
    Operator_Account: 'jared',
    Peer_Account: 'Jonh',
    C2CMsgInfo: [
      {
        From_Account: 'Jonh',
        To_Account: 'jared',
        MsgKey: '33973751_24064952_1769139583',
        MsgId: '144115433090395387-1769139578-24064952',
      },
    ],
    EventTime: 1769139587754,
  },
  drift: [
    'Only the Chinese page 269/128223 documents this command; Tencent’s English pages do not name it yet.',
    '`C2CMsgInfo` is in the Chinese example but not in its field table; its items’ `MsgId` is optional.',
  ],
});
