import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, userId } from '../shared/schemas.js';
import { groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterChangeGroupOwner',
  page: '1047/60396',
  summary: 'A group’s ownership was transferred, from a client or by the REST API `change_group_owner`.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: [
      'CallbackCommand',
      'GroupId',
      'Type',
      'Operator_Account',
      'OldOwner_Account',
      'NewOwner_Account',
      'EventTime',
    ],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterChangeGroupOwner' },
      GroupId: { ...groupId, description: 'The ID of the group.' },
      Type: groupType,
      Operator_Account: {
        ...userId,
        description: 'The UserID that made the transfer (the old owner, or the app admin).',
      },
      OldOwner_Account: { ...userId, description: 'The UserID that owned the group before.' },
      NewOwner_Account: { ...userId, description: 'The UserID that owns the group now.' },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterChangeGroupOwner',
    GroupId: '@TGS#2TTV7VSII',
    Type: 'Public',
    Operator_Account: 'admin',
    OldOwner_Account: 'user1',
    NewOwner_Account: 'user2',
    EventTime: '1670574414123',
  },
  drift: ['`EventTime` is an Integer in the table but a string in the example: both are accepted.'],
});
