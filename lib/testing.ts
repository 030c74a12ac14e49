// Helpers for testing an app that uses this package: `express-tencent-chat-webhook/testing`.
// They import neither express nor a test framework, so they work with supertest, fetch or any runner.
export { computeSign } from './protocol/sign.js';
export {
  buildCallback,
  type BuildCallbackOptions,
  type CallbackRequestOptions,
  type CommandCallbackOptions,
  type EventFields,
  type SimulatedCallback,
  type SimulatedCallbackQuery,
  type SubscribersCallbackOptions,
} from './testing/build-callback.js';
export { CALLBACK_DEFAULTS } from './testing/defaults.js';
export { InvalidReplyError, type InvalidReplyCode } from './testing/invalid-reply-error.js';
export { parseReply, type ParseReplyOptions, type ReplySummary } from './testing/parse-reply.js';
export type { CallbackCommand, CallbackEvents, OfficialAccountBeforeAddSubscriberEvent } from './generated/events.js';
export type { CustomRejection, MessageModification, TargetResult, TencentReply } from './types.js';
