// Facts of Tencent's callback protocol that more than one part of the package relies on.

/** Tencent stops waiting for a before-event callback's reply after this long. */
export const TENCENT_WAIT_MS = 2000;

/** `RequestTime`: Unix time in whole seconds, as digits. */
export const REQUEST_TIME_PATTERN = /^[0-9]{1,12}$/;
