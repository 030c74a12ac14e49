import { BEFORE_ADD_SUBSCRIBER_COMMAND } from '../official-account/commands.js';
import { CALLBACK_DEFAULTS } from '../testing/defaults.js';

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
      'The CallbackCommand to send: one of the Official Account commands listed below, or one of another ' +
      'family, such as Group.CallbackAfterNewMemberJoin.',
    defaultText: BEFORE_ADD_SUBSCRIBER_COMMAND,
  },
  {
    name: 'event',
    value: '<json>|@<file>',
    description:
      "Body fields as a JSON object, in place of those of Tencent's example for the command (for another " +
      'family, the whole body); @file.json reads them from a file. CallbackCommand is always --command.',
    defaultText: "Tencent's example, with EventTime now",
  },
  {
    name: 'subscriber',
    value: '<userid>',
    description: `${BEFORE_ADD_SUBSCRIBER_COMMAND} only: a UserID to add (Subscriber_Account); repeat for several.`,
    defaultText: "jared and leckie, as in Tencent's example",
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
    description: `${BEFORE_ADD_SUBSCRIBER_COMMAND} only: Official_Account, the Official Account's ID.`,
    defaultText: CALLBACK_DEFAULTS.officialAccount,
  },
  {
    name: 'operator',
    value: '<userid>',
    description: `${BEFORE_ADD_SUBSCRIBER_COMMAND} only: Operator_Account, the UserID that started the request.`,
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
