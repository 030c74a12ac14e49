import type { ReceivedReply } from './send-request.js';

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
