import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';
import { officialAccountId } from './shared.js';

export default defineCommand({
  command: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
  page: '1047/60797',
  summary: 'An Official Account’s profile was changed by `modify_official_account_base_info`.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged' },
      Official_Account: { ...officialAccountId, description: 'The changed Official Account’s ID.' },
      Operator_Account: { ...userId, description: 'The UserID that made the change.' },
      Introduction: { type: 'string', description: 'The new introduction, if it was changed.' },
      Name: { type: 'string', description: 'The new name, if it was changed.' },
      FaceUrl: { type: 'string', description: 'The new avatar URL, if it was changed.' },
      Organization: { type: 'string', description: 'The new organization, if it was changed.' },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
    Official_Account: '@TOA#_test_OA_for_penn',
    Operator_Account: 'leckie',
    Introduction: 'NewNotification',
    Name: 'NewName',
    FaceUrl: 'http://this.is.newface.url',
    Organization: 'NewOrganization',
    EventTime: 1670574414123,
  },
  drift: [
    'The page does not say whether unchanged profile fields are sent, so each may be absent.',
    'The page’s example lacks the commas after `FaceUrl` and `Organization`; they are added here.',
  ],
});
