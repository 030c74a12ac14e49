export { callbackRouter } from './callback-router.js';
export { beforeAddSubscriber } from './before-add-subscriber.js';
export type { WebhookMiddleware } from './web/with-fetch.js';
export type { FetchHandler } from './web/fetch-handler.js';
export { koaMiddleware, type KoaContextLike, type KoaMiddleware } from './koa/koa-middleware.js';
export {
  fastifyOnRequest,
  type FastifyOnRequestHook,
  type FastifyReplyLike,
  type FastifyRequestLike,
} from './fastify/fastify-on-request.js';
export type {
  BeforeAddSubscriberOptions,
  CallbackHandlers,
  CallbackRouterOptions,
  CommonOptions,
  CreationGateHandler,
  DecideBatchHandler,
  DecideBatchOptions,
  DecideEachHandler,
  DecideEachOptions,
  GateHandler,
  GenericHandler,
  MessageGateHandler,
  NotificationHandler,
  OfficialAccountHandlers,
  OtherCallbackFamily,
  SharedOptions,
  SubscriberGateHandler,
  SubscriberGatePolicies,
} from './options.js';
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
export { computeSign } from './protocol/sign.js';
export {
  CUSTOM_ERROR_CODE_MAX,
  CUSTOM_ERROR_CODE_MIN,
  KNOWN_OPT_PLATFORMS,
  SDK_APP_ID_MAX,
  USER_ID_MAX_LENGTH,
  type KnownOptPlatform,
} from './protocol/constants.js';
export * from './official-account/commands.js';
export type * from './official-account/events.js';
export {
  afterAddSubscriberSchema,
  afterCreateOfficialAccountSchema,
  afterDeleteSubscriberSchema,
  afterMsgWithDrawSchema,
  afterOfficialAccountDestroyedSchema,
  afterOfficialAccountFullSchema,
  afterOfficialAccountInfoChangedSchema,
  afterSendMsgSchema,
  beforeAddSubscriberSchema,
  beforeCreateOfficialAccountSchema,
  beforeSendMsgSchema,
} from './official-account/schemas.js';
export { OFFICIAL_ACCOUNT_EXAMPLES } from './official-account/examples.js';
export {
  OFFICIAL_ACCOUNT_SPECS,
  type OfficialAccountSpec,
  type OfficialAccountKinds,
} from './official-account/specs.js';
export type { CommandKind, CommandSpec } from './engine/command-spec.js';
export type {
  CallbackContext,
  CallbackQuery,
  CreationDecision,
  CustomRejection,
  DecideSubscriber,
  DecideSubscriberBatch,
  DecisionContext,
  DecisionReport,
  ErrorPolicy,
  GateDecisionReport,
  GateErrorPolicy,
  GenericEvent,
  GenericReply,
  Logger,
  MessageDecision,
  MessageModification,
  RejectRequest,
  TencentReply,
} from './types.js';
/** @deprecated Use {@link SubscriberEntry}. */
export type { SubscriberEntry as SubscribeAccountEntry } from './official-account/events.js';
