import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'Follow.CallbackAfterFollowAdd',
  page: '1047/70355',
  summary: 'A user followed other users.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'From_Account', 'FollowList', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Follow.CallbackAfterFollowAdd' },
      From_Account: { ...userId, description: 'The user who followed.' },
      FollowList: {
        type: 'array',
        description: 'The users now followed by `From_Account`.',
        items: {
          title: 'FollowListEntry',
          description: 'One user now followed.',
          type: 'object',
          required: ['To_Account'],
          properties: { To_Account: { ...userId, description: 'The followed user.' } },
        },
      },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'Follow.CallbackAfterFollowAdd',
    From_Account: 'UserID_001',
    FollowList: [{ To_Account: 'UserID_002' }, { To_Account: 'UserID_003' }],
    EventTime: 1702018343678,
  },
  drift: [
    'The followed users are objects in `FollowList` here, but a bare `To_Account` array in `Follow.CallbackAfterFollowDelete`.',
  ],
});
