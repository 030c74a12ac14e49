import { defineCommand } from '../define.js';
import { GROUP_CUSTOM_CODES, eventTimeMsNumberOrString, userId } from '../shared/schemas.js';
import { groupMemberList, groupName, groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackBeforeCreateGroup',
  page: '1047/34368',
  summary:
    'Before a group is created from a client or by the REST API: allow it, refuse it, or refuse it with your own code.',
  kind: 'action-gate',
  customCodes: GROUP_CUSTOM_CODES,
  callerCode: 10016,
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Operator_Account', 'Owner_Account', 'Type', 'Name'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackBeforeCreateGroup' },
      Operator_Account: {
        ...userId,
        description: 'The UserID that asked for the creation (a user, or the app admin calling `create_group`).',
      },
      Owner_Account: { ...userId, description: 'The UserID that will own the group.' },
      Type: groupType,
      Name: { ...groupName, description: 'The name asked for.' },
      CreateGroupNum: {
        type: 'integer',
        minimum: 0,
        description: 'How many groups of this type the owner has created so far.',
      },
      MemberList: { ...groupMemberList, description: 'The initial members asked for.' },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackBeforeCreateGroup',
    Operator_Account: 'leckie',
    Owner_Account: 'leckie',
    Type: 'Public',
    Name: 'MyFirstGroup',
    CreateGroupNum: 123,
    MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'peter' }],
    EventTime: '1670574414123',
  },
  drift: [
    'The body has no `GroupId`: none is assigned yet.',
    '`MemberList` is optional (a group may be created with no initial members), and so are `CreateGroupNum` and `EventTime`: a refused body blocks the creation.',
    '`EventTime` is an Integer in the table but a string in the example: both are accepted.',
    'A community SDK also models `CreatedGroupNum` (counts per type) and `InviteOption`; no Tencent page shows them, so they pass as unknown fields. A Go SDK writes `CreatedGroupNum` for `CreateGroupNum`.',
  ],
});
