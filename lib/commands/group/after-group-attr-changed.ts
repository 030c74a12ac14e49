import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, userId } from '../shared/schemas.js';
import { groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterGroupAttrChanged',
  page: '1047/60394',
  summary: 'A group’s custom attributes were reset, modified, cleared or deleted, from a client or by the REST API.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'Operator_Account', 'GroupAttr', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterGroupAttrChanged' },
      GroupId: { ...groupId, description: 'The ID of the group.' },
      Type: groupType,
      Operator_Account: { ...userId, description: 'The UserID that made the change.' },
      OptionType: {
        type: 'string',
        description:
          'What was done: `set` (all attributes replaced), `modify` (some changed), `clear` (all removed) or `delete` (some removed).',
      },
      GroupAttr: {
        type: 'array',
        description:
          'The attributes concerned. Whether it holds all attributes or only the changed ones, and what it holds after `clear` or `delete`, is not documented.',
        items: {
          title: 'GroupAttrEntry',
          type: 'object',
          description: 'One custom group attribute; note the lower-case field names.',
          required: ['key'],
          properties: {
            key: { type: 'string', description: 'The attribute’s name.' },
            value: { type: 'string', description: 'The attribute’s value.' },
          },
        },
      },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterGroupAttrChanged',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    Operator_Account: 'leckie',
    OptionType: 'set',
    GroupAttr: [
      { key: 'key1', value: 'value1' },
      { key: 'key2', value: 'values' },
    ],
    EventTime: '1670574414123',
  },
  drift: [
    '`OptionType` is in the example but not in the table; optional.',
    '`GroupAttr` items write `key` and `value` in lower case, unlike every other key-value list; `value` is optional, since a deleted attribute may come without one.',
    '`EventTime` is an Integer in the table but a string in the example: both are accepted.',
  ],
});
