// Schema pieces of the C2C family (1047/34364, 34365, 43465, 43466, 76006; CN 269/128223–128225).

/**
 * `MsgKey` of a one-to-one message. The examples build it as `MsgSeq_MsgRandom_MsgTime`
 * (`48374_2837546_1557481126`), which the pages do not promise; treat it as opaque.
 */
export const c2cMsgKey = {
  type: 'string',
  description:
    'The message’s unique key (e.g. `48374_2837546_1557481126`); the REST API recalls or modifies a message by it. Treat it as opaque.',
} as const;

/** `MsgId`: the message's ID as the client SDKs know it (`144115233406643804-1727580296-4026038328`). */
export const clientMsgId = {
  type: 'string',
  description: 'The message’s ID on the clients (the SDKs’ `msgID`), e.g. `144115233406643804-1727580296-4026038328`.',
} as const;

/** `UnreadMsgNum`: a user's unread one-to-one messages, all conversations together; `-1` when a send failed. */
export const unreadMsgNum = { type: 'integer' } as const;
