import type { CommandKind } from '../engine/command-spec.js';
import { BEFORE_ADD_SUBSCRIBER_COMMAND, OFFICIAL_ACCOUNT_COMMANDS } from '../official-account/commands.js';
import { OFFICIAL_ACCOUNT_SPECS } from '../official-account/specs.js';
import { CUSTOM_ERROR_CODE_MAX, CUSTOM_ERROR_CODE_MIN } from '../protocol/constants.js';
import { EXIT_CODES } from './exit-codes.js';
import { MAX_REPLY_SIZE_TEXT } from './send-request.js';
import { SIMULATE_OPTIONS, type OptionSpec } from './simulate-options.js';

const COMMANDS: readonly { name: string; description: string }[] = [
  {
    name: 'simulate',
    description:
      `Send one callback (${BEFORE_ADD_SUBSCRIBER_COMMAND} unless --command says otherwise) as Tencent ` +
      "would, with Tencent's example as the body, and print the request, the reply and what Tencent does with it.",
  },
  { name: 'help', description: 'Show this help (also --help, -h, or no arguments).' },
];

function optionLabel(option: OptionSpec): string {
  const names = option.short ? `-${option.short}, --${option.name}` : `    --${option.name}`;
  return option.value ? `${names} ${option.value}` : names;
}

const LINE_WIDTH = 100;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/** Two columns, the second wrapped to the line width and aligned. */
function column(rows: readonly [string, string][]): string[] {
  const labelWidth = Math.max(...rows.map(([label]) => label.length)) + 2;
  const indent = ' '.repeat(2 + labelWidth);
  return rows.flatMap(([label, text]) =>
    wrap(text, LINE_WIDTH - indent.length).map((line, index) =>
      index === 0 ? `  ${label.padEnd(labelWidth)}${line}` : `${indent}${line}`,
    ),
  );
}

const CUSTOM_RANGE = `${CUSTOM_ERROR_CODE_MIN}–${CUSTOM_ERROR_CODE_MAX}`;

/** What a reply can do, by the kind of the command (the summary of Tencent's pages 1047/60795–60805). */
const REPLY_CAN: Readonly<Record<CommandKind, string>> = {
  'creation-gate': `Before: creates it (0), refuses (1, or your code ${CUSTOM_RANGE}).`,
  'subscriber-gate': 'Before: adds all but RefusedSubscribers_Account (0), or nobody (1).',
  'message-gate': `Before: sends it (0), changed (MsgBody, CloudCustomData); refuses (1, or ${CUSTOM_RANGE}); drops it (2).`,
  notification: 'After: Tencent ignores the reply.',
  generic: 'Other families: the body is --event alone; the verdict shows ErrorCode and ErrorInfo.',
};

/** The Official Account commands, each with what its reply can do. */
function commandRows(): [string, string][] {
  return OFFICIAL_ACCOUNT_COMMANDS.map((command) => [command, REPLY_CAN[OFFICIAL_ACCOUNT_SPECS[command].kind]]);
}

/** The full help: every command, every option of `simulate` with its default, and the exit codes. */
export function helpText(): string {
  const optionRows = SIMULATE_OPTIONS.map((option): [string, string] => [
    optionLabel(option),
    option.defaultText === undefined ? option.description : `${option.description} Default: ${option.defaultText}.`,
  ]);
  return [
    'Usage: tencent-chat-webhook <command> [options]',
    '',
    'Sends Tencent Cloud Chat webhook callbacks to your server, to try your handler locally.',
    '',
    'Commands:',
    ...column(COMMANDS.map(({ name, description }) => [name, description])),
    '',
    'Options of simulate:',
    ...column(optionRows),
    '',
    'Callback commands (--command), and what a reply makes Tencent do:',
    ...column([...commandRows(), ['Group.…, C2C.…', REPLY_CAN.generic]]),
    '',
    'Exit codes:',
    ...column([
      [String(EXIT_CODES.ok), "the server answered in Tencent's format (whatever it decided)"],
      [
        String(EXIT_CODES.failed),
        'no usable reply: connection refused, timeout, larger than ' +
          `${MAX_REPLY_SIZE_TEXT}, status not 200, not JSON, not Tencent's format`,
      ],
      [String(EXIT_CODES.usage), 'bad or missing arguments; nothing was sent'],
    ]),
    '',
    'Examples:',
    '  tencent-chat-webhook simulate --url http://localhost:3000/im/callback --subscriber jared --subscriber leckie',
    '  tencent-chat-webhook simulate --url http://localhost:3000/im/callback --command OfficialAccount.CallbackBeforeSendMsg ' +
      `--event '{"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}]}'`,
    '  tencent-chat-webhook simulate --url http://localhost:3000/im/callback --command Group.CallbackAfterNewMemberJoin ' +
      '--event @event.json',
    '',
  ].join('\n');
}
