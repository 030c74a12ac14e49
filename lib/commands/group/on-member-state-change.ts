import { defineCommand } from '../define.js';
import { groupId } from '../shared/schemas.js';
import { groupMemberList } from './shared.js';

export default defineCommand({
  command: 'Group.CallbackOnMemberStateChange',
  page: '1047/48734',
  cnPage: '269/76156',
  summary:
    'Members of an audio-video group (AVChatRoom) went offline or came back online, as seen by the heartbeat (a paid edition and the console’s online-member list switch are needed).',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['CallbackCommand', 'GroupId', 'EventType', 'MemberList'],
    properties: {
      CallbackCommand: { const: 'Group.CallbackOnMemberStateChange' },
      GroupId: { ...groupId, description: 'The ID of the audio-video group.' },
      EventType: {
        type: 'string',
        description:
          'What happened: `Offline` (all of the members’ devices lost their connection, or left) or `Online` (one of their devices is back).',
      },
      EventCause: {
        type: 'string',
        description:
          'Why: `HeartbeatInterrupt` (heartbeat lost), `HeartbeatRecover` (heartbeat back), `Join` (first entry into the group) or `Quit` (the last device left). Only the Chinese page documents it.',
      },
      MemberList: { ...groupMemberList, description: 'The members whose state changed.' },
    },
  },
  example: {
    CallbackCommand: 'Group.CallbackOnMemberStateChange',
    GroupId: '@TGS#2J4SZEAEL',
    EventType: 'Offline',
    MemberList: [{ Member_Account: 'jared' }, { Member_Account: 'tommy' }],
  },
  drift: [
    '`EventCause` and the `Join`/`Quit` triggers are on the Chinese page 269/76156 (and tencentcloud.com/zh 48734) only; optional.',
    'The body has no `EventTime` in any version of the page, and the request URL has no `ClientIP` or `OptPlatform`.',
    'A community SDK models a group `Type` here; no Tencent page shows it, so it passes as an unknown field.',
  ],
});
