import { defineCommand } from '../define.js';
import { eventTimeMsNumberOrString, groupId } from '../shared/schemas.js';
import { topicId } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackAfterGroupFull',
  page: '1047/34376',
  cnPage: '269/1669',
  summary:
    'A group reached its member limit, through a join, an invitation or the REST API, or a new member could not join because it was full.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterGroupFull' },
      GroupId: { ...groupId, description: 'The ID of the group that is full.' },
      TopicId: {
        ...topicId,
        description:
          'The topic that is full, when it is a private topic of a community (private topics have their own members); only the Chinese page lists it.',
      },
      EventTime: eventTimeMsNumberOrString,
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterGroupFull',
    GroupId: '@TGS#2J4SZEAEL',
    EventTime: '1670574414123',
  },
  drift: [
    '`EventTime` is an Integer in the table, a string in the English example and a number in the Chinese one: both are accepted.',
    '`TopicId` (private topics only) is on the Chinese page 269/1669 alone; optional.',
    'The body has no member count, no operator and no list of the members who joined or failed to join.',
  ],
});
