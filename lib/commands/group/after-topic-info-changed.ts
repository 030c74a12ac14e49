import { defineCommand } from '../define.js';
import { groupId, userId } from '../shared/schemas.js';
import { communityType } from './shared-more.js';

export default defineCommand({
  command: 'Group.CallbackAfterTopicInfoChanged',
  page: '1047/49466',
  summary:
    'A topic’s name, introduction, notice or avatar URL was changed, from a client or by the REST API (other topic fields do not trigger it).',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'Operator_Account'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterTopicInfoChanged' },
      GroupId: {
        ...groupId,
        description:
          'The ID of the community whose topic changed; the page calls it the group ID of the changed topic, and shows no `TopicId`.',
      },
      Type: communityType,
      Operator_Account: { ...userId, description: 'The UserID that made the change.' },
      Name: { type: 'string', description: 'The topic’s new name, if it was changed.' },
      Introduction: { type: 'string', description: 'The topic’s new introduction, if it was changed.' },
      Notification: { type: 'string', description: 'The topic’s new notice, if it was changed.' },
      FaceUrl: { type: 'string', description: 'The topic’s new avatar URL, if it was changed.' },
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterTopicInfoChanged',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Community',
    Operator_Account: 'leckie',
    Name: 'TestTopic',
    Introduction: 'TestIntroduction',
    Notification: 'NewNotification',
    FaceUrl: 'http://this.is.face.url',
  },
  drift: [
    'No version of the page shows a `TopicId` or an `EventTime`: the body does not say which topic changed.',
    'The page does not say whether unchanged fields are sent (the group twin sends only the changed ones), so each may be absent.',
    'The console switch is the one of `Group.CallbackAfterGroupInfoChanged`.',
  ],
});
