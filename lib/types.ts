import type { MessageElement } from './commands/shared/types.js';
import type { KnownOptPlatform } from './protocol/constants.js';

/** The query parameters Tencent appends to the webhook URL, each read once. */
export interface CallbackQuery {
  CallbackCommand: string;
  /** The app's numeric SDKAppID, as sent (a string of digits). */
  SdkAppid?: string | undefined;
  /** Fixed `json` in Tencent's requests. */
  contenttype?: string | undefined;
  ClientIP?: string | undefined;
  // `string & {}` keeps editor completion for the known values while accepting any string.
  OptPlatform?: KnownOptPlatform | (string & {}) | undefined;
  /** Present when webhook authentication is on in the console. */
  Sign?: string | undefined;
  /** Unix time in seconds, present with `Sign`. */
  RequestTime?: string | undefined;
}

/** What every handler receives about the callback it handles. */
export interface CallbackContext<Event> {
  /** The validated request body. */
  readonly event: Event;
  /** The callback's query parameters. */
  readonly query: CallbackQuery;
  /**
   * Aborts when the deadline (`timeoutMs`) passes, when the client goes away, and once the
   * reply has been sent. Pass it to your database or HTTP client so late work is cancelled.
   */
  readonly signal: AbortSignal;
}

/** One target's result in a target gate's reply (`Sns.CallbackPrevFriendAdd`, `Sns.CallbackPrevFriendResponse`). */
export interface TargetResult {
  /** The target's UserID, as in the request. */
  To_Account: string;
  /** `0` allows; a code of the family's range refuses. */
  ResultCode: number;
  /** Why, when refused. */
  ResultInfo: string;
}

/**
 * A reply in Tencent's format. Before-callbacks read `ErrorCode`; Tencent ignores the replies to
 * After-callbacks.
 */
export interface TencentReply {
  ActionStatus: 'OK' | 'FAIL';
  /** `0`: go on; `1`: refuse; `2`: drop a message silently; a code of the family's range: refuse with your own code. */
  ErrorCode: number;
  ErrorInfo: string;
  /** `OfficialAccount.CallbackBeforeAddSubscriber`: the refused UserIDs, on every reply with `ErrorCode: 0`. */
  RefusedSubscribers_Account?: string[];
  /** `Group.CallbackBeforeInviteJoinGroup`: the refused UserIDs, on every reply with `ErrorCode: 0`. */
  RefusedMembers_Account?: string[];
  /** The target gates: one result per target, in request order. */
  ResultItem?: TargetResult[];
  /** A message gate's `{ modify }`: the message body that replaces the one sent. */
  MsgBody?: MessageElement[];
  /** A message gate's `{ modify }`: the custom data that replaces the one sent. */
  CloudCustomData?: string;
  /** `Chatbot.OnC2CSignalMessage`: the data sent back to the chatbot. */
  RspData?: string;
}

/** A logger with the common four methods: `console`, pino and winston fit as they are. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Refuses with your own error code, which Tencent passes on to the client with `info`. */
export interface CustomRejection {
  /**
   * An integer of the range Tencent leaves to apps for the command's family: 120001–130000 for C2C
   * and Official Accounts, 10100–10200 for groups, 38000–39000 for friends.
   */
  code: number;
  /** The `ErrorInfo` (or `ResultInfo`) the client receives; at most 1000 characters. */
  info: string;
}

/** The fields of a message that a message gate's decision may replace; what is left out is sent unchanged. */
export interface MessageModification {
  /** The message body that is sent instead, in Tencent's TIMMessage element format. */
  MsgBody?: readonly MessageElement[] | undefined;
  /** The custom data that is sent instead. */
  CloudCustomData?: string | undefined;
}

/** The body of a command this package does not know: any JSON object whose `CallbackCommand` (when present) matches the query. */
export interface GenericEvent {
  readonly CallbackCommand?: string;
  readonly [field: string]: unknown;
}

/**
 * What a generic handler may return: nothing, for the plain `OK` reply, or the reply's fields
 * (merged over `{ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }`).
 */
export interface GenericReply {
  ActionStatus?: 'OK' | 'FAIL' | undefined;
  ErrorCode?: number | undefined;
  ErrorInfo?: string | undefined;
  [field: string]: unknown;
}
