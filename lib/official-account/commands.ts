// The 11 `CallbackCommand` strings of Tencent Cloud Chat's Official Account family, one home each.
// Each name is derived mechanically from its command: `OfficialAccount.CallbackAfterMsgWithDraw`
// gives `AFTER_MSG_WITH_DRAW_COMMAND`, so a name can always be found from the string Tencent sends.
// Doc pages are under tencentcloud.com/document/product/1047/.

/** What every command of the Official Account family starts with. */
export const OFFICIAL_ACCOUNT_COMMAND_PREFIX = 'OfficialAccount.';

/** Before an Official Account is created by the REST API; the reply can refuse it (1047/60795). */
export const BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND = 'OfficialAccount.CallbackBeforeCreateOfficialAccount';

/** After an Official Account was created (1047/60796). */
export const AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND = 'OfficialAccount.CallbackAfterCreateOfficialAccount';

/** After an Official Account's profile was changed by the REST API (1047/60797). */
export const AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND = 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged';

/** After an Official Account was destroyed (1047/60798). */
export const AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND = 'OfficialAccount.CallbackAfterOfficialAccountDestroyed';

/**
 * Before subscribers are added to an Official Account; the reply can refuse the whole request or
 * some of the subscribers (1047/60799).
 */
export const BEFORE_ADD_SUBSCRIBER_COMMAND = 'OfficialAccount.CallbackBeforeAddSubscriber';

/** After subscribers were added to an Official Account (1047/60800). */
export const AFTER_ADD_SUBSCRIBER_COMMAND = 'OfficialAccount.CallbackAfterAddSubscriber';

/** After an Official Account reached its maximum number of subscribers (1047/60801). */
export const AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND = 'OfficialAccount.CallbackAfterOfficialAccountFull';

/** After subscribers left an Official Account or were removed from it (1047/60802). */
export const AFTER_DELETE_SUBSCRIBER_COMMAND = 'OfficialAccount.CallbackAfterDeleteSubscriber';

/**
 * Before an Official Account message is sent to the subscribers; the reply can refuse it, drop it
 * silently or replace its body (1047/60803).
 */
export const BEFORE_SEND_MSG_COMMAND = 'OfficialAccount.CallbackBeforeSendMsg';

/** After an Official Account message was delivered to the subscribers (1047/60804). */
export const AFTER_SEND_MSG_COMMAND = 'OfficialAccount.CallbackAfterSendMsg';

/**
 * After Official Account messages were recalled (1047/60805). Tencent spells it with a capital
 * `D`: `MsgWithDraw`.
 */
export const AFTER_MSG_WITH_DRAW_COMMAND = 'OfficialAccount.CallbackAfterMsgWithDraw';

/** All 11 commands of the Official Account family, in the order of Tencent's pages (1047/60795–60805). */
export const OFFICIAL_ACCOUNT_COMMANDS = [
  BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND,
  BEFORE_ADD_SUBSCRIBER_COMMAND,
  AFTER_ADD_SUBSCRIBER_COMMAND,
  AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND,
  AFTER_DELETE_SUBSCRIBER_COMMAND,
  BEFORE_SEND_MSG_COMMAND,
  AFTER_SEND_MSG_COMMAND,
  AFTER_MSG_WITH_DRAW_COMMAND,
] as const;

/** One of the 11 commands of the Official Account family. */
export type OfficialAccountCommand = (typeof OFFICIAL_ACCOUNT_COMMANDS)[number];
