import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, userId } from '../shared/schemas.js';
import { groupMemberList, groupName, groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterGroupDestroyed',
  page: '1047/34377',
  summary: 'A group was disbanded from a client or by the REST API.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'Owner_Account', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterGroupDestroyed' },
      GroupId: { ...groupId, description: 'The ID of the disbanded group.' },
      Type: groupType,
      Owner_Account: { ...userId, description: 'The UserID that owned the group.' },
      Name: { ...groupName, description: 'The group’s name (shown in the example, not in the tables).' },
      MemberList: {
        ...groupMemberList,
        description: 'The members at the time it was disbanded; not sent for communities.',
      },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterGroupDestroyed',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    Owner_Account: 'leckie',
    Name: 'MyFirstGroup',
    MemberList: [{ Member_Account: 'leckie' }, { Member_Account: 'peter' }, { Member_Account: 'bob' }],
    EventTime: '1670574414123',
  },
  drift: [
    '`EventTime` is an Integer in the table but a string in the example: both are accepted.',
    '`Name` is in the example but in neither table; optional.',
    '`MemberList` is not sent for communities; optional.',
    'The body has no `Operator_Account`: who disbanded the group is not said.',
  ],
});
