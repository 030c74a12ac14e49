import { defineCommand } from '../define.js';
import { GROUP_CUSTOM_CODES, eventTimeMsNumberOrString, groupId, userId } from '../shared/schemas.js';
import { groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackBeforeApplyJoinGroup',
  page: '1047/34370',
  summary:
    'Before a user’s request from a client to join a group is processed: let it go on (an admin’s approval is still needed where the group asks for one), refuse it, or refuse it with your own code.',
  kind: 'action-gate',
  customCodes: GROUP_CUSTOM_CODES,
  callerCode: 10016,
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'Requestor_Account'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackBeforeApplyJoinGroup' },
      GroupId: { ...groupId, description: 'The ID of the group the user asks to join.' },
      Type: groupType,
      Requestor_Account: { ...userId, description: 'The UserID asking to join.' },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackBeforeApplyJoinGroup',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    Requestor_Account: 'jared',
    EventTime: '1670574414123',
  },
  drift: [
    'The English table spells the command `roup.CallbackBeforeApplyJoinGroup`; its example and the Chinese page say `Group.…`.',
    'Tencent spells the field `Requestor_Account` here and `Requester_Account` in the Sns callbacks.',
    '`EventTime` is optional (a refused body blocks the join) and is accepted as a number or, as in the example, a string.',
    'The body carries no application message.',
  ],
});
