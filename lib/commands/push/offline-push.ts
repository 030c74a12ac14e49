import { defineCommand } from '../define.js';
import { msgRandom, msgSeq, msgTimeSeconds, userId } from '../shared/schemas.js';
import {
  EVENTS_DESCRIPTION,
  pushErrCode,
  pushErrInfo,
  pushEventTimeSeconds,
  pushPlatform,
  pushStage,
} from './shared.js';

export default defineCommand({
  command: 'Push.OfflinePush',
  page: '1047/67552',
  cnPage: '269/102567',
  summary:
    'Progress of push notifications for one-to-one and group messages (sent, delivered, clicked), from the push plugin, in batches of up to 100 events.',
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
          title: 'PushOfflinePushResult',
          description: 'One push event for one receiver of a message.',
          type: 'object',
          required: ['CallbackCommand', 'EventType', 'EventTime', 'To_Account', 'PushStage', 'ErrCode'],
          properties: {
            CallbackCommand: { const: 'Push.OfflinePush' },
            EventType: { type: 'integer', description: '`1` for a one-to-one message, `2` for a group message.' },
            EventTime: pushEventTimeSeconds,
            From_Account: { ...userId, description: 'The message’s sender.' },
            To_Account: { ...userId, description: 'The user the notification was pushed to.' },
            PushPlatform: pushPlatform,
            PushStage: pushStage,
            MsgKey: {
              type: 'string',
              description:
                'The one-to-one message’s unique key, when `EventType` is `1`; empty or absent for a group message.',
            },
            GroupID: {
              type: 'string',
              description:
                'The group’s ID, when `EventType` is `2` (note `GroupID`, not `GroupId`); empty or absent otherwise.',
            },
            MsgSeq: msgSeq,
            MsgRandom: {
              ...msgRandom,
              description: 'The message’s random number, a 32-bit unsigned integer; may be absent for a group message.',
            },
            MsgTime: msgTimeSeconds,
            PushID: { type: 'string', description: 'The push’s unique ID.' },
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
        CallbackCommand: 'Push.OfflinePush',
        EventType: 1,
        EventTime: 1557481127,
        From_Account: 'user1',
        To_Account: 'user2',
        PushPlatform: 1,
        PushStage: 1,
        MsgKey: '48374_2837546_1557481126',
        MsgSeq: 48374,
        MsgRandom: 2837546,
        MsgTime: 1557481126,
        PushID: '67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421',
        ErrCode: 0,
        ErrInfo: 'OK',
      },
      {
        CallbackCommand: 'Push.OfflinePush',
        EventType: 2,
        EventTime: 1557481127,
        From_Account: 'user2',
        To_Account: 'user3',
        PushPlatform: 1,
        PushStage: 1,
        GroupID: '@TGS#12DEVUDHQ',
        MsgSeq: 48375,
        MsgRandom: 2837546,
        MsgTime: 1557481126,
        PushID: '6710c631_85_392fcbcff_200000b2f2c6820_200002c869bfb81',
        ErrCode: 0,
        ErrInfo: 'OK',
      },
    ],
  },
  drift: [
    'The body has no top-level `CallbackCommand`: each event carries its own; the query parameter names the command.',
    '`EventTime` is in seconds here, in milliseconds in the other families.',
    'The second event of the example is cut off in the Chinese page 269/102567 and the English 1047/67552; it is completed from the Chinese text of 1047/67552 on tencentcloud.com, and the page’s trailing `....` is dropped.',
    'The vendor and stage codes of `PushPlatform` and `PushStage` come from a community SDK; the pages’ tables were not seen in full.',
    'The group event of the example has a `MsgRandom` though a community SDK says it is empty for groups; `MsgKey`, `GroupID`, `MsgRandom`, `PushID` are optional.',
    'Only a 1 to 100 length is documented; no upper bound is enforced, so a larger batch is not refused.',
  ],
});
