import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CALLBACK_COMMAND_PATTERN } from '../protocol/constants.js';
import { lookUpCommand, typoMessage } from '../testing/command-lookup.js';
import { CALLBACK_DEFAULTS } from '../testing/defaults.js';
import { UsageError } from './exit-codes.js';
import { readEventOption, type EventFields } from './read-event.js';
import {
  DEFAULT_TIMEOUT_MS,
  INVITE_GATE,
  SDK_APP_ID_ENV,
  SIMULATE_OPTIONS,
  SUBSCRIBER_GATE,
  TOKEN_ENV,
} from './simulate-options.js';

/** The environment variables the tool reads. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Everything `simulate` needs, checked. */
export interface SimulateSettings {
  url: URL;
  /** The CallbackCommand to send. */
  command: string;
  /**
   * The body fields that replace those of Tencent's example: `--event`'s, and those set by
   * `--subscriber`, `--member`, `--account` and `--operator`; `undefined` for the example as it is.
   */
  event: EventFields | undefined;
  token: string | undefined;
  /** Where the token came from, so the output can say so without showing it. */
  tokenSource: 'option' | 'environment' | undefined;
  sdkAppId: string;
  clientIP: string;
  platform: string;
  timeoutMs: number;
  json: boolean;
}

const SDK_APP_ID_PATTERN = /^[0-9]{1,20}$/;
// setTimeout's largest delay.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

// Every value option may appear several times to the parser, so a repeated one can be refused.
const PARSE_CONFIG = {
  options: Object.fromEntries(
    SIMULATE_OPTIONS.map((option) => [
      option.name,
      option.value
        ? { type: 'string' as const, multiple: true }
        : { type: 'boolean' as const, ...(option.short ? { short: option.short } : {}) },
    ]),
  ),
  allowPositionals: true,
  strict: true,
} satisfies ParseArgsConfig;

type ParsedValues = Record<string, string[] | boolean | undefined>;

function firstSentence(message: string): string {
  const end = message.search(/\.(?:\s|$)/);
  const sentence = end === -1 ? message : message.slice(0, end);
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

function readArgs(args: readonly string[]): { values: ParsedValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ ...PARSE_CONFIG, args: [...args] });
    return { values: values as ParsedValues, positionals };
  } catch (error) {
    // Read without `instanceof Error`: parseArgs' errors come from node's realm, not jest's or a vm's.
    throw new UsageError(firstSentence((error as { message: string }).message));
  }
}

function all(values: ParsedValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : [];
}

function single(values: ParsedValues, name: string): string | undefined {
  const given = all(values, name);
  if (given.length > 1) throw new UsageError(`--${name} is given ${given.length} times; give it once`);
  const [value] = given;
  if (value?.trim() === '') throw new UsageError(`--${name} must not be empty`);
  return value;
}

function parseUrl(text: string | undefined): URL {
  if (text === undefined) {
    throw new UsageError('--url is required, e.g. --url http://localhost:3000/im/callback');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url ${JSON.stringify(text)} is not a URL; give one like http://localhost:3000/im/callback`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must start with http:// or https://, got ${JSON.stringify(text)}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError('--url must not contain a user name or password');
  }
  return url;
}

function parseCommand(text: string | undefined): string {
  if (text === undefined) return SUBSCRIBER_GATE.command;
  if (!CALLBACK_COMMAND_PATTERN.test(text)) {
    throw new UsageError(
      `--command must be a CallbackCommand such as OfficialAccount.CallbackBeforeSendMsg, got ${JSON.stringify(text)}`,
    );
  }
  const lookup = lookUpCommand(text);
  if (lookup.status === 'typo') throw new UsageError(`--command ${typoMessage(text, lookup)}`);
  return text;
}

/** An option that sets one field of one command's body; `member` makes a list of UserIDs of it. */
interface FieldOption {
  name: string;
  command: string;
  field: string;
  member?: string;
}

/** The options that set one field of a list gate's body, and that field. */
const FIELD_OPTIONS: readonly FieldOption[] = [
  { name: 'subscriber', command: SUBSCRIBER_GATE.command, field: SUBSCRIBER_GATE.list, member: SUBSCRIBER_GATE.member },
  { name: 'member', command: INVITE_GATE.command, field: INVITE_GATE.list, member: INVITE_GATE.member },
  { name: 'account', command: SUBSCRIBER_GATE.command, field: 'Official_Account' },
  { name: 'operator', command: SUBSCRIBER_GATE.command, field: 'Operator_Account' },
];

/** The fields set by `--subscriber`, `--member`, `--account` and `--operator`. */
function fieldsOfOptions(values: ParsedValues, command: string): Record<string, unknown> {
  const misplaced = FIELD_OPTIONS.find(({ name, command: own }) => values[name] !== undefined && own !== command);
  if (misplaced !== undefined) {
    throw new UsageError(
      `--${misplaced.name} goes with --command ${misplaced.command}; for ${command}, give the body's fields in --event`,
    );
  }
  const fields: Record<string, unknown> = {};
  for (const { name, field, member } of FIELD_OPTIONS) {
    if (member === undefined) {
      const value = single(values, name);
      if (value !== undefined) fields[field] = value;
      continue;
    }
    const userIds = all(values, name);
    if (userIds.some((userId) => userId.trim() === '')) throw new UsageError(`--${name} must not be empty`);
    if (userIds.length > 0) fields[field] = userIds.map((userId) => ({ [member]: userId }));
  }
  return fields;
}

/** `--event`'s fields and those of the options above, which may not both set the same field. */
function parseEvent(values: ParsedValues, command: string): EventFields | undefined {
  const shorthand = fieldsOfOptions(values, command);
  const text = single(values, 'event');
  const event = text === undefined ? undefined : readEventOption(text);
  const callbackCommand = event?.['CallbackCommand'];
  if (callbackCommand !== undefined && callbackCommand !== command) {
    throw new UsageError(
      `--event sets CallbackCommand to ${JSON.stringify(callbackCommand)}, but the command is ${command}; ` +
        'give the command with --command',
    );
  }
  for (const { name, field } of FIELD_OPTIONS) {
    if (event !== undefined && field in shorthand && Object.hasOwn(event, field)) {
      throw new UsageError(`--${name} and --event both set ${field}; give one of them`);
    }
  }
  if (event === undefined && Object.keys(shorthand).length === 0) return undefined;
  return { ...shorthand, ...event };
}

function parseSdkAppId(values: ParsedValues, env: Environment): string {
  const option = single(values, 'sdkappid');
  if (option !== undefined) {
    if (!SDK_APP_ID_PATTERN.test(option)) {
      throw new UsageError(`--sdkappid must be your numeric SDKAppID, e.g. 1400000000, got ${JSON.stringify(option)}`);
    }
    return option;
  }
  const fromEnv = env[SDK_APP_ID_ENV];
  if (fromEnv === undefined || fromEnv === '') return CALLBACK_DEFAULTS.sdkAppId;
  if (!SDK_APP_ID_PATTERN.test(fromEnv)) {
    throw new UsageError(`${SDK_APP_ID_ENV} must be your numeric SDKAppID, e.g. 1400000000`);
  }
  return fromEnv;
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const timeoutMs = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!(timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new UsageError(
      `--timeout-ms must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${JSON.stringify(text)}`,
    );
  }
  return timeoutMs;
}

/**
 * Reads the arguments after `simulate`. Returns `'help'` for `--help`; throws a
 * {@link UsageError} with a one-line message for anything missing or wrong.
 */
export function parseSimulateArgs(args: readonly string[], env: Environment): SimulateSettings | 'help' {
  const { values, positionals } = readArgs(args);
  if (values['help'] === true) return 'help';
  const [unexpected] = positionals;
  if (unexpected !== undefined) throw new UsageError(`unexpected argument ${JSON.stringify(unexpected)}`);

  const url = parseUrl(single(values, 'url'));
  const command = parseCommand(single(values, 'command'));
  const event = parseEvent(values, command);
  const tokenOption = single(values, 'token');
  const tokenFromEnv = env[TOKEN_ENV] === '' ? undefined : env[TOKEN_ENV];
  const token = tokenOption ?? tokenFromEnv;
  return {
    url,
    command,
    event,
    token,
    tokenSource: tokenOption !== undefined ? 'option' : tokenFromEnv !== undefined ? 'environment' : undefined,
    sdkAppId: parseSdkAppId(values, env),
    clientIP: single(values, 'client-ip') ?? CALLBACK_DEFAULTS.clientIP,
    platform: single(values, 'platform') ?? CALLBACK_DEFAULTS.optPlatform,
    timeoutMs: parseTimeout(single(values, 'timeout-ms')),
    json: values['json'] === true,
  };
}
