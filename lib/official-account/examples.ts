// The example request bodies from Tencent's pages (1047/60795 to 60805, under
// tencentcloud.com/document/product/1047/), with the pages' comments stripped. Two samples needed
// care: the InfoChanged one (60797) lacks the commas after `FaceUrl` and `Organization`, added
// here; the MsgWithDraw one (60805) names its account `#TOA#_123` where every other page writes
// `@TOA#_…`, kept as the page has it. Each example is checked against its event type
// (`satisfies`, which also refuses a misspelt field) and frozen all the way down, so a test or a
// tool that changes one cannot change it for the next.
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
  type OfficialAccountCommand,
} from './commands.js';
import type {
  AfterAddSubscriberEvent,
  AfterCreateOfficialAccountEvent,
  AfterDeleteSubscriberEvent,
  AfterMsgWithDrawEvent,
  AfterOfficialAccountDestroyedEvent,
  AfterOfficialAccountFullEvent,
  AfterOfficialAccountInfoChangedEvent,
  AfterSendMsgEvent,
  BeforeAddSubscriberEvent,
  BeforeCreateOfficialAccountEvent,
  BeforeSendMsgEvent,
  OfficialAccountEvents,
} from './events.js';

/** Freezes an example and everything in it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Tencent's example of `OfficialAccount.CallbackBeforeCreateOfficialAccount` (1047/60795). */
export const beforeCreateOfficialAccountExample = deepFreeze({
  CallbackCommand: BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  Operator_Account: '107867',
  Owner_Account: '107867',
  Name: 'TestOfficialAccount',
  EventTime: 1670574414123,
} as const satisfies BeforeCreateOfficialAccountEvent);

/** Tencent's example of `OfficialAccount.CallbackAfterCreateOfficialAccount` (1047/60796). */
export const afterCreateOfficialAccountExample = deepFreeze({
  CallbackCommand: AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  Official_Account: '@TOA#_test_OA_for_penn',
  Operator_Account: '107867',
  Owner_Account: '107867',
  Name: 'TestOfficialAccount',
  EventTime: 1670574414123,
} as const satisfies AfterCreateOfficialAccountEvent);

/** Tencent's example of `OfficialAccount.CallbackAfterOfficialAccountInfoChanged` (1047/60797), commas added. */
export const afterOfficialAccountInfoChangedExample = deepFreeze({
  CallbackCommand: AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND,
  Official_Account: '@TOA#_test_OA_for_penn',
  Operator_Account: 'leckie',
  Introduction: 'NewNotification',
  Name: 'NewName',
  FaceUrl: 'http://this.is.newface.url',
  Organization: 'NewOrganization',
  EventTime: 1670574414123,
} as const satisfies AfterOfficialAccountInfoChangedEvent);

/** Tencent's example of `OfficialAccount.CallbackAfterOfficialAccountDestroyed` (1047/60798). */
export const afterOfficialAccountDestroyedExample = deepFreeze({
  CallbackCommand: AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND,
  Official_Account: '@TOA#_test_OA_for_penn',
  Owner_Account: '107867',
  Name: 'TestOfficialAccount',
  EventTime: 1670574414123,
} as const satisfies AfterOfficialAccountDestroyedEvent);

/** Tencent's example of `OfficialAccount.CallbackBeforeAddSubscriber` (1047/60799). */
export const beforeAddSubscriberExample = deepFreeze({
  CallbackCommand: BEFORE_ADD_SUBSCRIBER_COMMAND,
  Official_Account: '@TOA#_test_for_penn',
  Operator_Account: '107867',
  SubscribeAccountList: [{ Subscriber_Account: 'jared' }, { Subscriber_Account: 'leckie' }],
  EventTime: 1670574414123,
} as const satisfies BeforeAddSubscriberEvent);

/** Tencent's example of `OfficialAccount.CallbackAfterAddSubscriber` (1047/60800). */
export const afterAddSubscriberExample = deepFreeze({
  CallbackCommand: AFTER_ADD_SUBSCRIBER_COMMAND,
  Official_Account: '@TOA#_test_for_penn',
  Operator_Account: '107867',
  SubscribeAccountList: [{ Subscriber_Account: 'jared' }, { Subscriber_Account: 'leckie' }],
  EventTime: 1670574414123,
} as const satisfies AfterAddSubscriberEvent);

/** Tencent's example of `OfficialAccount.CallbackAfterOfficialAccountFull` (1047/60801). */
export const afterOfficialAccountFullExample = deepFreeze({
  CallbackCommand: AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND,
  Official_Account: '@TOA#_test_OA_for_penn',
  EventTime: 1670574414123,
} as const satisfies AfterOfficialAccountFullEvent);

/** Tencent's example of `OfficialAccount.CallbackAfterDeleteSubscriber` (1047/60802). */
export const afterDeleteSubscriberExample = deepFreeze({
  CallbackCommand: AFTER_DELETE_SUBSCRIBER_COMMAND,
  Official_Account: '@TOA#_test_OA_for_penn',
  Operator_Account: 'leckie',
  SubscribeAccountList: [{ Subscriber_Account: 'jared' }, { Subscriber_Account: 'leckie' }],
  EventTime: 1670574414123,
} as const satisfies AfterDeleteSubscriberEvent);

/** Tencent's example of `OfficialAccount.CallbackBeforeSendMsg` (1047/60803). */
export const beforeSendMsgExample = deepFreeze({
  CallbackCommand: BEFORE_SEND_MSG_COMMAND,
  Official_Account: '@TOA#_2J4SZEAEL',
  OnlineOnlyFlag: 1,
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
  CloudCustomData: 'your cloud custom data',
  EventTime: 1670574414123,
} as const satisfies BeforeSendMsgEvent);

/** Tencent's example of `OfficialAccount.CallbackAfterSendMsg` (1047/60804). */
export const afterSendMsgExample = deepFreeze({
  CallbackCommand: AFTER_SEND_MSG_COMMAND,
  Official_Account: '@TOA#_2J4SZEAEL',
  MsgKey: '71_1_1698741698',
  MsgTime: 1490686222,
  OnlineOnlyFlag: 1,
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }],
  CloudCustomData: 'your cloud custom data',
  EventTime: 1670574414123,
} as const satisfies AfterSendMsgEvent);

/** Tencent's example of `OfficialAccount.CallbackAfterMsgWithDraw` (1047/60805), with its `#TOA#_` ID. */
export const afterMsgWithDrawExample = deepFreeze({
  CallbackCommand: AFTER_MSG_WITH_DRAW_COMMAND,
  Official_Account: '#TOA#_123',
  WithdrawMsgList: [{ MsgKey: '71_1_1698741698' }],
  EventTime: 1670574414123,
} as const satisfies AfterMsgWithDrawEvent);

/** Each Official Account command's example body, typed as that command's event. */
export const OFFICIAL_ACCOUNT_EXAMPLES: { readonly [C in OfficialAccountCommand]: OfficialAccountEvents[C] } =
  Object.freeze({
    [BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND]: beforeCreateOfficialAccountExample,
    [AFTER_CREATE_OFFICIAL_ACCOUNT_COMMAND]: afterCreateOfficialAccountExample,
    [AFTER_OFFICIAL_ACCOUNT_INFO_CHANGED_COMMAND]: afterOfficialAccountInfoChangedExample,
    [AFTER_OFFICIAL_ACCOUNT_DESTROYED_COMMAND]: afterOfficialAccountDestroyedExample,
    [BEFORE_ADD_SUBSCRIBER_COMMAND]: beforeAddSubscriberExample,
    [AFTER_ADD_SUBSCRIBER_COMMAND]: afterAddSubscriberExample,
    [AFTER_OFFICIAL_ACCOUNT_FULL_COMMAND]: afterOfficialAccountFullExample,
    [AFTER_DELETE_SUBSCRIBER_COMMAND]: afterDeleteSubscriberExample,
    [BEFORE_SEND_MSG_COMMAND]: beforeSendMsgExample,
    [AFTER_SEND_MSG_COMMAND]: afterSendMsgExample,
    [AFTER_MSG_WITH_DRAW_COMMAND]: afterMsgWithDrawExample,
  });
