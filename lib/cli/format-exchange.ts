import type { ReceivedReply } from './send-request.js';

/** The most of a reply's body the text output shows: a reply to Tencent is one short line of JSON. */
const MAX_SHOWN_REPLY_CHARACTERS = 2000;
/** The most lines of it, so that a framework's HTML error page does not fill the terminal. */
const MAX_SHOWN_REPLY_LINES = 20;

function plural(count: number, noun: string): string {
  return `${count} more ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The body's lines as shown: at most {@link MAX_SHOWN_REPLY_LINES} lines and
 * {@link MAX_SHOWN_REPLY_CHARACTERS} characters, and how much was left out. One line cut short ends
 * in `… (n more characters)`; when whole lines are left out, a last line says how many, and how
 * many characters.
 */
function shownLines(text: string): string[] {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  const kept: string[] = [];
  let room = MAX_SHOWN_REPLY_CHARACTERS;
  for (const line of lines.slice(0, MAX_SHOWN_REPLY_LINES)) {
    if (room === 0) break;
    kept.push(line.slice(0, room));
    room -= Math.min(line.length, room);
  }
  const linesLeft = lines.length - kept.length;
  const charactersLeft = lines.reduce((total, line) => total + line.length, 0) - (MAX_SHOWN_REPLY_CHARACTERS - room);
  if (linesLeft > 0) return [...kept, `… (${plural(linesLeft, 'line')}, ${plural(charactersLeft, 'character')})`];
  if (charactersLeft === 0) return kept;
  return [...kept.slice(0, -1), `${kept.slice(-1).join('')}… (${plural(charactersLeft, 'character')})`];
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
  return [status, ...(reply.text === '' ? ['< (empty body)'] : shownLines(reply.text).map((line) => `< ${line}`))];
}
