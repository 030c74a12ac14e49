// What Tencent does with a reply, command by command, as the pages of the Official Account family
// say (tencentcloud.com/document/product/1047/60795 to 60805, and the webhook overview 34354).
import { OFFICIAL_ACCOUNT_SPECS } from '../official-account/specs.js';
import { CUSTOM_ERROR_CODE_MAX, CUSTOM_ERROR_CODE_MIN } from '../protocol/constants.js';
import type { ReplySummary } from '../testing/parse-reply.js';
import type { CommandKind } from '../engine/command-spec.js';
import type { CustomRejection, MessageModification } from '../types.js';

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
  /** `OK` with `ErrorCode` `2`: BeforeSendMsg drops the message silently. */
  dropped: boolean;
  /** `OK` with an `ErrorCode` from 120001 to 130000 and its `ErrorInfo`, passed to the client; else `null`. */
  customRejection: CustomRejection | null;
  /** The fields an accepted reply replaces in the message (BeforeSendMsg), else `null`. */
  modified: MessageModification | null;
  /** BeforeAddSubscriber only: the refused UserIDs; every subscriber when the whole request was rejected. */
  refused?: string[];
  /** BeforeAddSubscriber only: the subscribers Tencent goes on to add. */
  added?: string[];
}

const CUSTOM_RANGE = `${CUSTOM_ERROR_CODE_MIN}–${CUSTOM_ERROR_CODE_MAX}`;

/** The kind of an Official Account command; `generic` for a command of another family. */
function kindOf(command: string): CommandKind {
  return Object.hasOwn(OFFICIAL_ACCOUNT_SPECS, command)
    ? OFFICIAL_ACCOUNT_SPECS[command as keyof typeof OFFICIAL_ACCOUNT_SPECS].kind
    : 'generic';
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

/** The UserIDs of the body's `SubscribeAccountList`, skipping entries that are not one. */
export function subscribersOf(body: Readonly<Record<string, unknown>>): string[] {
  const list = body['SubscribeAccountList'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const userId = (entry as { Subscriber_Account?: unknown } | null)?.Subscriber_Account;
    return typeof userId === 'string' ? [userId] : [];
  });
}

/** BeforeAddSubscriber (1047/60799): who is added and who is not, as this tool has always said. */
function subscriberVerdict(
  summary: ReplySummary,
  subscribers: readonly string[],
): { text: string; refused: string[]; added: string[] } {
  const asked = [...new Set(subscribers)];
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
  const added = asked.filter((subscriber) => !refusedSet.has(subscriber));
  return { text: `refused ${names(refused)}; added ${names(added)}`, refused, added };
}

/**
 * What a Before-callback that decides once does with the reply: the refusals every gate shares,
 * or `undefined` for the codes that depend on the gate.
 */
function sharedGateText(summary: ReplySummary): string | undefined {
  if (summary.failed) return `${plainly(summary)}; Tencent does not document what a FAIL reply does`;
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

/** BeforeSendMsg (1047/60803): sent, sent changed, refused, dropped, or refused with the app's code. */
function messageText(summary: ReplySummary): string {
  const shared = sharedGateText(summary);
  if (shared !== undefined) return shared;
  if (summary.modified !== undefined) return `sent changed (${Object.keys(summary.modified).join(', ')})`;
  if (summary.accepted) return 'sent';
  if (summary.dropped) return 'dropped silently (the sender is told it was sent)';
  if (summary.errorCode === 1) return 'refused (ErrorCode 1: the sender gets 10016)';
  return undocumented(summary, `0, 1, 2 or ${CUSTOM_RANGE}`);
}

/** BeforeCreateOfficialAccount (1047/60795): created, refused, or refused with the app's code. */
function creationText(summary: ReplySummary): string {
  const shared = sharedGateText(summary);
  if (shared !== undefined) return shared;
  if (summary.accepted) return 'created';
  if (summary.errorCode === 1) return 'refused (the caller gets 20006)';
  return undocumented(summary, `0, 1 or ${CUSTOM_RANGE}`);
}

/** An After-callback: Tencent ignores the reply (1047/34354), but a failing handler is worth seeing. */
function notificationText(summary: ReplySummary): string {
  const ignored = 'acknowledged (Tencent ignores the reply to an After-callback';
  return summary.accepted ? `${ignored})` : `${ignored}; this one says ${plainly(summary)})`;
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
  switch (kindOf(command)) {
    case 'subscriber-gate': {
      // Only this command's verdict names subscribers: no other body asks about any.
      const { text, refused, added } = subscriberVerdict(summary, subscribersOf(body));
      return { ...verdict(text), refused, added };
    }
    case 'message-gate':
      return verdict(messageText(summary));
    case 'creation-gate':
      return verdict(creationText(summary));
    case 'notification':
      return verdict(notificationText(summary));
    case 'generic':
      // What the code means is on the command's own page; this tool reads the Official Account family.
      return verdict(plainly(summary));
  }
}

/** The verdict in one line. */
export function verdictLine(verdict: Verdict): string {
  return `Verdict: ${verdict.text}.`;
}
