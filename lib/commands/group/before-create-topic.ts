import { defineCommand } from '../define.js';
import { GROUP_CUSTOM_CODES, userId } from '../shared/schemas.js';
import { communityType } from './shared-more.js';

export default defineCommand({
  command: 'Group.CallbackBeforeCreateTopic',
  page: '1047/49463',
  cnPage: '269/78206',
  summary:
    'Before a topic is created in a community, from a client or by the REST API: allow it, refuse it, or refuse it with your own code.',
  kind: 'action-gate',
  customCodes: GROUP_CUSTOM_CODES,
  callerCode: 10016,
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Operator_Account', 'Type', 'Name'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackBeforeCreateTopic' },
      Operator_Account: {
        ...userId,
        description: 'The UserID that asked for the topic (a member, or the app admin calling the REST API).',
      },
      Type: communityType,
      Name: { type: 'string', description: 'The topic name asked for.' },
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackBeforeCreateTopic',
    Operator_Account: 'leckie',
    Type: 'Community',
    Name: 'MyFirstTopic',
  },
  drift: [
    'No version of the page shows a `GroupId`, a `TopicId` or an `EventTime`: the body does not say which community the topic is for.',
    'Refusing with `ErrorCode` 1 gives the caller `10016`; the console switch is the one of `Group.CallbackBeforeCreateGroup`.',
  ],
});
