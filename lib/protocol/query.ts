import type { CallbackQuery } from '../types.js';

const KNOWN_PARAMETERS = [
  'CallbackCommand',
  'SdkAppid',
  'contenttype',
  'ClientIP',
  'OptPlatform',
  'Sign',
  'RequestTime',
] as const;

type KnownParameter = (typeof KNOWN_PARAMETERS)[number];

const KNOWN_PARAMETER_SET: ReadonlySet<string> = new Set(KNOWN_PARAMETERS);

/** The query as read from the URL: each known parameter once, and which ones were repeated. */
export interface ParsedQuery {
  query: CallbackQuery;
  /** Every value of `CallbackCommand`, so routing can see a repeated one. */
  commands: string[];
  /** Known parameters that appeared more than once; their first value is in `query`. */
  repeated: KnownParameter[];
}

/** Notes one name-value pair: the first value of a known parameter counts, a second marks it repeated. */
function note(parsed: ParsedQuery, seen: Set<KnownParameter>, name: string, value: string): void {
  if (!KNOWN_PARAMETER_SET.has(name)) return;
  const known = name as KnownParameter;
  if (known === 'CallbackCommand') parsed.commands.push(value);
  if (seen.has(known)) {
    if (!parsed.repeated.includes(known)) parsed.repeated.push(known);
    return;
  }
  seen.add(known);
  parsed.query[known] = value;
}

/**
 * Reads the query string of a request URL (`/path?a=1&b=2`) as URLSearchParams reads it; the path
 * is ignored. Tencent's queries have nothing to decode (hex, digits, names, an IPv4 address), so
 * those are split by hand, a plain loop that costs less than URLSearchParams on every request;
 * anything with `%` or `+` goes to URLSearchParams.
 */
export function parseQuery(url: string | undefined): ParsedQuery {
  const parsed: ParsedQuery = { query: { CallbackCommand: '' }, commands: [], repeated: [] };
  const queryAt = url === undefined ? -1 : url.indexOf('?');
  if (url === undefined || queryAt === -1) return parsed;
  const seen = new Set<KnownParameter>();
  if (url.includes('%', queryAt) || url.includes('+', queryAt)) {
    for (const [name, value] of new URLSearchParams(url.slice(queryAt + 1))) note(parsed, seen, name, value);
    return parsed;
  }
  // URLSearchParams drops one leading `?` of what follows the URL's own `?`; so must this.
  let start = url.charCodeAt(queryAt + 1) === 0x3f ? queryAt + 2 : queryAt + 1;
  while (start <= url.length) {
    let end = url.indexOf('&', start);
    if (end === -1) end = url.length;
    if (end > start) {
      const equals = url.indexOf('=', start);
      if (equals === -1 || equals > end) note(parsed, seen, url.slice(start, end), '');
      else note(parsed, seen, url.slice(start, equals), url.slice(equals + 1, end));
    }
    start = end + 1;
  }
  return parsed;
}
