// Schema pieces of the Push family (1047/67551, 67552). Push bodies are batches, `{ Events: [...] }`,
// with `CallbackCommand` inside each event; and their `EventTime` is in seconds, unlike every other
// family's.

/** `EventTime` of a push event: Unix time in seconds (269/102567, 102568: "单位为秒"). */
export const pushEventTimeSeconds = {
  type: 'integer',
  minimum: 0,
  description: 'When the push event happened, Unix time in seconds (not milliseconds, unlike other callbacks).',
} as const;

/** `PushPlatform`: the push vendor. */
export const pushPlatform = {
  type: 'integer',
  description:
    'The push vendor: `0` unknown (also for online pushes), `1` Apple APNs, `2` Xiaomi, `3` Huawei, `4` Google FCM, `5` Meizu, `6` OPPO, `7` vivo, `8` Honor.',
} as const;

/** `PushStage`: how far the push got. */
export const pushStage = {
  type: 'integer',
  description: 'The stage the event reports: `1` sent, `2` delivered to the device, `3` clicked.',
} as const;

/** `ErrCode`: the event's result (not `ErrorCode`). */
export const pushErrCode = {
  type: 'integer',
  description: 'The result of this push event: `0` success, otherwise an error code (note `ErrCode`, not `ErrorCode`).',
} as const;

/** `ErrInfo`: the result's text. */
export const pushErrInfo = { type: 'string', description: 'The result as text (e.g. `OK`); may be empty.' } as const;

/** The `Events` array's description: the batch. */
export const EVENTS_DESCRIPTION = 'The batch: 1 to 100 push events, each with its own `CallbackCommand`.' as const;
