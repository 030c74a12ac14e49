// Checked by `npm run typecheck` (tsc --noEmit), never run: the generated types against the
// registry's data, and what narrowing on MsgType must keep giving.
import type * as registry from '../../lib/commands/registry';
import type {
  ActionGateHandler,
  AnyMessageElement,
  C2CBeforeSendMsgEvent,
  CallbackCommand,
  CallbackEvents,
  CommandHandlers,
  CustomContent,
  GroupBeforeInviteJoinGroupEvent,
  ListGateHandler,
  MessageElement,
  MessageElementType,
  MessageGateHandler,
  NotificationHandler,
  OfficialAccountAfterSendMsgEvent,
  OfficialAccountBeforeCreateOfficialAccountEvent,
  ReplyDataHandler,
  ChatbotOnC2CSignalMessageEvent,
  SnsFriendItem,
  SnsPrevFriendAddEvent,
  TargetGateHandler,
  WithUnknownFields,
} from '../../lib/index';
import type { MESSAGE_ELEMENT_TYPES } from '../../lib/commands/shared/schemas';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

type Registry = typeof registry;
type Definition = Registry[keyof Registry];

// The registry and the generated map name the same 61 commands.
assertType<Equal<Definition['command'], CallbackCommand>>();

// Each of Tencent's examples is a value of its command's generated event type (a key name from
// the registry where one is not).
type ExamplesThatDoNotFit = {
  [K in keyof Registry]: Registry[K]['example'] extends CallbackEvents[Registry[K]['command']] ? never : K;
}[keyof Registry];
assertType<Equal<ExamplesThatDoNotFit, never>>();

// No event type has an index signature: a misspelt field never compiles.
type EventsWithIndexSignatures = {
  [C in CallbackCommand]: string extends keyof CallbackEvents[C] ? C : never;
}[CallbackCommand];
assertType<Equal<EventsWithIndexSignatures, never>>();

// The handler of a key of `on` follows from its command's kind.
assertType<
  Equal<CommandHandlers['C2C.CallbackBeforeSendMsg'], MessageGateHandler<C2CBeforeSendMsgEvent> | undefined>
>();
assertType<
  Equal<
    CommandHandlers['OfficialAccount.CallbackBeforeCreateOfficialAccount'],
    ActionGateHandler<OfficialAccountBeforeCreateOfficialAccountEvent> | undefined
  >
>();
assertType<
  Equal<
    CommandHandlers['Group.CallbackBeforeInviteJoinGroup'],
    ListGateHandler<GroupBeforeInviteJoinGroupEvent> | undefined
  >
>();
assertType<
  Equal<
    CommandHandlers['Sns.CallbackPrevFriendAdd'],
    TargetGateHandler<SnsPrevFriendAddEvent, SnsFriendItem> | undefined
  >
>();
assertType<
  Equal<CommandHandlers['Chatbot.OnC2CSignalMessage'], ReplyDataHandler<ChatbotOnC2CSignalMessageEvent> | undefined>
>();
assertType<
  Equal<
    CommandHandlers['OfficialAccount.CallbackAfterSendMsg'],
    NotificationHandler<OfficialAccountAfterSendMsgEvent> | undefined
  >
>();

// The runtime list of element types is the type's list.
assertType<Equal<(typeof MESSAGE_ELEMENT_TYPES)[number], MessageElementType>>();

// Narrowing on MsgType gives each element's content.
declare const element: MessageElement;
if (element.MsgType === 'TIMTextElem') assertType<Equal<typeof element.MsgContent.Text, string>>();
if (element.MsgType === 'TIMCustomElem') assertType<Equal<typeof element.MsgContent, CustomContent>>();
if (element.MsgType === 'TIMImageElem') {
  assertType<Equal<NonNullable<typeof element.MsgContent.ImageInfoArray>[number]['URL'], string | undefined>>();
}
// @ts-expect-error: an undocumented MsgType is not one of the union's.
if (element.MsgType === 'TIMNewElem') console.log(element);
// Widened, any MsgType compares.
const widened: AnyMessageElement = element;
if (widened.MsgType === 'TIMNewElem') assertType<Equal<typeof widened.MsgContent, Readonly<Record<string, unknown>>>>();

// A field Tencent added later is read through WithUnknownFields, as unknown.
declare const event: C2CBeforeSendMsgEvent;
assertType<Equal<WithUnknownFields<typeof event>['NewField'], unknown>>();
assertType<Equal<WithUnknownFields<typeof event>['From_Account'], string>>();
