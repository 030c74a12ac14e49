// JSON Schemas (draft-07) of the 11 Official Account request bodies, compiled once by ajv in strict
// mode. Unknown fields are allowed everywhere (no `additionalProperties: false`), because Tencent
// adds fields over time. Required are the fields a handler cannot do without and that every
// example on Tencent's pages shows; optional are the ones that may plausibly be left out
// (`OnlineOnlyFlag`, `CloudCustomData`, and the changed-profile fields of
// `CallbackAfterOfficialAccountInfoChanged`, where the page does not say whether unchanged ones are
// sent). Doc pages are under tencentcloud.com/document/product/1047/.
import { USER_ID_MAX_LENGTH } from '../protocol/constants.js';
import {
  AFTER_ADD_SUBSCRIBER_COMMAND,
  AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  AFTER_DELETE_SUBSCRIBER_COMMAND,
  AFTER_MSG_WITH_DRAW_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND,
  AFTER_SEND_MSG_COMMAND,
  BEFORE_ADD_SUBSCRIBER_COMMAND,
  BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  BEFORE_SEND_MSG_COMMAND,
} from './commands.js';

/** Where every schema's `$id` lives: `${SCHEMA_ID_BASE}<kebab-case command>.json`. */
export const SCHEMA_ID_BASE = 'https://github.com/express-tencent-chat-webhook/schemas/';

// ---------------------------------------------------------------------------------------------
// Shared pieces (the same sub-schemas as `beforeAddSubscriberSchema`'s, field for field)

/** An Official Account's ID (`@TOA#_…`); any non-empty string is accepted. */
export const officialAccountIdSchema = { type: 'string', minLength: 1 } as const;

/** A UserID naming who acted or who owns; any string, as in `beforeAddSubscriberSchema`. */
export const accountSchema = { type: 'string' } as const;

/** `EventTime`: Unix time in milliseconds. */
export const eventTimeSchema = { type: 'integer', minimum: 0 } as const;

/** `SubscribeAccountList`: `[{ "Subscriber_Account": "<UserID>" }]` (1047/60799, 60800, 60802). */
export const subscribeAccountListSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['Subscriber_Account'],
    properties: {
      Subscriber_Account: { type: 'string', minLength: 1, maxLength: USER_ID_MAX_LENGTH },
    },
  },
} as const;

/**
 * `MsgBody`: TIMMessage elements (1047/33527), each an object with a string `MsgType` and an object
 * `MsgContent`. Text and custom elements are checked further, because their event types promise
 * `MsgContent.Text` is a string and custom fields are strings when present; other types, including
 * any Tencent adds later, pass with whatever content they carry.
 */
export const msgBodySchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['MsgType', 'MsgContent'],
    properties: {
      MsgType: { type: 'string' },
      MsgContent: { type: 'object' },
    },
    allOf: [
      {
        if: { properties: { MsgType: { const: 'TIMTextElem' } } },
        then: {
          properties: {
            MsgContent: { type: 'object', required: ['Text'], properties: { Text: { type: 'string' } } },
          },
        },
      },
      {
        if: { properties: { MsgType: { const: 'TIMCustomElem' } } },
        then: {
          properties: {
            MsgContent: {
              type: 'object',
              properties: {
                Data: { type: 'string' },
                Desc: { type: 'string' },
                Ext: { type: 'string' },
                Sound: { type: 'string' },
              },
            },
          },
        },
      },
    ],
  },
} as const;

/** `MsgKey`: a message's unique key, `Seq_1_ServerTime` (1047/60812). */
export const msgKeySchema = { type: 'string', minLength: 1 } as const;

/** `OnlineOnlyFlag`: `1` for a message to online subscribers only, otherwise `0` (1047/60803). */
const onlineOnlyFlagSchema = { type: 'integer', minimum: 0 } as const;

/** `CloudCustomData`: the message's custom data, a string. */
const cloudCustomDataSchema = { type: 'string' } as const;

// ---------------------------------------------------------------------------------------------
// The bodies, in the order of Tencent's pages

/** `OfficialAccount.CallbackBeforeCreateOfficialAccount` (1047/60795); no `Official_Account` yet. */
export const beforeCreateOfficialAccountSchema = {
  $id: `${SCHEMA_ID_BASE}before-create-official-account.json`,
  type: 'object',
  required: ['CallbackCommand', 'Operator_Account', 'Owner_Account', 'Name', 'EventTime'],
  properties: {
    CallbackCommand: { const: BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND },
    Operator_Account: accountSchema,
    Owner_Account: accountSchema,
    Name: { type: 'string' },
    EventTime: eventTimeSchema,
  },
} as const;

/** `OfficialAccount.CallbackAfterCreateOfficialAccount` (1047/60796). */
export const afterCreateOfficialAccountSchema = {
  $id: `${SCHEMA_ID_BASE}after-create-official-account.json`,
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'Owner_Account', 'Name', 'EventTime'],
  properties: {
    CallbackCommand: { const: AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND },
    Official_Account: officialAccountIdSchema,
    Operator_Account: accountSchema,
    Owner_Account: accountSchema,
    Name: { type: 'string' },
    EventTime: eventTimeSchema,
  },
} as const;

/**
 * `OfficialAccount.CallbackAfterOfficialAccountInfoChanged` (1047/60797). The profile fields are
 * optional: the page does not say whether the unchanged ones are sent.
 */
export const afterOfficialAccountInfoChangedSchema = {
  $id: `${SCHEMA_ID_BASE}after-official-account-info-changed.json`,
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'EventTime'],
  properties: {
    CallbackCommand: { const: AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND },
    Official_Account: officialAccountIdSchema,
    Operator_Account: accountSchema,
    Introduction: { type: 'string' },
    Name: { type: 'string' },
    FaceUrl: { type: 'string' },
    Organization: { type: 'string' },
    EventTime: eventTimeSchema,
  },
} as const;

/** `OfficialAccount.CallbackAfterOfficialAccountDestroyed` (1047/60798); no `Operator_Account`. */
export const afterOfficialAccountDestroyedSchema = {
  $id: `${SCHEMA_ID_BASE}after-official-account-destroyed.json`,
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'Owner_Account', 'Name', 'EventTime'],
  properties: {
    CallbackCommand: { const: AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND },
    Official_Account: officialAccountIdSchema,
    Owner_Account: accountSchema,
    Name: { type: 'string' },
    EventTime: eventTimeSchema,
  },
} as const;

/**
 * `OfficialAccount.CallbackBeforeAddSubscriber` (1047/60799): the body the subscriber decisions read.
 * Its `$id` is the one the package has always published.
 */
export const beforeAddSubscriberSchema = {
  $id: `${SCHEMA_ID_BASE}before-add-subscriber.json`,
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'SubscribeAccountList', 'EventTime'],
  properties: {
    CallbackCommand: { const: BEFORE_ADD_SUBSCRIBER_COMMAND },
    Official_Account: officialAccountIdSchema,
    Operator_Account: accountSchema,
    SubscribeAccountList: subscribeAccountListSchema,
    EventTime: eventTimeSchema,
  },
} as const;

/** `OfficialAccount.CallbackAfterAddSubscriber` (1047/60800): the same fields as the Before callback. */
export const afterAddSubscriberSchema = {
  $id: `${SCHEMA_ID_BASE}after-add-subscriber.json`,
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'SubscribeAccountList', 'EventTime'],
  properties: {
    CallbackCommand: { const: AFTER_ADD_SUBSCRIBER_COMMAND },
    Official_Account: officialAccountIdSchema,
    Operator_Account: accountSchema,
    SubscribeAccountList: subscribeAccountListSchema,
    EventTime: eventTimeSchema,
  },
} as const;

/** `OfficialAccount.CallbackAfterOfficialAccountFull` (1047/60801): only the account and the time. */
export const afterOfficialAccountFullSchema = {
  $id: `${SCHEMA_ID_BASE}after-official-account-full.json`,
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'EventTime'],
  properties: {
    CallbackCommand: { const: AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND },
    Official_Account: officialAccountIdSchema,
    EventTime: eventTimeSchema,
  },
} as const;

/** `OfficialAccount.CallbackAfterDeleteSubscriber` (1047/60802). */
export const afterDeleteSubscriberSchema = {
  $id: `${SCHEMA_ID_BASE}after-delete-subscriber.json`,
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'Operator_Account', 'SubscribeAccountList', 'EventTime'],
  properties: {
    CallbackCommand: { const: AFTER_DELETE_SUBSCRIBER_COMMAND },
    Official_Account: officialAccountIdSchema,
    Operator_Account: accountSchema,
    SubscribeAccountList: subscribeAccountListSchema,
    EventTime: eventTimeSchema,
  },
} as const;

/**
 * `OfficialAccount.CallbackBeforeSendMsg` (1047/60803). `OnlineOnlyFlag` and `CloudCustomData` are
 * optional: refusing a body that lacks them would turn the gate off (Tencent delivers the message
 * when the callback fails), and no handler needs them to decide.
 */
export const beforeSendMsgSchema = {
  $id: `${SCHEMA_ID_BASE}before-send-msg.json`,
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'MsgBody', 'EventTime'],
  properties: {
    CallbackCommand: { const: BEFORE_SEND_MSG_COMMAND },
    Official_Account: officialAccountIdSchema,
    OnlineOnlyFlag: onlineOnlyFlagSchema,
    MsgBody: msgBodySchema,
    CloudCustomData: cloudCustomDataSchema,
    EventTime: eventTimeSchema,
  },
} as const;

/** `OfficialAccount.CallbackAfterSendMsg` (1047/60804); `MsgTime` is in seconds, `EventTime` in milliseconds. */
export const afterSendMsgSchema = {
  $id: `${SCHEMA_ID_BASE}after-send-msg.json`,
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'MsgKey', 'MsgTime', 'MsgBody', 'EventTime'],
  properties: {
    CallbackCommand: { const: AFTER_SEND_MSG_COMMAND },
    Official_Account: officialAccountIdSchema,
    MsgKey: msgKeySchema,
    MsgTime: { type: 'integer', minimum: 0 },
    OnlineOnlyFlag: onlineOnlyFlagSchema,
    MsgBody: msgBodySchema,
    CloudCustomData: cloudCustomDataSchema,
    EventTime: eventTimeSchema,
  },
} as const;

/** `OfficialAccount.CallbackAfterMsgWithDraw` (1047/60805). */
export const afterMsgWithDrawSchema = {
  $id: `${SCHEMA_ID_BASE}after-msg-with-draw.json`,
  type: 'object',
  required: ['CallbackCommand', 'Official_Account', 'WithdrawMsgList', 'EventTime'],
  properties: {
    CallbackCommand: { const: AFTER_MSG_WITH_DRAW_COMMAND },
    Official_Account: officialAccountIdSchema,
    WithdrawMsgList: {
      type: 'array',
      items: {
        type: 'object',
        required: ['MsgKey'],
        properties: { MsgKey: msgKeySchema },
      },
    },
    EventTime: eventTimeSchema,
  },
} as const;
