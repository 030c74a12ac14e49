import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';
import { c2cMsgKey } from './shared.js';

export default defineCommand({
  command: 'C2C.CallbackAfterC2CMsgExtension',
  page: '1047/76006',
  cnPage: '269/126475',
  summary:
    'Extension key-value pairs of a one-to-one message were set, deleted or cleared, from a client or through `set_key_values`.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'From_Account', 'To_Account', 'MsgKey', 'OperateType', 'ExtensionList', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'C2C.CallbackAfterC2CMsgExtension' },
      From_Account: {
        ...userId,
        description: 'The UserID that sent the extended message (not necessarily who changed the extensions).',
      },
      To_Account: { ...userId, description: 'The UserID that received the extended message.' },
      MsgKey: { ...c2cMsgKey, description: 'The extended message’s key, as in `C2C.CallbackAfterSendMsg`.' },
      OperateType: {
        type: 'integer',
        description: 'What was done: `1` pairs set, `2` pairs deleted, `3` all pairs cleared.',
      },
      ExtensionList: {
        type: 'array',
        description:
          'The pairs concerned; a deleted pair has an empty `Value`. Presumably `[]` when all were cleared, as on the group twin page.',
        items: {
          title: 'C2CMsgExtensionItem',
          description: 'One extension key-value pair of a message and its version.',
          type: 'object',
          required: ['Key', 'Value'],
          properties: {
            Key: { type: 'string', description: 'The pair’s key.' },
            Value: { type: 'string', description: 'The pair’s value; an empty string when it was deleted.' },
            Seq: { type: 'integer', minimum: 0, description: 'The pair’s version number after the change.' },
          },
        },
      },
      Seq: {
        type: 'integer',
        minimum: 0,
        description: 'The version number of the message’s extensions as a whole after the change.',
      },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'C2C.CallbackAfterC2CMsgExtension',
    From_Account: 'user1',
    To_Account: 'user2',
    MsgKey: '93847636_1287657_1764688415',
    OperateType: 1,
    ExtensionList: [
      { Key: 'k1', Value: 'v1', Seq: 1 },
      { Key: 'k2', Value: 'v2', Seq: 1 },
      { Key: 'k3', Value: 'v3', Seq: 1 },
    ],
    Seq: 1,
    EventTime: 1764688540182,
  },
  drift: [
    'The pages show only examples for this body, no field table; every field comes from them and from the REST API `set_key_values` (1047/51195), which defines `OperateType`.',
    'The “clear” example of the Chinese page is cut off in our sources; `ExtensionList` is required because the twin page of `Group.CallbackAfterGroupMsgExtension` (269/126476) sends it as `[]` when clearing.',
    'The pairs’ and the message’s `Seq` are shown in every example but are optional: version numbers, not what the event is about, so their absence should not lose the event.',
    'The body does not say who changed the extensions: `From_Account` and `To_Account` describe the message.',
  ],
});
