import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, userId } from '../shared/schemas.js';
import { groupMemberList, groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterNewMemberJoin',
  page: '1047/34372',
  summary:
    'Users joined a group: on request, on invitation, or added by the REST API (an AVChatRoom member coming back online is `Group.CallbackOnMemberStateChange`).',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'JoinType', 'Operator_Account', 'NewMemberList', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterNewMemberJoin' },
      GroupId: { ...groupId, description: 'The ID of the group joined.' },
      Type: groupType,
      JoinType: {
        type: 'string',
        description:
          'How they joined: `Apply` (on their request) or `Invited` (on an invitation); the value for an admin’s `add_group_member` is not documented.',
      },
      Operator_Account: { ...userId, description: 'The UserID that made the request (the applicant or the inviter).' },
      NewMemberList: { ...groupMemberList, description: 'The new members.' },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterNewMemberJoin',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    JoinType: 'Apply',
    Operator_Account: 'leckie',
    NewMemberList: [{ Member_Account: 'jared' }, { Member_Account: 'tommy' }],
    EventTime: '1670574414123',
  },
  drift: [
    '`EventTime` is an Integer in the table but a string in the example: both are accepted.',
    '`JoinType` is an open string: only `Apply` and `Invited` are documented, not what a REST add sends.',
  ],
});
