import { defineCommand } from '../define.js';
import { SNS_CUSTOM_CODES, decidedUserId, eventTimeMs, userId } from '../shared/schemas.js';

export default defineCommand({
  command: 'Sns.CallbackPrevFriendResponse',
  page: '1047/43467',
  summary:
    'Before a user’s answer to friend requests, sent from a client (REST answers skip it), is processed: allow or refuse each answered request, with your own code per refusal.',
  kind: 'target-gate',
  customCodes: SNS_CUSTOM_CODES,
  list: 'ResponseFriendItem',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'Requester_Account', 'From_Account', 'ResponseFriendItem', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Sns.CallbackPrevFriendResponse' },
      Requester_Account: {
        ...userId,
        description:
          'The UserID that sent the answer, per the Chinese page (the English one says the sender of the friend request); the example uses the same UserID as `From_Account`.',
      },
      From_Account: { ...userId, description: 'The user answering the friend requests.' },
      ResponseFriendItem: {
        type: 'array',
        description: 'The answered requests, one entry per requester; the reply decides each of them.',
        items: {
          title: 'SnsResponseFriendItem',
          description: 'One answered friend request.',
          type: 'object',
          required: ['To_Account', 'ResponseAction'],
          properties: {
            To_Account: { ...decidedUserId, description: 'The user who sent the friend request.' },
            Remark: { type: 'string', description: 'The remark `From_Account` gives `To_Account`, if any.' },
            TagName: {
              type: 'string',
              description: 'The friend list (group) `From_Account` puts `To_Account` in, if any.',
            },
            ResponseAction: {
              type: 'string',
              description:
                'The answer: `Response_Action_AgreeAndAdd` (accept and add back), `Response_Action_Agree` (let them add you) or `Response_Action_Reject`.',
            },
          },
        },
      },
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'Sns.CallbackPrevFriendResponse',
    Requester_Account: 'id',
    From_Account: 'id',
    ResponseFriendItem: [
      { To_Account: 'id1', Remark: 'remark1', TagName: 'group1', ResponseAction: 'Response_Action_AgreeAndAdd' },
      { To_Account: 'id2', Remark: 'remark2', TagName: 'group2', ResponseAction: 'Response_Action_Reject' },
    ],
    EventTime: 1631777645424,
  },
  drift: [
    'The English page says `Requester_Account` is the sender of the friend request, the Chinese one the sender of the answer; the description gives both.',
    'The friend list is `TagName` here and `GroupName` in `Sns.CallbackPrevFriendAdd`.',
    '`Remark` and `TagName` are optional (optional inputs of an answer); `ResponseAction` is required, as no answer exists without one.',
    'What refusing a `Response_Action_Reject` item changes is not documented.',
  ],
});
