import { defineCommand } from '../define.js';
import {
  cloudCustomData,
  eventTimeMs,
  groupId,
  msgBody,
  msgRandom,
  msgSeq,
  msgTimeSeconds,
  onlineOnlyFlag,
  userId,
} from '../shared/schemas.js';

const robotList = {
  type: 'array',
  items: { ...userId, description: 'A chatbot’s UserID (e.g. `@RBT#001`).' },
} as const;

export default defineCommand({
  command: 'Bot.OnGroupMessage',
  page: '1047/68953',
  cnPage: '269/89994',
  summary:
    'A user @-mentioned one or more chatbots in a group message (an @all does not count); needs the chatbot event switch.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'From_Account', 'MsgSeq', 'MsgBody', 'EventTime'],
    properties: {
      CallbackCommand: { const: 'Bot.OnGroupMessage' },
      GroupId: { ...groupId, description: 'The ID of the group the message was sent in.' },
      Type: {
        type: 'string',
        description:
          'The group’s type: `Public`, `Work`, `Meeting`, `AVChatRoom` or `Community` (`Private` and `ChatRoom` are older names of `Work` and `Meeting`).',
      },
      From_Account: { ...userId, description: 'The sender.' },
      Operator_Account: {
        ...userId,
        description: 'Who made the send request; it tells an admin’s REST request from the sender’s own.',
      },
      Random: { ...msgRandom, description: 'The random number of the send request, a 32-bit unsigned integer.' },
      MsgSeq: msgSeq,
      MsgTime: msgTimeSeconds,
      OnlineOnlyFlag: {
        ...onlineOnlyFlag,
        description: '`1` for a message sent only to users who are online, otherwise `0`; always `0` in an AVChatRoom.',
      },
      MsgBody: msgBody,
      AtRobots_Account: {
        ...robotList,
        description: 'The chatbots mentioned; a message can mention several. The name Tencent’s pages use.',
      },
      AtRobotAccount: {
        ...robotList,
        description: 'The chatbots mentioned, under the name a community SDK reads; expect `AtRobots_Account`.',
      },
      CloudCustomData: cloudCustomData,
      EventTime: eventTimeMs,
    },
  },
  example: {
    CallbackCommand: 'Bot.OnGroupMessage',
    GroupId: '@TGS#2J4SZEAEL',
    Type: 'Public',
    From_Account: 'jared',
    Operator_Account: 'admin',
    Random: 123456,
    MsgSeq: 123,
    MsgTime: 1490686222,
    OnlineOnlyFlag: 1,
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '@@RBT#001 hello' } }],
    AtRobots_Account: ['@RBT#001'],
    CloudCustomData: 'your cloud custom data',
    EventTime: 1670574414123,
  },
  drift: [
    'Tencent’s pages name the mentioned chatbots `AtRobots_Account`, a community SDK `AtRobotAccount`: both are declared, both optional.',
    'The same SDK reads `MsgRandom` as the message time and `IsPlaceMsg` as a topic ID; neither is on Tencent’s pages, so neither is declared.',
    'The random number is `Random` here, as in the Group callbacks, not `MsgRandom`.',
    'Whether a message in a community topic carries a topic ID is not documented.',
  ],
});
