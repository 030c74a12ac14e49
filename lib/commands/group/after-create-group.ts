import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, userId } from '../shared/schemas.js';
import { groupMemberList, groupName, groupType, userDefinedDataList } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterCreateGroup',
  page: '1047/34369',
  summary: 'A group was created from a client or by the REST API.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Operator_Account', 'Owner_Account', 'Type', 'Name', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterCreateGroup' },
      GroupId: { ...groupId, description: 'The new group’s ID.' },
      Operator_Account: {
        ...userId,
        description: 'The UserID that created the group (a user, or the app admin calling `create_group`).',
      },
      Owner_Account: { ...userId, description: 'The UserID that owns the group.' },
      Type: groupType,
      Name: groupName,
      MemberList: { ...groupMemberList, description: 'The initial members.' },
      UserDefinedDataList: {
        ...userDefinedDataList,
        description: 'The custom fields set at creation, when the app has custom group fields (1047/33530).',
      },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterCreateGroup',
    GroupId: '@TGS#2J4SZEAEL',
    Operator_Account: 'group_root',
    Owner_Account: 'leckie',
    Type: 'Public',
    Name: 'MyFirstGroup',
    MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'peter' }],
    UserDefinedDataList: [
      { Key: 'UserDefined1', Value: 'hello' },
      { Key: 'UserDefined2', Value: 'world' },
    ],
    EventTime: '1670574414123',
  },
  drift: [
    'The English table names the ID `groupID`; its example, the Chinese table and the SDKs say `GroupId`, which is required here.',
    '`MemberList` (a group may start with no members) and `UserDefinedDataList` (custom fields are off by default) are optional.',
    '`EventTime` is an Integer in the table but a string in the example: both are accepted.',
  ],
});
