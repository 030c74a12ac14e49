import { defineCommand } from '../define.js';
import { eventTimeMs, msgRandom, msgSeq, userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'Chatbot.OnC2CSignalMessage',
  page: '1047/59057',
  cnPage: '269/103730',
  summary:
    'A user sent custom pass-through content to the AI chatbot; the handler’s answer goes back to the chatbot in the reply’s `RspData`.',
  kind: 'reply-data',
  replyField: 'RspData',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'From_Account', 'To_Account', 'MsgKey', 'EventTime', 'Data'],
    properties: {
      CallbackCommand: { const: 'Chatbot.OnC2CSignalMessage' },
      From_Account: { ...userId, description: 'The user who sent the content.' },
      To_Account: { ...userId, description: 'The chatbot account it was sent to (e.g. `@RBT#chatbot`).' },
      MsgSeq: msgSeq,
      MsgRandom: msgRandom,
      MsgKey: {
        type: 'string',
        minLength: 1,
        description:
          'The message’s unique key (e.g. `8765_5678_4321`); the REST API recalls a one-to-one message by it.',
      },
      EventTime: eventTimeMs,
      Data: {
        type: 'string',
        description:
          'The `data` field of the custom pass-through content, as sent: a string, JSON in Tencent’s example (`JSON.parse` it yourself).',
      },
    },
  },
  example: {
    CallbackCommand: 'Chatbot.OnC2CSignalMessage',
    From_Account: 'user01',
    To_Account: '@RBT#chatbot',
    MsgSeq: 5678,
    MsgRandom: 8765,
    MsgKey: '8765_5678_4321',
    EventTime: 1670574414123,
    Data: '{"msg":"This is a user-defined passthrough content"}',
  },
  drift: [
    'The page’s example escapes the quotes inside `Data` twice (`\\\\"`), which is not valid JSON; it is read here as a single escape.',
    '`MsgSeq` and `MsgRandom` are optional: `MsgKey` already identifies the message.',
    'The reply’s `RspData` is marked required (Chinese page), and is ignored when `ErrorCode` is `1`; how long Tencent waits, and what a timeout does, is not documented.',
  ],
});
