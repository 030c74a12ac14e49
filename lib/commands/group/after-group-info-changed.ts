import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId, userId } from '../shared/schemas.js';
import { groupType } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterGroupInfoChanged',
  page: '1047/34378',
  summary:
    'A group’s name, introduction, notice or avatar URL was changed from a client or by the REST API (other profile fields do not fire it).',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'Operator_Account', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterGroupInfoChanged' },
      GroupId: { ...groupId, description: 'The ID of the changed group.' },
      Type: groupType,
      Operator_Account: { ...userId, description: 'The UserID that made the change.' },
      Name: { type: 'string', description: 'The new name, if it was changed.' },
      Introduction: { type: 'string', description: 'The new introduction, if it was changed.' },
      Notification: { type: 'string', description: 'The new notice (announcement), if it was changed.' },
      FaceUrl: { type: 'string', description: 'The new avatar URL, if it was changed.' },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterGroupInfoChanged',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    Operator_Account: 'leckie',
    Notification: 'NewNotification',
    EventTime: '1670574414123',
  },
  drift: [
    '`EventTime` is an Integer in the table but a string in the example: both are accepted.',
    'The example carries only the changed field, so each of `Name`, `Introduction`, `Notification` and `FaceUrl` may be absent; whether a field cleared to empty is sent as `""` is not documented.',
    'The body has no old values.',
  ],
});
