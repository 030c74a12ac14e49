import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, msgSeq } from '../shared/schemas.js';

export default defineCommand({
  command: 'Group.CallbackAfterGroupMsgExtension',
  page: '1047/76007',
  cnPage: '269/126476',
  summary:
    'Extension key-value pairs of a group message were set, deleted or cleared, from a client or through `group_set_key_values`.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'MsgSeq', 'OperateType', 'ExtensionList', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterGroupMsgExtension' },
      GroupId: { ...groupId, description: 'The ID of the group that holds the extended message.' },
      MsgSeq: { ...msgSeq, description: 'The extended message’s sequence number in the group.' },
      OperateType: {
        type: 'integer',
        description: 'What was done: `1` pairs set, `2` pairs deleted, `3` all pairs cleared.',
      },
      ExtensionList: {
        type: 'array',
        description: 'The pairs concerned; a deleted pair has an empty `Value`. Empty when all were cleared.',
        items: {
          title: 'GroupMsgExtensionItem',
          description: 'One extension key-value pair of a group message and its version.',
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
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterGroupMsgExtension',
    GroupId: 'test',
    MsgSeq: 10,
    OperateType: 1,
    ExtensionList: [
      { Key: 'key2', Value: 'value2', Seq: 56 },
      { Key: 'key3', Value: '12122', Seq: 56 },
    ],
    Seq: 56,
    EventTime: 1764688294360,
  },
  drift: [
    'The page shows three examples (set, delete, clear) and no complete field table in our sources; the fields come from the examples and the REST API `group_set_key_values` (1047/52170). The “set” example is kept here.',
    '`EventTime` is a number in every example of this page; a string of digits is accepted too, as on the other Group pages.',
    'The pairs’ and the message’s `Seq` are optional: versions that no reader needs to route an event.',
    'The body has no `Operator_Account` and no `TopicId`: it does not say who changed the extensions.',
  ],
});
