import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, userId } from '../shared/schemas.js';
import { groupMemberList, groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterMemberExit',
  page: '1047/34373',
  summary: 'Members left a group, or were removed from it by its owner, an admin or the REST API.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'ExitType', 'Operator_Account', 'ExitMemberList', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterMemberExit' },
      GroupId: { ...groupId, description: 'The ID of the group left.' },
      Type: groupType,
      ExitType: {
        type: 'string',
        description: 'How they left: `Quit` (of their own accord) or `Kicked` (removed).',
      },
      Operator_Account: {
        ...userId,
        description:
          'The UserID that made the request: the leaver for `Quit`; for `Kicked`, most likely whoever removed them (the tables say the leaver, the example does not).',
      },
      ExitMemberList: { ...groupMemberList, description: 'The members who left.' },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterMemberExit',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    ExitType: 'Kicked',
    Operator_Account: 'leckie',
    ExitMemberList: [{ Member_Account: 'jared' }, { Member_Account: 'tommy' }],
    EventTime: '1670574414123',
  },
  drift: [
    '`EventTime` is an Integer in the table but a string in the example: both are accepted.',
    'The tables (English and Chinese) call `Operator_Account` the leaver’s UserID, while the example’s `Kicked` body names an operator who is not among the leavers.',
    'A Go SDK reads the list from `NewMemberList`; the pages say `ExitMemberList`.',
  ],
});
