// What Tencent does with a reply, by the kind of the command and the rules of its definition in
// the registry (lib/commands/), as Tencent's pages say (the webhook overview 1047/34354 and each
// command's page).
import type {
  ActionGateDefinition,
  CodeRange,
  ListGateDefinition,
  MessageGateDefinition,
  ReplyDataDefinition,
  TargetGateDefinition,
} from '../commands/define.js';
import { DEFINITION_BY_COMMAND } from '../commands/index.js';
import { assertNever } from '../engine/assert-never.js';
import type { ReplySummary } from '../testing/parse-reply.js';
import type { CustomRejection, MessageModification, TargetResult } from '../types.js';

/** What the reply decides, for the verdict line and the JSON output. */
export interface Verdict {
  /** The command the reply answers. */
  command: string;
  /** What Tencent does with the reply, in words: the verdict line without `Verdict: ` and its full stop. */
  text: string;
  /** `ActionStatus` `OK` with `ErrorCode` `0`: the action goes on (for a Before-callback). */
  accepted: boolean;
  /** The reply's `ErrorCode`. */
  errorCode: number;
  /** `ErrorInfo` when the reply is not accepted, else `null`. */
  rejectedReason: string | null;
  /** `ActionStatus` is `FAIL`. */
  failed: boolean;
  /** `OK` with `ErrorCode` `2` to a message gate: the message is dropped silently. */
  dropped: boolean;
  /** `OK` with an `ErrorCode` of the family's range and its `ErrorInfo`, passed to the client; else `null`. */
  customRejection: CustomRejection | null;
  /** The fields an accepted reply to a message gate replaces in the message, else `null`. */
  modified: MessageModification | null;
  /**
   * List gates: the refused UserIDs, every member when the whole request was refused. Target gates:
   * the refused targets.
   */
  refused?: string[];
  /** List gates only: the members Tencent goes on to add. */
  added?: string[];
  /** Target gates only: the reply's `ResultItem`, or `null` when it has none. */
  results?: TargetResult[] | null;
  /** Reply data only (`Chatbot.OnC2CSignalMessage`): the `RspData` sent back, or `null`. */
  data?: string | null;
}

/** What the refused client is told, where the command's definition records the code it gets. */
function refusedWords(definition: MessageGateDefinition | ActionGateDefinition, who: string): string | undefined {
  return definition.callerCode === undefined ? undefined : `the ${who} gets ${definition.callerCode}`;
}

/** `120001–130000`. */
export function rangeText(range: CodeRange): string {
  return `${range.min}–${range.max}`;
}

function names(userIds: readonly string[]): string {
  return userIds.length === 0 ? 'nobody' : userIds.join(', ');
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

/** The reply's three fields, as they were sent. */
function plainly(summary: ReplySummary): string {
  const { ActionStatus: status, ErrorCode: code, ErrorInfo: info } = summary.reply;
  return `ActionStatus ${status}, ErrorCode ${code}, ErrorInfo ${quoted(info)}`;
}

function failText(summary: ReplySummary): string {
  return `${plainly(summary)}; Tencent does not document what a FAIL reply does`;
}

/** The strings `body[list][i][field]`, skipping entries that are not one. */
function idsOf(body: Readonly<Record<string, unknown>>, list: string, field: string): string[] {
  const items = body[list];
  if (!Array.isArray(items)) return [];
  return items.flatMap((entry: unknown) => {
    const id = (entry as Record<string, unknown> | null)?.[field];
    return typeof id === 'string' ? [id] : [];
  });
}

/** A list gate (1047/60799, 34371): who is added and who is not, as this tool has always said. */
function listVerdict(
  summary: ReplySummary,
  definition: ListGateDefinition,
  body: Readonly<Record<string, unknown>>,
): { text: string; refused: string[]; added: string[] } {
  const asked = [...new Set(idsOf(body, definition.list, definition.member))];
  if (!summary.accepted) {
    return {
      text:
        `the whole request was rejected (ErrorCode ${summary.errorCode}, ErrorInfo ` +
        `${quoted(summary.reply.ErrorInfo)}); nobody is added`,
      refused: asked,
      added: [],
    };
  }
  const refused = [...new Set(summary.refused)];
  const refusedSet = new Set(refused);
  const added = asked.filter((member) => !refusedSet.has(member));
  return { text: `refused ${names(refused)}; added ${names(added)}`, refused, added };
}

/**
 * What a gate that decides once does with the reply: the refusals every gate shares, or
 * `undefined` for the codes that depend on the gate.
 */
function sharedGateText(summary: ReplySummary): string | undefined {
  if (summary.failed) return failText(summary);
  if (summary.customRejection !== undefined) {
    return `refused with the app's code ${summary.errorCode}: ${quoted(summary.customRejection.info)}`;
  }
  return undefined;
}

function undocumented(summary: ReplySummary, documented: string): string {
  return (
    `ErrorCode ${summary.errorCode} (ErrorInfo ${quoted(summary.reply.ErrorInfo)}) is not one Tencent documents ` +
    `for this callback: ${documented}`
  );
}

/** A message gate: sent, sent changed, refused, dropped, or refused with the app's code. */
function messageText(summary: ReplySummary, definition: MessageGateDefinition): string {
  const shared = sharedGateText(summary);
  if (shared !== undefined) return shared;
  if (summary.modified !== undefined) return `sent changed (${Object.keys(summary.modified).join(', ')})`;
  if (summary.accepted) return 'sent';
  if (summary.dropped) return 'dropped silently (the sender is told it was sent)';
  const refused = refusedWords(definition, 'sender');
  if (summary.errorCode === 1) return `refused (ErrorCode 1${refused === undefined ? '' : `: ${refused}`})`;
  const codes = definition.drop ? '0, 1, 2' : '0, 1';
  return undocumented(summary, `${codes} or ${rangeText(definition.customCodes)}`);
}

/** An action gate: allowed (or created), refused, or refused with the app's code. */
function actionText(summary: ReplySummary, definition: ActionGateDefinition): string {
  const shared = sharedGateText(summary);
  if (shared !== undefined) return shared;
  // The gates of a creation: going on means the thing is created.
  if (summary.accepted) return definition.command.includes('.CallbackBeforeCreate') ? 'created' : 'allowed';
  if (summary.errorCode === 1) return `refused (${refusedWords(definition, 'caller') ?? 'ErrorCode 1'})`;
  return undocumented(summary, `0, 1 or ${rangeText(definition.customCodes)}`);
}

/** One target's result in words. */
function resultText(target: string, result: TargetResult | undefined, range: CodeRange): string {
  if (result === undefined) return `${target} not in ResultItem (what Tencent does then is not documented)`;
  if (result.ResultCode === 0) return `${target} allowed`;
  const outside =
    result.ResultCode >= range.min && result.ResultCode <= range.max ? '' : ` (not in ${rangeText(range)})`;
  return `${target} refused with the app's code ${result.ResultCode}${outside}: ${quoted(result.ResultInfo)}`;
}

/** A target gate (1047/43468, 43467): each target allowed or refused, in the order of the request. */
function targetVerdict(
  summary: ReplySummary,
  definition: TargetGateDefinition,
  body: Readonly<Record<string, unknown>>,
): { text: string; refused: string[]; results: TargetResult[] | null } {
  const results = summary.results ?? null;
  if (summary.failed) return { text: failText(summary), refused: [], results };
  if (!summary.accepted) {
    return {
      text:
        `ErrorCode ${summary.errorCode} (ErrorInfo ${quoted(summary.reply.ErrorInfo)}) reports a failure, ` +
        'which Tencent ignores by default: every target goes through',
      refused: [],
      results,
    };
  }
  if (results === null) {
    return {
      text: "no ResultItem, which Tencent's page requires: what it does with the targets is not documented",
      refused: [],
      results,
    };
  }
  const targets = idsOf(body, definition.list, 'To_Account');
  const unused = [...results];
  const parts = targets.map((target) => {
    const index = unused.findIndex((result) => result.To_Account === target);
    const [result] = index === -1 ? [] : unused.splice(index, 1);
    return resultText(target, result, definition.customCodes);
  });
  for (const extra of unused) parts.push(`${extra.To_Account} in ResultItem but not in the request`);
  return { text: parts.length === 0 ? 'no targets' : parts.join('; '), refused: summary.refused, results };
}

/** Reply data (1047/59057): what goes back, or a failure. */
function dataText(summary: ReplySummary, definition: ReplyDataDefinition): string {
  if (summary.failed) return failText(summary);
  const field = definition.replyField;
  if (!summary.accepted) {
    return `failed (ErrorCode ${summary.errorCode}, ErrorInfo ${quoted(summary.reply.ErrorInfo)}): Tencent ignores ${field}`;
  }
  if (summary.data === undefined) return `ErrorCode 0 without ${field}, which Tencent's page marks required`;
  return `${field} sent back: ${quoted(summary.data)}`;
}

/** A notification: Tencent ignores the reply (1047/34354), but a failing handler is worth seeing. */
function notificationText(command: string, summary: ReplySummary): string {
  const what = command.includes('.CallbackAfter') ? 'an After-callback' : 'a notification';
  const ignored = `acknowledged (Tencent ignores the reply to ${what}`;
  return summary.accepted ? `${ignored})` : `${ignored}; this one says ${plainly(summary)})`;
}

/** A command this tool does not know: what the reply's code means for a Before- and an After-callback. */
function genericText(command: string, summary: ReplySummary): string {
  if (summary.failed) return failText(summary);
  const after = 'Tencent ignores the reply to an After-callback';
  if (summary.accepted)
    return `${plainly(summary)}: go on, for a Before-callback (this tool does not know ${command}; ${after})`;
  return (
    `${plainly(summary)}: refuse, for a Before-callback (${command}'s page says what ErrorCode ` +
    `${summary.errorCode} means; this tool does not know the command; ${after})`
  );
}

/** The verdict on a reply to `command`; `body` is the request body that was sent. */
export function verdictOf(command: string, summary: ReplySummary, body: Readonly<Record<string, unknown>>): Verdict {
  const verdict = (text: string): Verdict => ({
    command,
    text,
    accepted: summary.accepted,
    errorCode: summary.errorCode,
    rejectedReason: summary.rejectedReason ?? null,
    failed: summary.failed,
    dropped: summary.dropped,
    customRejection: summary.customRejection ?? null,
    modified: summary.modified ?? null,
  });
  const definition = DEFINITION_BY_COMMAND.get(command);
  if (definition === undefined) return verdict(genericText(command, summary));
  switch (definition.kind) {
    case 'message-gate':
      return verdict(messageText(summary, definition));
    case 'action-gate':
      return verdict(actionText(summary, definition));
    case 'list-gate': {
      // Only a list gate's verdict names members: no other body asks about any.
      const { text, refused, added } = listVerdict(summary, definition, body);
      return { ...verdict(text), refused, added };
    }
    case 'target-gate': {
      const { text, refused, results } = targetVerdict(summary, definition, body);
      return { ...verdict(text), refused, results };
    }
    case 'reply-data':
      return { ...verdict(dataText(summary, definition)), data: summary.data ?? null };
    case 'notification':
      return verdict(notificationText(command, summary));
    /* istanbul ignore next -- exhaustive: the type checker proves no value reaches it */
    default:
      return assertNever(definition);
  }
}

/** The verdict in one line. */
export function verdictLine(verdict: Verdict): string {
  return `Verdict: ${verdict.text}.`;
}
