// What one callback command is, as data. Each file under lib/commands/<family>/ exports one
// definition made with `defineCommand`; lib/commands/registry.ts lists them, one line each, and
// everything else (the router's map, the event and handler types, validators, the testing helpers'
// examples, the CLI's verdicts, the reference tables in docs/) is derived from that list.

/**
 * The subset of JSON Schema (draft-07) the definitions use. Besides validation keywords, the
 * generator (scripts/generate.mjs) reads three annotations:
 * - `description`: the field's TSDoc and its line in the docs;
 * - `title`: a sub-schema with a title becomes a named, exported interface;
 * - `tsType`: the TypeScript type written instead of one derived from the schema (names from
 *   lib/commands/shared/types.ts), where a derived type would be weaker (message elements).
 */
export interface JsonSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly description?: string;
  readonly title?: string;
  readonly tsType?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly const?: string | number;
  readonly enum?: readonly (string | number)[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly pattern?: string;
  readonly allOf?: readonly JsonSchema[];
  readonly if?: JsonSchema;
  readonly then?: JsonSchema;
}

export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** An inclusive range of `ErrorCode`s an app may use to refuse with its own code and text. */
export interface CodeRange {
  readonly min: number;
  readonly max: number;
}

/** What every command has, whatever its kind. */
export interface CommandBase<Command extends string = string> {
  /** The `CallbackCommand` query parameter (repeated in most bodies). */
  readonly command: Command;
  /**
   * Tencent's English page, as `1047/<id>` (tencentcloud.com/document/product/1047/<id>); absent
   * for the commands only the Chinese pages document yet.
   */
  readonly page?: string;
  /**
   * Tencent's Chinese page, as `269/<id>` (cloud.tencent.com/document/product/269/<id>), when it says
   * more than the English one or there is no English one.
   */
  readonly cnPage?: string;
  /** One sentence: when Tencent sends it. The docs, the TSDoc of `on` and the CLI's help show it. */
  readonly summary: string;
  /** The body's JSON Schema. Unknown fields are allowed everywhere: Tencent adds fields over time. */
  readonly schema: JsonSchema;
  /** The example body of Tencent's page, as valid JSON (the page's comments and slips removed). */
  readonly example: unknown;
  /** Where Tencent's sources disagree, and what the schema accepts because of it; one line each. */
  readonly drift?: readonly string[];
}

/**
 * How the engine runs a command's handler and builds its reply:
 * - `message-gate`: allows, refuses, drops or changes one message;
 * - `action-gate`: allows or refuses one action (create a group, join one…);
 * - `list-gate`: decides each member of a list (subscribers, invitees), replying the refused ones;
 * - `target-gate`: decides each target of a request (friend requests), replying one result each;
 * - `reply-data`: the handler's answer travels back in the reply;
 * - `notification`: an After-callback, alarm or batch; Tencent ignores the reply.
 */
export type CommandKind = CommandDefinition['kind'];

/** A Before-callback deciding one message: `true`, `false`, `'drop'`, `{ modify }`, `{ reject }`. */
export interface MessageGateDefinition<Command extends string = string> extends CommandBase<Command> {
  readonly kind: 'message-gate';
  /** The range of `{ reject: { code } }`. */
  readonly customCodes: CodeRange;
  /** The error code Tencent gives the sender when the reply refuses with `ErrorCode` 1, where documented. */
  readonly callerCode?: number;
  /** Whether `'drop'` (ErrorCode 2: discarded, the sender told it was sent) is documented. */
  readonly drop: boolean;
  /** Whether `{ modify: { MsgBody?, CloudCustomData? } }` is documented. */
  readonly modify: boolean;
}

/** A Before-callback deciding one action: `true`, `false`, `{ reject }`. */
export interface ActionGateDefinition<Command extends string = string> extends CommandBase<Command> {
  readonly kind: 'action-gate';
  readonly customCodes: CodeRange;
  /** The error code Tencent gives the caller when the reply refuses with `ErrorCode` 1, where documented. */
  readonly callerCode?: number;
}

/** A Before-callback deciding each member of a list, replying the refused UserIDs. */
export interface ListGateDefinition<Command extends string = string> extends CommandBase<Command> {
  readonly kind: 'list-gate';
  readonly customCodes: CodeRange;
  /** Where the members are: `body[list][i][member]` is one UserID. */
  readonly list: string;
  readonly member: string;
  /** The reply's field of refused UserIDs (sent with `ErrorCode` 0). */
  readonly refusedField: string;
}

/** A Before-callback deciding each target of a request, replying one `ResultItem` per target. */
export interface TargetGateDefinition<Command extends string = string> extends CommandBase<Command> {
  readonly kind: 'target-gate';
  /** The range of each target's `ResultCode` when refused. */
  readonly customCodes: CodeRange;
  /** Where the targets are: `body[list][i]`, each with a `To_Account`. */
  readonly list: string;
}

/** A callback whose reply carries the handler's data back (`RspData`). */
export interface ReplyDataDefinition<Command extends string = string> extends CommandBase<Command> {
  readonly kind: 'reply-data';
  /** The reply's field that carries the handler's string. */
  readonly replyField: string;
}

/** An After-callback, alarm or batch: acknowledged; Tencent ignores the reply. */
export interface NotificationDefinition<Command extends string = string> extends CommandBase<Command> {
  readonly kind: 'notification';
}

/** One callback command as data. */
export type CommandDefinition<Command extends string = string> =
  | MessageGateDefinition<Command>
  | ActionGateDefinition<Command>
  | ListGateDefinition<Command>
  | TargetGateDefinition<Command>
  | ReplyDataDefinition<Command>
  | NotificationDefinition<Command>;

/** What a `T` of a union keeps without `Keys`, member by member. */
type DistributiveOmit<T, Keys extends PropertyKey> = T extends unknown ? Omit<T, Keys> : never;

/**
 * What the router needs of a command at run time: its kind and reply rules, without its schema
 * (compiled ahead of time), example and prose. lib/generated/rules.ts holds them for every command.
 */
export type CommandRules = DistributiveOmit<
  CommandDefinition,
  'page' | 'cnPage' | 'summary' | 'schema' | 'example' | 'drift'
>;

/**
 * Declares one command. It returns its argument unchanged; the `const` type parameter keeps the
 * literal types (the command string, the kind) that the handler types are derived from.
 */
export function defineCommand<const Definition extends CommandDefinition>(definition: Definition): Definition {
  return definition;
}
