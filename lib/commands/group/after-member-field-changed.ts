import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, userId } from '../shared/schemas.js';
import { groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterMemberFieldChanged',
  page: '1047/60393',
  cnPage: '269/105353',
  summary:
    'A group member’s role or name card was changed, from a client or by the REST API `modify_group_member_info`.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'Operator_Account', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterMemberFieldChanged' },
      GroupId: { ...groupId, description: 'The ID of the group.' },
      Type: groupType,
      Operator_Account: { ...userId, description: 'The UserID that made the change.' },
      Member_Account: {
        ...userId,
        description:
          'The member whose profile changed, as the English page names the field; the Chinese page names it `Modified_Account`. Read `Member_Account ?? Modified_Account`.',
      },
      Modified_Account: {
        ...userId,
        description:
          'The member whose profile changed, as the Chinese page names the field; the English page names it `Member_Account`.',
      },
      Role: {
        type: 'string',
        description:
          'The member’s role after the change: `Admin` (made an administrator) or `Member` (no longer one). Whether it is sent when the role did not change is not documented.',
      },
      NameCard: {
        type: 'string',
        description:
          'The member’s name card (nickname in the group) after the change. Whether it is sent when the name card did not change is not documented.',
      },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterMemberFieldChanged',
    GroupId: '@TGS#xxxx',
    Type: 'Community',
    Operator_Account: 'admin',
    Member_Account: '123456',
    Role: 'Admin',
    NameCard: 'jacky',
    EventTime: '1670574414123',
  },
  drift: [
    'The changed member is `Member_Account` on the English page (and tencentcloud.com/zh 60393) but `Modified_Account` on the Chinese page 269/105353: both are declared, both optional.',
    '`Role` and `NameCard` are optional: the page does not say whether an unchanged one is sent.',
    '`EventTime` is an Integer in the table but a string in the examples: both are accepted.',
  ],
});
