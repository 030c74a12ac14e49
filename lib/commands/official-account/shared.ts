// Schema pieces of the Official Account family (1047/60795–60805).
import { decidedUserId } from '../shared/schemas.js';

/** An Official Account's ID (Tencent's IDs start with `@TOA#_`); any non-empty string is accepted. */
export const officialAccountId = { type: 'string', minLength: 1 } as const;

/** `SubscribeAccountList`: `[{ "Subscriber_Account": "<UserID>" }]` (1047/60799, 60800, 60802). */
export const subscribeAccountList = {
  type: 'array',
  items: {
    title: 'SubscriberEntry',
    type: 'object',
    required: ['Subscriber_Account'],
    properties: {
      Subscriber_Account: { ...decidedUserId, description: 'A subscriber’s UserID (at most 32 bytes).' },
    },
  },
} as const;

/** `MsgKey` of an Official Account message: `Seq_1_ServerTime`, e.g. `71_1_1698741698` (1047/60812). */
export const officialAccountMsgKey = { type: 'string', minLength: 1 } as const;
