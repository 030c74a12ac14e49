import { defineCommand } from '../define.js';
import { SNS_CUSTOM_CODES, decidedUserId, eventTimeMs, userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'Sns.CallbackPrevFriendAdd',
  page: '1047/43468',
  summary:
    'Before a friend request sent from a client is processed (REST requests skip it): allow or refuse each requested friend, with your own code per refusal.',
  kind: 'target-gate',
  customCodes: SNS_CUSTOM_CODES,
  list: 'FriendItem',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Requester_Account', 'From_Account', 'FriendItem', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Sns.CallbackPrevFriendAdd' },
      Requester_Account: {
        ...userId,
        description:
          'The UserID that sent the request. How it can differ from `From_Account` is not documented; the example uses the same UserID for both.',
      },
      From_Account: { ...userId, description: 'The user who wants to add friends.' },
      FriendItem: {
        type: 'array',
        description: 'The users `From_Account` asks to add, one entry each; the reply decides each of them.',
        items: {
          title: 'SnsFriendItem',
          description: 'One user `From_Account` asks to add, with the friend fields of the request.',
          type: 'object',
          required: ['To_Account'],
          properties: {
            To_Account: { ...decidedUserId, description: 'The user to be added as a friend.' },
            Remark: { type: 'string', description: 'The remark `From_Account` gives `To_Account`, if any.' },
            GroupName: {
              type: 'string',
              description: 'The friend list (group) `From_Account` puts `To_Account` in, if any.',
            },
            AddSource: {
              type: 'string',
              description:
                'Where the request comes from: `AddSource_Type_` followed by a keyword, e.g. `AddSource_Type_Android`.',
            },
            AddWording: { type: 'string', description: 'The message sent with the request, if any.' },
          },
        },
      },
      AddType: {
        type: 'string',
        description: '`Add_Type_Both` (two-way, the default) or `Add_Type_Single` (one-way).',
      },
      ForceAddFlags: { type: 'integer', description: '`1` when an admin forces the addition, otherwise `0`.' },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'Sns.CallbackPrevFriendAdd',
    Requester_Account: 'id',
    From_Account: 'id',
    FriendItem: [
      {
        To_Account: 'id1',
        Remark: 'remark1',
        GroupName: 'group1',
        AddSource: 'AddSource_Type_Android',
        AddWording: 'this is id1!',
      },
      {
        To_Account: 'id2',
        Remark: 'remark2',
        GroupName: 'group1',
        AddSource: 'AddSource_Type_Android',
        AddWording: 'this is id2!',
      },
    ],
    AddType: 'Add_Type_Both',
    ForceAddFlags: 0,
    EventTime: 1631777344870,
  },
  drift: [
    'Only `To_Account` is required in a `FriendItem`: Tencent’s REST `friend_add` (1047/34902) makes remark, group and wording optional, and no page says a client request always carries `AddSource`; a missing field must not refuse the request.',
    '`AddType` and `ForceAddFlags` are optional: refusing a body without them would refuse the friend request.',
    'The page names no error code the requester sees for a refused target, nor what happens to a target missing from `ResultItem`.',
  ],
});
