import { defineCommand } from '../define.js';
import { GROUP_CUSTOM_CODES, eventTimeMsNumberOrString, groupId, userId } from '../shared/schemas.js';
import { groupMemberList, groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackBeforeInviteJoinGroup',
  page: '1047/34371',
  summary:
    'Before users invited from a client, or added by the REST API, are put in a group: decide each of them, or refuse the whole request.',
  kind: 'list-gate',
  customCodes: GROUP_CUSTOM_CODES,
  list: 'DestinationMembers',
  member: 'Member_Account',
  refusedField: 'RefusedMembers_Account',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'Operator_Account', 'DestinationMembers'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackBeforeInviteJoinGroup' },
      GroupId: { ...groupId, description: 'The ID of the group the users are invited to.' },
      Type: groupType,
      Operator_Account: {
        ...userId,
        description: 'The UserID that invites (a member, or the app admin calling `add_group_member`).',
      },
      DestinationMembers: { ...groupMemberList, description: 'The users to add to the group.' },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackBeforeInviteJoinGroup',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    Operator_Account: 'leckie',
    DestinationMembers: [{ Member_Account: 'jared' }, { Member_Account: 'leckie' }],
    EventTime: '1670574414123',
  },
  drift: [
    '`EventTime` is optional (a refused body blocks the invitation) and is accepted as a number or, as in the example, a string.',
    'The page does not name the error code the inviter sees when the whole request is refused with `1` (`10016` for the other Group gates).',
    'The reply example calls `RefusedMembers_Account` the users “who refused to join”; they are the users the app refuses.',
  ],
});
