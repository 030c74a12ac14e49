export { beforeAddSubscriber } from './before-add-subscriber.js';
export type { WebhookMiddleware } from './node-middleware.js';
export type { BeforeAddSubscriberOptions, CommonOptions, DecideBatchOptions, DecideEachOptions } from './options.js';
export {
  AuthenticationError,
  BodyTimeoutError,
  ForbiddenAppError,
  InternalError,
  InvalidRequestError,
  PayloadTooLargeError,
  RequestError,
  TencentWebhookError,
  UserCallbackError,
  type WebhookErrorCode,
} from './errors.js';
export { beforeAddSubscriberSchema, USER_ID_MAX_LENGTH } from './schema.js';
export { computeSign } from './sign.js';
export {
  BEFORE_ADD_SUBSCRIBER_COMMAND,
  KNOWN_OPT_PLATFORMS,
  type BeforeAddSubscriberEvent,
  type CallbackQuery,
  type DecideSubscriber,
  type DecideSubscriberBatch,
  type DecisionContext,
  type DecisionReport,
  type ErrorPolicy,
  type KnownOptPlatform,
  type Logger,
  type RejectRequest,
  type SubscribeAccountEntry,
  type TencentReply,
} from './types.js';
