import { defineCommand } from '../define.js';
import { userId } from '../shared/schemas.js';
import {
  EVENTS_DESCRIPTION,
  pushErrCode,
  pushErrInfo,
  pushEventTimeSeconds,
  pushPlatform,
  pushStage,
} from './shared.js';

export default defineCommand({
  command: 'Push.AllMemberPush',
  page: '1047/67551',
  cnPage: '269/102568',
  summary:
    'Progress of push tasks to all users, to a tag or to single users (sent, delivered, clicked), from the push plugin, in batches of up to 100 events.',
  kind: 'notification',
  schema: {
    type: 'object',
    required: ['Events'],
    properties: {
      Events: {
        type: 'array',
        minItems: 1,
        description: EVENTS_DESCRIPTION,
        items: {
          title: 'PushAllMemberPushResult',
          description: 'One push event of a push task for one receiver.',
          type: 'object',
          required: ['CallbackCommand', 'EventType', 'TaskId', 'EventTime', 'To_Account', 'PushStage', 'ErrCode'],
          properties: {
            CallbackCommand: { const: 'Push.AllMemberPush' },
            EventType: { type: 'integer', description: '`1` for an offline (vendor) push, `2` for an online push.' },
            TaskId: { type: 'string', description: 'The ID of the push task, as returned when it was started.' },
            TaskTime: {
              type: 'integer',
              minimum: 0,
              description: 'When the push task was started, Unix time in seconds.',
            },
            EventTime: pushEventTimeSeconds,
            To_Account: { ...userId, description: 'The user the notification was pushed to.' },
            PushPlatform: pushPlatform,
            PushStage: pushStage,
            ErrCode: pushErrCode,
            ErrInfo: pushErrInfo,
          },
        },
      },
    },
  },
  example: {
    Events: [
      {
        CallbackCommand: 'Push.AllMemberPush',
        EventType: 1,
        TaskId: '657bf434_537529d8_2000005e80aa873_2780d131_bc614e',
        TaskTime: 1557481127,
        EventTime: 1557481128,
        To_Account: 'user2',
        PushPlatform: 1,
        PushStage: 1,
        ErrCode: 0,
        ErrInfo: 'OK',
      },
      {
        CallbackCommand: 'Push.AllMemberPush',
        EventType: 2,
        TaskId: '657bf434_537529d8_2000005e80aa873_2780d131_9',
        TaskTime: 1557481127,
        EventTime: 1557481129,
        To_Account: 'user3',
        PushPlatform: 0,
        PushStage: 1,
        ErrCode: 0,
        ErrInfo: 'OK',
      },
    ],
  },
  drift: [
    'The body has no top-level `CallbackCommand`: each event carries its own; the query parameter names the command.',
    '`EventTime` and `TaskTime` are in seconds, unlike `EventTime` in the other families.',
    'The page documents `EventType` `2` (online push); a community SDK knows only `1`.',
    'The page’s example ends its array with `....`; dropped.',
    'Only a 1 to 100 length is documented; no upper bound is enforced, so a larger batch is not refused.',
  ],
});
