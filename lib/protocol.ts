// Facts of Tencent's callback protocol that more than one part of the package relies on.

/** Tencent stops waiting for a before-event callback's reply after this long. */
export const TENCENT_WAIT_MS = 2000;

/** `RequestTime`: Unix time in whole seconds, as digits. */
export const REQUEST_TIME_PATTERN = /^[0-9]{1,12}$/;

/**
 * The largest SDKAppID: Tencent's REST API and server SDKs carry it as an unsigned 32-bit integer
 * (apps are numbered 14xxxxxxxx, 16xxxxxxxx, 20xxxxxxxx…), so a larger value can never match a request.
 */
export const SDK_APP_ID_MAX = 2 ** 32 - 1;
