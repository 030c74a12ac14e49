import { defineCommand } from '../define.js';
import { groupId } from '../shared/schemas.js';
import { communityType } from './shared-more.js';

export default defineCommand({
  command: 'Group.CallbackAfterTopicDestroyed',
  page: '1047/49465',
  summary: 'Topics of a community were deleted, from a client or by the REST API.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'Type', 'TopicIdList'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterTopicDestroyed' },
      GroupId: { ...groupId, description: 'The ID of the community the topics belonged to.' },
      Type: communityType,
      TopicIdList: {
        type: ['array', 'string'],
        description:
          'The deleted topics’ IDs: an array of strings as in the example (the table says String, so a single string is accepted too).',
        items: { type: 'string', description: 'A deleted topic’s ID.' },
      },
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterTopicDestroyed',
    GroupId: '@TGS#_@TGS#cQVLVHIM62CJ',
    Type: 'Community',
    TopicIdList: ['@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic', '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic_1'],
  },
  drift: [
    '`TopicIdList` is typed String in the table but is an array of strings in the example: both are accepted.',
    'The body has no `Operator_Account` and no `EventTime`.',
    'The console switch is the one of `Group.CallbackAfterGroupDestroyed`.',
  ],
});
