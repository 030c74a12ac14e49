import { defineCommand } from '../define.js';
import { userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'Sns.CallbackFriendAdd',
  page: '1047/34359',
  summary:
    'Friends were added: a request was accepted or needed no approval, a one-way add, or an admin’s forced add (importing friends does not send it).',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'PairList'],
    properties: {
      CallbackCommand: { const: 'Sns.CallbackFriendAdd' },
      PairList: {
        type: 'array',
        description: 'The friendships added: each `To_Account` is now in the friend list of its `From_Account`.',
        items: {
          title: 'SnsFriendAddPair',
          description: 'One added friendship.',
          type: 'object',
          required: ['From_Account', 'To_Account'],
          properties: {
            From_Account: { ...userId, description: 'The user whose friend list gained `To_Account`.' },
            To_Account: { ...userId, description: 'The user added to that friend list.' },
            Initiator_Account: { ...userId, description: 'The user who started the friend request.' },
          },
        },
      },
      ClientCmd: {
        type: 'string',
        description:
          'What caused it: `friend_add` or `FriendAdd` for a friend request, `friend_response` or `FriendResponse` for an answer to one.',
      },
      Admin_Account: {
        ...userId,
        description: 'The admin who made the change through the REST API; an empty string otherwise.',
      },
      ForceFlag: { type: 'integer', description: '`1` when an admin forced the addition, otherwise `0`.' },
    },
  },
  example: {
    CallbackCommand: 'Sns.CallbackFriendAdd',
    PairList: [
      { From_Account: 'id', To_Account: 'id1', Initiator_Account: 'id' },
      { From_Account: 'id', To_Account: 'id2', Initiator_Account: 'id' },
      { From_Account: 'id', To_Account: 'id3', Initiator_Account: 'id' },
    ],
    ClientCmd: 'friend_add',
    Admin_Account: '',
    ForceFlag: 1,
  },
  drift: [
    'The body has no `EventTime`.',
    '`Initiator_Account`, `ClientCmd`, `Admin_Account` and `ForceFlag` are optional: only the pairs identify the event.',
  ],
});
