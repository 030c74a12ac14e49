// Checked by `npm run typecheck` (tsc --noEmit), never run: each @ts-expect-error line must stay
// a type error, and each assertion must keep holding, or the type check fails.
import type { CommandKind, CommandSpec } from '../../lib/engine/command-spec';
import {
  AFTER_MSG_WITH_DRAW_COMMAND,
  AFTER_SEND_MSG_COMMAND,
  BEFORE_ADD_SUBSCRIBER_COMMAND,
  BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND,
  BEFORE_SEND_MSG_COMMAND,
  OFFICIAL_ACCOUNT_COMMANDS,
  type OfficialAccountCommand,
} from '../../lib/official-account/commands';
import type {
  AfterMsgWithDrawEvent,
  AfterOfficialAccountInfoChangedEvent,
  AfterSendMsgEvent,
  AnyMessageElement,
  BeforeAddSubscriberEvent,
  BeforeCreateOfficialAccountEvent,
  BeforeSendMsgEvent,
  CustomContent,
  MessageElement,
  OfficialAccountEvent,
  OfficialAccountEvents,
  SubscriberEntry,
  WithUnknownFields,
} from '../../lib/official-account/events';
import { beforeSendMsgExample, OFFICIAL_ACCOUNT_EXAMPLES } from '../../lib/official-account/examples';
import { OFFICIAL_ACCOUNT_SPECS } from '../../lib/official-account/specs';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

declare const addEvent: BeforeAddSubscriberEvent;
declare const sendEvent: BeforeSendMsgEvent;
declare const element: MessageElement;

// The command list is the 11 literal strings, nothing wider.
assertType<Equal<OfficialAccountCommand, keyof OfficialAccountEvents>>();
assertType<Equal<(typeof OFFICIAL_ACCOUNT_COMMANDS)['length'], 11>>();
assertType<Equal<typeof AFTER_MSG_WITH_DRAW_COMMAND, 'OfficialAccount.CallbackAfterMsgWithDraw'>>();

// A misspelt field does not compile: the events have no index signature.
// @ts-expect-error: Oficial_Account is a typo for Official_Account.
const typo: unknown = addEvent.Oficial_Account;
// @ts-expect-error: BeforeCreateOfficialAccount has no Official_Account yet (1047/60795).
const noAccountYet: unknown = ({} as BeforeCreateOfficialAccountEvent).Official_Account;
// @ts-expect-error: events are read-only.
addEvent.Official_Account = 'changed';
// @ts-expect-error: lists too.
addEvent.SubscribeAccountList[0] = { Subscriber_Account: 'mallory' };

// Known fields keep their types.
assertType<Equal<typeof addEvent.CallbackCommand, typeof BEFORE_ADD_SUBSCRIBER_COMMAND>>();
assertType<Equal<typeof addEvent.EventTime, number>>();
assertType<Equal<(typeof addEvent.SubscribeAccountList)[number], SubscriberEntry>>();
assertType<Equal<SubscriberEntry['Subscriber_Account'], string>>();
assertType<Equal<AfterOfficialAccountInfoChangedEvent['Name'], string | undefined>>();
assertType<Equal<AfterSendMsgEvent['MsgTime'], number>>();
assertType<Equal<AfterMsgWithDrawEvent['WithdrawMsgList'][number]['MsgKey'], string>>();

// A field Tencent adds later is read through WithUnknownFields, as unknown.
const future = (addEvent as WithUnknownFields<typeof addEvent>)['NewField'];
assertType<Equal<typeof future, unknown>>();
const futureInItem = (addEvent.SubscribeAccountList[0] as WithUnknownFields<SubscriberEntry>)['Nickname'];
assertType<Equal<typeof futureInItem, unknown>>();
// ...while the known fields keep their types there.
assertType<Equal<WithUnknownFields<BeforeAddSubscriberEvent>['Official_Account'], string>>();

// MsgBody elements narrow on MsgType.
if (element.MsgType === 'TIMTextElem') {
  assertType<Equal<typeof element.MsgContent.Text, string>>();
  assertType<Equal<typeof element.MsgContent, { readonly Text: string }>>();
}
for (const item of sendEvent.MsgBody) {
  switch (item.MsgType) {
    case 'TIMTextElem': {
      const text: string = item.MsgContent.Text;
      break;
    }
    case 'TIMCustomElem': {
      assertType<Equal<typeof item.MsgContent, CustomContent>>();
      assertType<Equal<typeof item.MsgContent.Data, string | undefined>>();
      break;
    }
    case 'TIMImageElem': {
      assertType<Equal<typeof item.MsgContent, Readonly<Record<string, unknown>>>>();
      assertType<Equal<(typeof item.MsgContent)['UUID'], unknown>>();
      break;
    }
    default:
      // A documented type handled nowhere above, or one Tencent adds later (typed as documented).
      assertType<Equal<typeof item.MsgContent, Readonly<Record<string, unknown>>>>();
  }
}
// @ts-expect-error: only a text element has a Text, so it is not readable before narrowing.
const notNarrowed: unknown = element.MsgContent.Text;
// @ts-expect-error: a MsgType nobody documented is not comparable until the element is widened...
const undocumented = element.MsgType === 'TIMNewElem';
// ...which every element is assignable to.
const widened: AnyMessageElement = element;
const documentedLater = widened.MsgType === 'TIMNewElem';
assertType<Equal<(typeof widened.MsgContent)['Anything'], unknown>>();

// The map gives the right event per command.
assertType<Equal<OfficialAccountEvents[typeof BEFORE_SEND_MSG_COMMAND], BeforeSendMsgEvent>>();
assertType<Equal<OfficialAccountEvents[typeof AFTER_SEND_MSG_COMMAND], AfterSendMsgEvent>>();
assertType<Equal<OfficialAccountEvents[typeof BEFORE_ADD_SUBSCRIBER_COMMAND], BeforeAddSubscriberEvent>>();
assertType<
  Equal<OfficialAccountEvents[typeof BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND], BeforeCreateOfficialAccountEvent>
>();
assertType<Equal<OfficialAccountEvents[typeof AFTER_MSG_WITH_DRAW_COMMAND], AfterMsgWithDrawEvent>>();
// The union of the events narrows on CallbackCommand.
declare const anyEvent: OfficialAccountEvent;
if (anyEvent.CallbackCommand === AFTER_SEND_MSG_COMMAND) {
  assertType<Equal<typeof anyEvent, AfterSendMsgEvent>>();
}

// Looking up a spec gives that command's spec, with its event type and kind.
const sendSpec = OFFICIAL_ACCOUNT_SPECS[BEFORE_SEND_MSG_COMMAND];
assertType<Equal<typeof sendSpec.command, typeof BEFORE_SEND_MSG_COMMAND>>();
assertType<Equal<typeof sendSpec.example, BeforeSendMsgEvent>>();
assertType<Equal<typeof sendSpec.kind, 'message-gate'>>();
assertType<Equal<(typeof OFFICIAL_ACCOUNT_SPECS)[typeof BEFORE_ADD_SUBSCRIBER_COMMAND]['kind'], 'subscriber-gate'>>();
assertType<
  Equal<(typeof OFFICIAL_ACCOUNT_SPECS)[typeof BEFORE_CREATE_OFFICIAL_ACCOUNT_COMMAND]['kind'], 'creation-gate'>
>();
assertType<Equal<(typeof OFFICIAL_ACCOUNT_SPECS)[typeof AFTER_SEND_MSG_COMMAND]['kind'], 'notification'>>();
// Every spec is a CommandSpec the engine accepts.
const asEngineSpec: CommandSpec<typeof BEFORE_SEND_MSG_COMMAND, BeforeSendMsgEvent> = sendSpec;
const kind: CommandKind = sendSpec.kind;
// A generic lookup keeps the link between command and event.
function exampleOf<C extends OfficialAccountCommand>(command: C): OfficialAccountEvents[C] {
  return OFFICIAL_ACCOUNT_SPECS[command].example;
}
assertType<Equal<ReturnType<typeof exampleOf<typeof AFTER_SEND_MSG_COMMAND>>, AfterSendMsgEvent>>();

// The examples are typed as their events, and deeply read-only.
assertType<Equal<(typeof OFFICIAL_ACCOUNT_EXAMPLES)[typeof BEFORE_SEND_MSG_COMMAND], BeforeSendMsgEvent>>();
assertType<Equal<(typeof beforeSendMsgExample.MsgBody)[0]['MsgContent']['Text'], 'red packet'>>();
// @ts-expect-error: an example cannot be changed.
beforeSendMsgExample.MsgBody[0].MsgContent.Text = 'changed';

// The widening that events.ts documents for a MsgType Tencent adds later.
for (const item of sendEvent.MsgBody as readonly AnyMessageElement[]) {
  if (item.MsgType === 'TIMNewElem') assertType<Equal<(typeof item.MsgContent)['Anything'], unknown>>();
}
