// The request bodies of the 11 Official Account callbacks, as the handlers receive them once the
// body has passed its schema (./schemas.ts). Doc pages are under tencentcloud.com/document/product/1047/.
//
// No interface has an index signature, so a misspelt field (`event.Oficial_Account`) does not
// compile. Fields Tencent adds later are still in the object at run time: read them through
// `WithUnknownFields`. Everything is readonly: an event describes what happened.
import type {
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
  OfficialAccountCommand,
} from './commands.js';

/**
 * An event (or any part of it) with the fields this package does not know, typed `unknown`: the way
 * to read a field Tencent added after this package was written.
 *
 * @example
 * ```ts
 * const extra = (event as WithUnknownFields<typeof event>)['NewField']; // unknown: check it before use
 * ```
 */
export type WithUnknownFields<E> = E & Readonly<Record<string, unknown>>;

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** One entry of `SubscribeAccountList` (1047/60799, 60800, 60802). */
export interface SubscriberEntry {
  /** A subscriber's UserID (at most 32 bytes). */
  readonly Subscriber_Account: string;
}

/** One entry of `WithdrawMsgList` (1047/60805). */
export interface WithdrawnMessage {
  /** The recalled message's key, as in {@link AfterSendMsgEvent.MsgKey} (e.g. `71_1_1698741698`). */
  readonly MsgKey: string;
}

// The two contents are type aliases, not interfaces: an object type alias is assignable to
// `AnyMessageElement`'s `Readonly<Record<string, unknown>>`, an interface is not.

/** `MsgContent` of a text element (1047/33527). */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type TextContent = {
  /** The text. */
  readonly Text: string;
};

/** `MsgContent` of a custom element (1047/33527); every field may be absent. */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type CustomContent = {
  /** The custom payload, opaque to Tencent. */
  readonly Data?: string;
  /** A description, shown in offline push notifications. */
  readonly Desc?: string;
  /** Extension field, forwarded in push notifications. */
  readonly Ext?: string;
  /** The sound file name for push notifications on iOS. */
  readonly Sound?: string;
};

/** A text element: `{ "MsgType": "TIMTextElem", "MsgContent": { "Text": "…" } }` (1047/33527). */
export interface TextElement {
  /** Says the element is text. */
  readonly MsgType: 'TIMTextElem';
  /** The text. */
  readonly MsgContent: TextContent;
}

/** A custom element: `{ "MsgType": "TIMCustomElem", "MsgContent": { "Data": "…", … } }` (1047/33527). */
export interface CustomElement {
  /** Says the element is custom data. */
  readonly MsgType: 'TIMCustomElem';
  /** The custom data. */
  readonly MsgContent: CustomContent;
}

/**
 * The other element types Tencent documents: the eight of the English page 1047/33527 less text
 * and custom, and `TIMRelayElem` (merged forward), listed only on the Chinese page 269/2720.
 */
export type OtherMessageElementType =
  | 'TIMLocationElem'
  | 'TIMFaceElem'
  | 'TIMSoundElem'
  | 'TIMImageElem'
  | 'TIMFileElem'
  | 'TIMVideoFileElem'
  | 'TIMRelayElem';

/** An element of a documented type this package does not describe field by field. */
export interface OtherElement {
  /** The element's type. */
  readonly MsgType: OtherMessageElementType;
  /** Its content, whose fields depend on the type (1047/33527). */
  readonly MsgContent: Readonly<Record<string, unknown>>;
}

/**
 * One element of a message body (`MsgBody`, TIMMessage format, 1047/33527). Narrow on `MsgType`:
 *
 * ```ts
 * for (const element of event.MsgBody) {
 *   if (element.MsgType === 'TIMTextElem') console.log(element.MsgContent.Text); // a string
 * }
 * ```
 *
 * Why the set of `MsgType`s is closed: with a catch-all member `{ MsgType: string }` in the union,
 * `element.MsgType === 'TIMTextElem'` narrows nothing (`'TIMTextElem'` is also a `string`), so
 * `MsgContent.Text` would be `unknown`. Branded strings (`string & { brand }`) do not help either:
 * TypeScript still treats them as possibly equal to any literal. So `MsgType` lists the documented
 * names. A type Tencent adds later still passes validation and arrives here typed as one of them;
 * keep a `default` branch, and to test for a new name widen first:
 * `for (const element of event.MsgBody as readonly AnyMessageElement[])`, then
 * `element.MsgType === 'TIMNewElem'` compiles.
 */
export type MessageElement = TextElement | CustomElement | OtherElement;

/** Any message element, whatever its `MsgType`: every {@link MessageElement} is assignable to it. */
export interface AnyMessageElement {
  /** The element's type, any string. */
  readonly MsgType: string;
  /** Its content. */
  readonly MsgContent: Readonly<Record<string, unknown>>;
}

// ---------------------------------------------------------------------------------------------
// The bodies, in the order of Tencent's pages

/** `OfficialAccount.CallbackBeforeCreateOfficialAccount` (1047/60795). It has no `Official_Account`: no ID exists yet. */
export interface BeforeCreateOfficialAccountEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND;
  /** The UserID that asked for the creation (the app admin calling `create_official_account`, 1047/60755). */
  readonly Operator_Account: string;
  /** The UserID that will own the Official Account (its creator). */
  readonly Owner_Account: string;
  /** The name asked for. */
  readonly Name: string;
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/** `OfficialAccount.CallbackAfterCreateOfficialAccount` (1047/60796). */
export interface AfterCreateOfficialAccountEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND;
  /** The new Official Account's ID (Tencent's IDs start with `@TOA#_`). */
  readonly Official_Account: string;
  /** The UserID that asked for the creation. */
  readonly Operator_Account: string;
  /** The UserID that owns the Official Account (its creator). */
  readonly Owner_Account: string;
  /** The Official Account's name. */
  readonly Name: string;
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/**
 * `OfficialAccount.CallbackAfterOfficialAccountInfoChanged` (1047/60797), after
 * `modify_official_account_base_info` (1047/60757). The page does not say whether unchanged
 * fields are sent, so each profile field may be absent; `CustomString` and `MaxSubscriberNum` can
 * be changed too but are not among the documented fields.
 */
export interface AfterOfficialAccountInfoChangedEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND;
  /** The changed Official Account's ID. */
  readonly Official_Account: string;
  /** The UserID that made the change. */
  readonly Operator_Account: string;
  /** The new introduction, if it was changed. */
  readonly Introduction?: string;
  /** The new name, if it was changed. */
  readonly Name?: string;
  /** The new avatar URL, if it was changed. */
  readonly FaceUrl?: string;
  /** The new organization, if it was changed. */
  readonly Organization?: string;
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/** `OfficialAccount.CallbackAfterOfficialAccountDestroyed` (1047/60798). It has no `Operator_Account`. */
export interface AfterOfficialAccountDestroyedEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND;
  /** The destroyed Official Account's ID. */
  readonly Official_Account: string;
  /** The UserID that owned it (its creator). */
  readonly Owner_Account: string;
  /** Its name. */
  readonly Name: string;
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/**
 * `OfficialAccount.CallbackBeforeAddSubscriber` (1047/60799): a client subscribes, or the app admin
 * calls `add_subscriber` (at most 100 subscribers a call, 1047/60760).
 */
export interface BeforeAddSubscriberEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof BEFORE_ADD_SUBSCRIBER_COMMAND;
  /** The ID of the Official Account to subscribe to. */
  readonly Official_Account: string;
  /** The UserID that started the request (the subscribing user, or the admin). */
  readonly Operator_Account: string;
  /** The subscribers to add. */
  readonly SubscribeAccountList: readonly SubscriberEntry[];
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/** `OfficialAccount.CallbackAfterAddSubscriber` (1047/60800). */
export interface AfterAddSubscriberEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof AFTER_ADD_SUBSCRIBER_COMMAND;
  /** The ID of the Official Account subscribed to. */
  readonly Official_Account: string;
  /** The UserID that started the request. */
  readonly Operator_Account: string;
  /**
   * The subscribers added. Whether the ones refused by `CallbackBeforeAddSubscriber` are left out
   * is not documented.
   */
  readonly SubscribeAccountList: readonly SubscriberEntry[];
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/**
 * `OfficialAccount.CallbackAfterOfficialAccountFull` (1047/60801): the subscription that filled the
 * Official Account up to `MaxSubscriberNum` (100000 unless set otherwise, 1047/60755). The body has
 * no count, no operator and no subscriber list.
 */
export interface AfterOfficialAccountFullEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND;
  /** The ID of the Official Account that is full. */
  readonly Official_Account: string;
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/**
 * `OfficialAccount.CallbackAfterDeleteSubscriber` (1047/60802): users unsubscribed, or the admin
 * called `delete_subscriber` (1047/60761).
 */
export interface AfterDeleteSubscriberEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof AFTER_DELETE_SUBSCRIBER_COMMAND;
  /** The ID of the Official Account unsubscribed from. */
  readonly Official_Account: string;
  /** The UserID that started the request. */
  readonly Operator_Account: string;
  /** The subscribers removed. */
  readonly SubscribeAccountList: readonly SubscriberEntry[];
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/**
 * `OfficialAccount.CallbackBeforeSendMsg` (1047/60803): a client or the REST API (1047/60810) sends
 * an Official Account message. The body names no sender and has no `MsgKey` yet.
 */
export interface BeforeSendMsgEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof BEFORE_SEND_MSG_COMMAND;
  /** The sending Official Account's ID. */
  readonly Official_Account: string;
  /** `1` for a message sent only to online subscribers, otherwise `0`; absent when not sent. */
  readonly OnlineOnlyFlag?: number;
  /** The message's elements (TIMMessage format, 1047/33527). */
  readonly MsgBody: readonly MessageElement[];
  /** The message's custom data, stored in the cloud and delivered with it; absent when not sent. */
  readonly CloudCustomData?: string;
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/**
 * `OfficialAccount.CallbackAfterSendMsg` (1047/60804, CN 269/102324): the message was delivered.
 * The body names no sender and has no per-subscriber result.
 */
export interface AfterSendMsgEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof AFTER_SEND_MSG_COMMAND;
  /** The sending Official Account's ID. */
  readonly Official_Account: string;
  /**
   * The message's unique key, `Seq_1_ServerTime` (e.g. `71_1_1698741698`, 1047/60812); the REST API
   * recalls a message by it (1047/60811).
   */
  readonly MsgKey: string;
  /** When the server took the message, Unix time in seconds (not milliseconds). */
  readonly MsgTime: number;
  /** `1` for a message sent only to online subscribers, otherwise `0`; absent when not sent. */
  readonly OnlineOnlyFlag?: number;
  /** The message's elements (TIMMessage format, 1047/33527). */
  readonly MsgBody: readonly MessageElement[];
  /** The message's custom data; absent when not sent. */
  readonly CloudCustomData?: string;
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/**
 * `OfficialAccount.CallbackAfterMsgWithDraw` (1047/60805): messages were recalled by a client or by
 * `official_account_msg_recall` (1047/60811). The body has no operator and no reason.
 */
export interface AfterMsgWithDrawEvent {
  /** The command, as in the `CallbackCommand` query parameter. */
  readonly CallbackCommand: typeof AFTER_MSG_WITH_DRAW_COMMAND;
  /** The ID of the Official Account whose messages were recalled. */
  readonly Official_Account: string;
  /** The recalled messages. */
  readonly WithdrawMsgList: readonly WithdrawnMessage[];
  /** When the event fired, Unix time in milliseconds. */
  readonly EventTime: number;
}

/** Each Official Account command and the body it receives. */
export interface OfficialAccountEvents {
  [BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND]: BeforeCreateOfficialAccountEvent;
  [AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND]: AfterCreateOfficialAccountEvent;
  [AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND]: AfterOfficialAccountInfoChangedEvent;
  [AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND]: AfterOfficialAccountDestroyedEvent;
  [BEFORE_ADD_SUBSCRIBER_COMMAND]: BeforeAddSubscriberEvent;
  [AFTER_ADD_SUBSCRIBER_COMMAND]: AfterAddSubscriberEvent;
  [AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND]: AfterOfficialAccountFullEvent;
  [AFTER_DELETE_SUBSCRIBER_COMMAND]: AfterDeleteSubscriberEvent;
  [BEFORE_SEND_MSG_COMMAND]: BeforeSendMsgEvent;
  [AFTER_SEND_MSG_COMMAND]: AfterSendMsgEvent;
  [AFTER_MSG_WITH_DRAW_COMMAND]: AfterMsgWithDrawEvent;
}

/** The body of any Official Account callback; narrow on `CallbackCommand`. */
export type OfficialAccountEvent = OfficialAccountEvents[OfficialAccountCommand];
