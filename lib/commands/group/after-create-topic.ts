import { defineCommand } from '../define.js';
import { groupId, userId } from '../shared/schemas.js';
import { topicId, userDefinedDataList } from './shared.js';
import { communityType } from './shared-more.js';

export default defineCommand({
  command: 'Group.CallbackAfterCreateTopic',
  page: '1047/49464',
  summary: 'A topic was created in a community, from a client or by the REST API.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'TopicId', 'Operator_Account', 'Owner_Account', 'Type', 'Name'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackAfterCreateTopic' },
      GroupId: { ...groupId, description: 'The ID of the community that holds the new topic.' },
      TopicId: {
        ...topicId,
        description: 'The new topic’s ID (e.g. `@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_@TOPIC#cRTE3HIM62C5`).',
      },
      Operator_Account: { ...userId, description: 'The UserID that created the topic (a member, or the app admin).' },
      Owner_Account: { ...userId, description: 'The UserID that owns the community.' },
      Type: communityType,
      Name: { type: 'string', description: 'The topic’s name.' },
      UserDefinedDataList: {
        ...userDefinedDataList,
        description:
          'The custom fields set on the topic at creation (a feature to be switched on in the console; 1047/33529), one entry per field.',
      },
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackAfterCreateTopic',
    GroupId: '@TGS#2J4SZEAEL',
    TopicId: '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_@TOPIC#cRTE3HIM62C5',
    Operator_Account: 'group_root',
    Owner_Account: 'leckie',
    Type: 'Community',
    Name: 'MyFirstTopic',
    UserDefinedDataList: [
      { Key: 'UserDefined1', Value: 'hello' },
      { Key: 'UserDefined2', Value: 'world' },
    ],
  },
  drift: [
    'The body has no `EventTime`, unlike `Group.CallbackAfterCreateGroup`.',
    '`UserDefinedDataList` is optional: custom topic fields are off unless enabled.',
    'The console switch is the one of `Group.CallbackAfterCreateGroup`.',
  ],
});
