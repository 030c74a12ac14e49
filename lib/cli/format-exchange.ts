import type { ReplySummary } from '../testing/parse-reply.js';
import type { ReceivedReply } from './send-request.js';

/** What the reply decides, for the verdict line and the JSON output. */
export interface Verdict {
  /** `ErrorCode` was `0`: everyone not refused is added. */
  accepted: boolean;
  /** The refused UserIDs; every subscriber when the whole request was rejected. */
  refused: string[];
  /** The subscribers Tencent goes on to add. */
  added: string[];
  /** `ErrorInfo` when the whole request was rejected, else `null`. */
  rejectedReason: string | null;
  errorCode: number;
}

const MAX_SHOWN_REPLY_CHARACTERS = 2000;

function prefixed(prefix: string, text: string): string[] {
  return text
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
    .map((line) => `${prefix}${line}`);
}

function shortened(text: string): string {
  if (text.length <= MAX_SHOWN_REPLY_CHARACTERS) return text;
  return `${text.slice(0, MAX_SHOWN_REPLY_CHARACTERS)}… (${text.length - MAX_SHOWN_REPLY_CHARACTERS} more characters)`;
}

function names(userIds: readonly string[]): string {
  return userIds.length === 0 ? 'nobody' : userIds.join(', ');
}

/** `HTTP 200 OK`, or only the code when the server sent no reason phrase. */
export function statusOf(reply: ReceivedReply): string {
  return `HTTP ${reply.status} ${reply.statusText}`.trimEnd();
}

/** The request as sent, curl-style: method and URL, header, body. */
export function requestLines(url: URL, json: string): string[] {
  return [`> POST ${url.href}`, '> Content-Type: application/json', `> ${json}`];
}

/** The reply as received: status, time taken, body. */
export function replyLines(reply: ReceivedReply): string[] {
  const status = `< ${statusOf(reply)} (${reply.durationMs} ms)`;
  return [status, ...(reply.text === '' ? ['< (empty body)'] : prefixed('< ', shortened(reply.text)))];
}

/** Who is added and who is not, given the subscribers asked about. */
export function verdictOf(summary: ReplySummary, subscribers: readonly string[]): Verdict {
  const refused = [...new Set(summary.refused)];
  const refusedSet = new Set(refused);
  const accepted = summary.accepted;
  return {
    accepted,
    refused: accepted ? refused : [...new Set(subscribers)],
    added: accepted ? [...new Set(subscribers)].filter((subscriber) => !refusedSet.has(subscriber)) : [],
    rejectedReason: summary.rejectedReason ?? null,
    errorCode: summary.reply.ErrorCode,
  };
}

/** The verdict in one line. */
export function verdictLine(verdict: Verdict): string {
  if (!verdict.accepted) {
    return (
      `Verdict: the whole request was rejected (ErrorCode ${verdict.errorCode}, ErrorInfo ` +
      `${JSON.stringify(verdict.rejectedReason)}); nobody is added.`
    );
  }
  return `Verdict: refused ${names(verdict.refused)}; added ${names(verdict.added)}.`;
}
