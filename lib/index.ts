// What users of the package call and the types they write. Tables, kinds and limits stay inside.
export { callbackRouter } from './callback-router.js';
export { beforeAddSubscriber } from './before-add-subscriber.js';
export { koaMiddleware, type KoaContextLike, type KoaMiddleware } from './koa/koa-middleware.js';
export {
  fastifyOnRequest,
  type FastifyOnRequestHook,
  type FastifyReplyLike,
  type FastifyRequestLike,
} from './fastify/fastify-on-request.js';
export { computeSign } from './protocol/sign.js';
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
export type { WebhookMiddleware } from './web/with-fetch.js';
export type { FetchHandler } from './web/fetch-handler.js';
export type {
  BeforeAddSubscriberOptions,
  CallbackRouterOptions,
  CommonOptions,
  DecideBatchOptions,
  DecideEachOptions,
  SharedOptions,
} from './options.js';
export type * from './handlers.js';
export type * from './generated/commands.js';
export type * from './generated/events.js';
export type * from './commands/shared/types.js';
export type {
  CallbackContext,
  CallbackQuery,
  CustomRejection,
  GenericEvent,
  GenericReply,
  Logger,
  MessageModification,
  TargetResult,
  TencentReply,
} from './types.js';
export type { KnownOptPlatform } from './protocol/constants.js';
