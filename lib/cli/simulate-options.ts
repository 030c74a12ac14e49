import type { ListGateDefinition } from '../commands/define.js';
import { definitionOf } from '../commands/index.js';
import { CALLBACK_DEFAULTS } from '../testing/defaults.js';

/** The command `simulate` sends unless `--command` says otherwise, which `--subscriber` builds. */
export const SUBSCRIBER_GATE = definitionOf('OfficialAccount.CallbackBeforeAddSubscriber', 'list-gate');
/** The group invitation, which `--member` builds. */
export const INVITE_GATE = definitionOf('Group.CallbackBeforeInviteJoinGroup', 'list-gate');

/** The members of a list gate's example, for the help: `jared and leckie`. */
function exampleMembers(definition: ListGateDefinition): string {
  const list = (definition.example as Readonly<Record<string, unknown>>)[definition.list] as readonly Readonly<
    Record<string, unknown>
  >[];
  const members = list.map((entry) => String(entry[definition.member]));
  return members.length <= 2 ? members.join(' and ') : `${members.slice(0, -1).join(', ')} and ${members.at(-1)}`;
}

/** Where the token is read from when `--token` is not given (the example app reads it too). */
export const TOKEN_ENV = 'IM_CALLBACK_TOKEN';
/** Where the SDKAppID is read from when `--sdkappid` is not given (the example app reads it too). */
export const SDK_APP_ID_ENV = 'IM_SDKAPPID';

/** How long `simulate` waits for the reply unless `--timeout-ms` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 5000;

/** One option of `simulate`, described once for both the parser and the help text. */
export interface OptionSpec {
  /** The long name, without the dashes. */
  name: string;
  /** A one-letter alias, without the dash. */
  short?: string;
  /** The placeholder of its value; options without one are flags. */
  value?: string;
  /** One sentence or two for the help. */
  description: string;
  /** What applies when the option is left out, as shown in the help. */
  defaultText?: string;
  /** Whether the option may be given several times. */
  repeatable?: boolean;
}

/** Every option of `simulate`, in the order the help lists them. */
export const SIMULATE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'url',
    value: '<url>',
    description: 'The webhook URL to POST to, e.g. http://localhost:3000/im/callback. Required.',
  },
  {
    name: 'command',
    value: '<command>',
    description:
      'The CallbackCommand to send: one of the commands listed below, or one of a family this tool does ' +
      'not know (its body is then --event alone).',
    defaultText: SUBSCRIBER_GATE.command,
  },
  {
    name: 'event',
    value: '<json>|@<file>',
    description:
      "Body fields as a JSON object, in place of those of Tencent's example for the command (for a command " +
      'this tool does not know, the whole body); @file.json reads them from a file. CallbackCommand is ' +
      'always --command.',
    defaultText: "Tencent's example, with EventTime now",
  },
  {
    name: 'subscriber',
    value: '<userid>',
    description: `${SUBSCRIBER_GATE.command} only: a UserID to add (${SUBSCRIBER_GATE.member}); repeat for several.`,
    defaultText: `${exampleMembers(SUBSCRIBER_GATE)}, as in Tencent's example`,
    repeatable: true,
  },
  {
    name: 'member',
    value: '<userid>',
    description: `${INVITE_GATE.command} only: a UserID invited to the group (${INVITE_GATE.member}); repeat for several.`,
    defaultText: `${exampleMembers(INVITE_GATE)}, as in Tencent's example`,
    repeatable: true,
  },
  {
    name: 'token',
    value: '<token>',
    description: 'The callback token from the Chat console; signs the request (Sign, RequestTime). Never printed.',
    defaultText: `$${TOKEN_ENV} if set, else the request is not signed`,
  },
  {
    name: 'sdkappid',
    value: '<id>',
    description: "SdkAppid: your app's SDKAppID.",
    defaultText: `$${SDK_APP_ID_ENV} if set, else ${CALLBACK_DEFAULTS.sdkAppId}`,
  },
  {
    name: 'account',
    value: '<id>',
    description: `${SUBSCRIBER_GATE.command} only: Official_Account, the Official Account's ID.`,
    defaultText: CALLBACK_DEFAULTS.officialAccount,
  },
  {
    name: 'operator',
    value: '<userid>',
    description: `${SUBSCRIBER_GATE.command} only: Operator_Account, the UserID that started the request.`,
    defaultText: CALLBACK_DEFAULTS.operator,
  },
  {
    name: 'client-ip',
    value: '<ip>',
    description: 'ClientIP: the IP of the client that started the request.',
    defaultText: CALLBACK_DEFAULTS.clientIP,
  },
  {
    name: 'platform',
    value: '<name>',
    description: 'OptPlatform: RESTAPI, Web, Android, iOS, Windows, Mac, iPad or Unknown.',
    defaultText: CALLBACK_DEFAULTS.optPlatform,
  },
  {
    name: 'timeout-ms',
    value: '<ms>',
    description: 'How long to wait for the reply, in milliseconds (Tencent waits 2000).',
    defaultText: String(DEFAULT_TIMEOUT_MS),
  },
  {
    name: 'json',
    description: 'Print the request, the reply and the verdict (what Tencent does) as one JSON object.',
    defaultText: 'off',
  },
  { name: 'help', short: 'h', description: 'Show this help.' },
];
