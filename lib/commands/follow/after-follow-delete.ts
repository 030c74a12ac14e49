import { defineCommand } from '../define.js';
import { eventTimeMs, userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'Follow.CallbackAfterFollowDelete',
  page: '1047/70356',
  summary: 'A user unfollowed other users.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'From_Account', 'To_Account', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Follow.CallbackAfterFollowDelete' },
      From_Account: { ...userId, description: 'The user who unfollowed.' },
      To_Account: {
        type: 'array',
        description:
          'The users no longer followed by `From_Account`: UserIDs as in the page’s example, or `{ To_Account }` objects as its table could be read (`typeof` tells them apart).',
        items: {
          // Not titled: a plain UserID is what the example shows; the object is only a reading of the table.
          type: ['string', 'object'],
          description: 'One unfollowed user: a UserID, or an object holding it in `To_Account`.',
          required: ['To_Account'],
          properties: { To_Account: { ...userId, description: 'The unfollowed user.' } },
        },
      },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'Follow.CallbackAfterFollowDelete',
    From_Account: 'UserID_001',
    To_Account: ['UserID_002', 'UserID_003'],
    EventTime: 1702018343678,
  },
  drift: [
    '`To_Account` is an array here, unlike every other `To_Account`, and unlike `FollowList` of `Follow.CallbackAfterFollowAdd`.',
    'The page’s table types it “Array of user objects” while its example lists plain UserIDs: both item forms are accepted.',
  ],
});
