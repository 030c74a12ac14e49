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

/** The query as read from the URL: each known parameter once, and which ones were repeated. */
export interface ParsedQuery {
  query: CallbackQuery;
  /** Every value of `CallbackCommand`, so routing can see a repeated one. */
  commands: string[];
  /** Known parameters that appeared more than once; their first value is in `query`. */
  repeated: KnownParameter[];
}

/**
 * Notes one name-value pair: the first value of a known parameter counts, a second marks it
 * repeated. `seen` has bit i set once `KNOWN_PARAMETERS[i]` was noted; the updated bits come back.
 * The name stored is the constant, not the slice of the URL: a fresh string as a property key
 * would be looked up in V8's string table on every request.
 */
function note(parsed: ParsedQuery, seen: number, name: string, value: string): number {
  const index = KNOWN_PARAMETERS.indexOf(name as KnownParameter);
  if (index === -1) return seen;
  const known = KNOWN_PARAMETERS[index] as KnownParameter;
  if (known === 'CallbackCommand') parsed.commands.push(value);
  const bit = 1 << index;
  if ((seen & bit) !== 0) {
    if (!parsed.repeated.includes(known)) parsed.repeated.push(known);
    return seen;
  }
  parsed.query[known] = value;
  return seen | bit;
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
  let seen = 0;
  if (url.includes('%', queryAt) || url.includes('+', queryAt)) {
    for (const [name, value] of new URLSearchParams(url.slice(queryAt + 1))) seen = note(parsed, seen, name, value);
    return parsed;
  }
  // URLSearchParams drops one leading `?` of what follows the URL's own `?`; so must this.
  let start = url.charCodeAt(queryAt + 1) === 0x3f ? queryAt + 2 : queryAt + 1;
  while (start <= url.length) {
    let end = url.indexOf('&', start);
    if (end === -1) end = url.length;
    if (end > start) {
      const equals = url.indexOf('=', start);
      if (equals === -1 || equals > end) seen = note(parsed, seen, url.slice(start, end), '');
      else seen = note(parsed, seen, url.slice(start, equals), url.slice(equals + 1, end));
    }
    start = end + 1;
  }
  return parsed;
}
