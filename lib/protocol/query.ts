import type { CallbackQuery } from '../types.js';

/** The query parameters Tencent appends to the callback URL (webhook overview, 1047/34354). */
export const TENCENT_QUERY_PARAMETERS = [
  'CallbackCommand',
  'SdkAppid',
  'contenttype',
  'ClientIP',
  'OptPlatform',
  'Sign',
  'RequestTime',
] as const;

export type TencentQueryParameter = (typeof TENCENT_QUERY_PARAMETERS)[number];

const LOWERCASE_PARAMETERS: readonly string[] = TENCENT_QUERY_PARAMETERS.map((name) => name.toLowerCase());

/** The query as read from the URL: each of Tencent's parameters once, and what was odd about them. */
export interface ParsedQuery {
  query: CallbackQuery;
  /** Every value of `CallbackCommand`, in order. */
  commands: string[];
  /**
   * Tencent's parameters that appeared again with another value. A parameter repeated with the same
   * value (a console URL that already carries `?contenttype=json`) is read once and is not listed.
   */
  conflicting: TencentQueryParameter[];
  /**
   * Whether any parameter is one of Tencent's, however it is spelt: exactly, in another case, or as
   * an array (`CallbackCommand[]`, which Express 4's parser turns into an array).
   */
  namesTencentParameter: boolean;
}

/**
 * Whether a name that is not exactly one of Tencent's is one in another form: another case, or
 * inside brackets anywhere (`callbackcommand`, `Sign[0]`, `[CallbackCommand]`, which query parsers
 * such as qs read as the parameter itself).
 */
function isTencentParameterInDisguise(name: string): boolean {
  return name.split(/[[\].]/).some((part) => LOWERCASE_PARAMETERS.includes(part.trim().toLowerCase()));
}

/**
 * Notes one name-value pair. `seen` has bit i set once `TENCENT_QUERY_PARAMETERS[i]` was noted;
 * the updated bits come back. The name stored is the constant, not the slice of the URL: a fresh
 * string as a property key would be looked up in V8's string table on every request.
 */
function note(parsed: ParsedQuery, seen: number, name: string, value: string): number {
  const index = TENCENT_QUERY_PARAMETERS.indexOf(name as TencentQueryParameter);
  if (index === -1) {
    if (!parsed.namesTencentParameter && isTencentParameterInDisguise(name)) parsed.namesTencentParameter = true;
    return seen;
  }
  parsed.namesTencentParameter = true;
  const known = TENCENT_QUERY_PARAMETERS[index] as TencentQueryParameter;
  if (known === 'CallbackCommand') parsed.commands.push(value);
  const bit = 1 << index;
  if ((seen & bit) === 0) {
    parsed.query[known] = value;
    return seen | bit;
  }
  if (parsed.query[known] !== value && !parsed.conflicting.includes(known)) parsed.conflicting.push(known);
  return seen;
}

/**
 * Reads the query string of a request URL (`/path?a=1&b=2`, or an absolute URL) with
 * URLSearchParams; the path is ignored. (A hand-split loop for queries without escapes saved 1.1–1.8
 * µs a request in-process, about 1 % of the server CPU a request costs: not worth a second path.)
 */
export function parseQuery(url: string | undefined): ParsedQuery {
  const parsed: ParsedQuery = {
    query: { CallbackCommand: '' },
    commands: [],
    conflicting: [],
    namesTencentParameter: false,
  };
  const queryAt = url === undefined ? -1 : url.indexOf('?');
  if (url === undefined || queryAt === -1) return parsed;
  let seen = 0;
  for (const [name, value] of new URLSearchParams(url.slice(queryAt + 1))) seen = note(parsed, seen, name, value);
  return parsed;
}

/** Decodes each valid percent-escape on its own, leaving a malformed one as it is. */
function decodeEscapes(path: string): string {
  return path.replace(/(?:%[0-9a-fA-F]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      // Escapes that are not UTF-8: some routers still decode them byte by byte; kept as written.
      return escapes;
    }
  });
}

/** What is before the first `;` (a matrix parameter that some routers strip before matching). */
function beforeSemicolon(path: string): string {
  const at = path.indexOf(';');
  return at === -1 ? path : path.slice(0, at);
}

/**
 * A request's path as routers compare it, made lenient so that no spelling a router downstream may
 * still match escapes us: without the query, anything from a `;` (cut before and after decoding, as
 * routers do either), repeated and trailing slashes; each valid percent-escape decoded, a malformed
 * one left as it is; lowercased. `https://host/IM/%63allback/` → `/im/callback`.
 */
export function normalizedPath(url: string): string {
  let start = 0;
  const scheme = url.indexOf('://');
  if (scheme !== -1 && scheme < url.indexOf('/')) {
    const slash = url.indexOf('/', scheme + 3);
    start = slash === -1 ? url.length : slash;
  }
  let end = url.length;
  for (const stop of ['?', '#']) {
    const at = url.indexOf(stop, start);
    if (at !== -1 && at < end) end = at;
  }
  let path = beforeSemicolon(decodeEscapes(beforeSemicolon(url.slice(start, end))));
  path = path.toLowerCase().replace(/\/{2,}/g, '/');
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path === '' ? '/' : path;
}
