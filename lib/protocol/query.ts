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

/**
 * Calls `visit` with each name-value pair of a query string, as URLSearchParams reads them.
 * Tencent's queries have nothing to decode (hex, digits, names, an IPv4 address), so those are
 * split by hand, a plain loop that costs less than URLSearchParams on every request; anything with
 * `%` or `+` goes to URLSearchParams.
 */
function forEachPair(search: string, visit: (name: string, value: string) => void): void {
  if (search.includes('%') || search.includes('+')) {
    for (const [name, value] of new URLSearchParams(search)) visit(name, value);
    return;
  }
  // URLSearchParams drops one leading `?` of its input; so must this.
  let start = search.startsWith('?') ? 1 : 0;
  while (start <= search.length) {
    let end = search.indexOf('&', start);
    if (end === -1) end = search.length;
    if (end > start) {
      const equals = search.indexOf('=', start);
      if (equals === -1 || equals > end) visit(search.slice(start, end), '');
      else visit(search.slice(start, equals), search.slice(equals + 1, end));
    }
    start = end + 1;
  }
}

/** Reads the query string of a request URL (`/path?a=1&b=2`); the path is ignored. */
export function parseQuery(url: string | undefined): ParsedQuery {
  const commands: string[] = [];
  const repeated: KnownParameter[] = [];
  const values: Partial<Record<KnownParameter, string>> = {};
  const start = url === undefined ? -1 : url.indexOf('?');
  if (url !== undefined && start !== -1) {
    forEachPair(url.slice(start + 1), (name, value) => {
      if (!KNOWN_PARAMETER_SET.has(name)) return;
      const known = name as KnownParameter;
      if (known === 'CallbackCommand') commands.push(value);
      if (values[known] === undefined) values[known] = value;
      else if (!repeated.includes(known)) repeated.push(known);
    });
  }
  return { query: { ...values, CallbackCommand: values.CallbackCommand ?? '' }, commands, repeated };
}
