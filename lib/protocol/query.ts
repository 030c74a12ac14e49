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
 * The name-value pairs of a query string, as URLSearchParams reads them. Tencent's queries have
 * nothing to decode (hex, digits, names, an IPv4 address), so those are split by hand, which costs
 * a fraction of URLSearchParams on every request; anything with `%` or `+` goes to URLSearchParams.
 */
function* pairsOf(search: string): Iterable<[string, string]> {
  if (search.includes('%') || search.includes('+')) {
    yield* new URLSearchParams(search);
    return;
  }
  // URLSearchParams drops one leading `?` of its input; so must this.
  for (const part of (search.startsWith('?') ? search.slice(1) : search).split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    yield equals === -1 ? [part, ''] : [part.slice(0, equals), part.slice(equals + 1)];
  }
}

/** Reads the query string of a request URL (`/path?a=1&b=2`); the path is ignored. */
export function parseQuery(url: string | undefined): ParsedQuery {
  const commands: string[] = [];
  const repeated: KnownParameter[] = [];
  const values: Partial<Record<KnownParameter, string>> = {};
  const start = url === undefined ? -1 : url.indexOf('?');
  if (url !== undefined && start !== -1) {
    for (const [name, value] of pairsOf(url.slice(start + 1))) {
      if (!KNOWN_PARAMETER_SET.has(name)) continue;
      const known = name as KnownParameter;
      if (known === 'CallbackCommand') commands.push(value);
      if (values[known] === undefined) values[known] = value;
      else if (!repeated.includes(known)) repeated.push(known);
    }
  }
  return { query: { ...values, CallbackCommand: values.CallbackCommand ?? '' }, commands, repeated };
}
