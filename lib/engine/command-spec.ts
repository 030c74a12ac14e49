/**
 * How the engine runs a command's handler and builds its reply:
 * - `subscriber-gate`: decides each subscriber of a list (OfficialAccount.CallbackBeforeAddSubscriber);
 * - `message-gate`: allows, refuses, drops or modifies one message (OfficialAccount.CallbackBeforeSendMsg);
 * - `creation-gate`: allows or refuses one action (OfficialAccount.CallbackBeforeCreateOfficialAccount);
 * - `notification`: an After-callback, acknowledged whatever the handler does;
 * - `generic`: a command of another family, whose body is any JSON object.
 */
export type CommandKind = 'subscriber-gate' | 'message-gate' | 'creation-gate' | 'notification' | 'generic';

/** A callback command as data: what the engine needs to authenticate, validate and run it. */
export interface CommandSpec<Command extends string = string, Event = unknown> {
  /** The `CallbackCommand` query parameter (repeated in the body). */
  readonly command: Command;
  readonly kind: CommandKind;
  /** JSON Schema (draft-07) of the body; unknown fields are allowed everywhere. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** The example body from Tencent's documentation, used by the testing helpers and the CLI. */
  readonly example: Event;
}
