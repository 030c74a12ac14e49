// Facts of Tencent's callback protocol that more than one part of the package relies on, one home
// each. Doc pages are under tencentcloud.com/document/product/1047/.

/** Tencent stops waiting for a callback's reply after this long (webhook overview, 1047/34354). */
export const TENCENT_WAIT_MS = 2000;

/**
 * `CallbackCommand`: `Family.Command`, e.g. `OfficialAccount.CallbackBeforeSendMsg`,
 * `State.StateChange`, `Bot.OnC2CMessage` (webhook command list, 1047/34355).
 */
export const CALLBACK_COMMAND_PATTERN = /^[A-Za-z0-9]+\.[A-Za-z0-9_]+$/;

/** `RequestTime`: Unix time in whole seconds, as digits. */
export const REQUEST_TIME_PATTERN = /^[0-9]{1,12}$/;

/**
 * The largest SDKAppID: Tencent's REST API and server SDKs carry it as an unsigned 32-bit integer
 * (apps are numbered 14xxxxxxxx, 16xxxxxxxx, 20xxxxxxxx…), so a larger value can never match a request.
 */
export const SDK_APP_ID_MAX = 2 ** 32 - 1;

/**
 * Tencent's UserIDs are at most 32 bytes. Schemas count characters, and no 32-byte string has more
 * than 32 characters, so every real UserID passes while junk is refused.
 */
export const USER_ID_MAX_LENGTH = 32;

/**
 * The largest message Tencent sends: its send APIs refuse a message over 12 KB (error 93000,
 * 1047/34919), so a gate's reply that changes a message must stay within it, serialized.
 */
export const MESSAGE_MAX_BYTES = 12 * 1024;

/**
 * The longest `info` of a `{ reject }` decision, in characters. Tencent documents no limit for
 * `ErrorInfo`; this one is ours, so that an app's bug cannot send megabytes that Tencent would
 * refuse (and then let the action through), while any sentence a client shows fits.
 */
export const REJECTION_INFO_MAX_LENGTH = 1000;

/**
 * The platforms Tencent documents for `OptPlatform` (with the spellings its pages also use:
 * `macOS`, `IOS`). The set is open: any other string is accepted and logged once.
 */
export const KNOWN_OPT_PLATFORMS = [
  'RESTAPI',
  'Web',
  'Android',
  'iOS',
  'IOS',
  'Windows',
  'Mac',
  'macOS',
  'iPad',
  'Unknown',
] as const;

export type KnownOptPlatform = (typeof KNOWN_OPT_PLATFORMS)[number];
