import type { CommandDefinition, CommandKind } from '../commands/define.js';
import { DEFINITIONS, FAMILIES } from '../commands/index.js';
import { EXIT_CODES } from './exit-codes.js';
import { MAX_REPLY_SIZE_TEXT } from './send-request.js';
import { INVITE_GATE, SIMULATE_OPTIONS, SUBSCRIBER_GATE, type OptionSpec } from './simulate-options.js';
import { rangeText } from './verdict.js';

const COMMANDS: readonly { name: string; description: string }[] = [
  {
    name: 'simulate',
    description:
      `Send one callback (${SUBSCRIBER_GATE.command} unless --command says otherwise) as Tencent ` +
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

/** Each kind as the help names it. */
const KIND_NAMES: Readonly<Record<CommandKind, string>> = {
  'message-gate': 'message gate',
  'action-gate': 'action gate',
  'list-gate': 'list gate',
  'target-gate': 'target gate',
  'reply-data': 'reply data',
  notification: 'notification',
};

/** What a reply can do, by the kind of the command (the ranges of "your code" are the family's, below). */
const REPLY_CAN: readonly [string, string][] = [
  [
    KIND_NAMES['message-gate'],
    'Before: sends it (0), changed (MsgBody, CloudCustomData); refuses (1, or your code); drops it (2).',
  ],
  [KIND_NAMES['action-gate'], 'Before: allows it (0); refuses (1, or your code).'],
  [
    KIND_NAMES['list-gate'],
    `Before: adds all but the refused members (0, with ${SUBSCRIBER_GATE.refusedField} or ` +
      `${INVITE_GATE.refusedField}), or nobody (1).`,
  ],
  [
    KIND_NAMES['target-gate'],
    'Before: one ResultItem per target, allowing it (ResultCode 0) or refusing it (your code).',
  ],
  [KIND_NAMES['reply-data'], 'The reply carries data back (RspData with 0); 1 is a failure, and the data is ignored.'],
  [KIND_NAMES.notification, 'After-callbacks, alarms and batches: Tencent ignores the reply.'],
  ['other', 'A command of a family this tool does not know: the body is --event alone.'],
];

/** The options that build a list gate's members, by command. */
const MEMBER_OPTIONS: Readonly<Record<string, string>> = {
  [SUBSCRIBER_GATE.command]: '--subscriber',
  [INVITE_GATE.command]: '--member',
};

function familyOf(definition: CommandDefinition): string {
  return definition.command.slice(0, definition.command.indexOf('.'));
}

/** The family's header: its name, and the ranges of its gates' own codes. */
function familyHeader(family: string, definitions: readonly CommandDefinition[]): string {
  const ranges = [
    ...new Set(
      definitions.flatMap((definition) => ('customCodes' in definition ? [rangeText(definition.customCodes)] : [])),
    ),
  ];
  return ranges.length === 0 ? `  ${family}` : `  ${family} (your codes ${ranges.join(', ')})`;
}

/** Every command of the registry, by family, each with its kind. */
function commandLines(): string[] {
  const width = Math.max(...DEFINITIONS.map((definition) => definition.command.length)) + 2;
  return FAMILIES.flatMap((family) => {
    const definitions = DEFINITIONS.filter((definition) => familyOf(definition) === family);
    return [
      familyHeader(family, definitions),
      ...definitions.map((definition) => {
        const option = Object.hasOwn(MEMBER_OPTIONS, definition.command)
          ? ` (${MEMBER_OPTIONS[definition.command]})`
          : '';
        return `    ${definition.command.padEnd(width)}${KIND_NAMES[definition.kind]}${option}`;
      }),
    ];
  });
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
    `Callback commands (--command), by family: the ${DEFINITIONS.length} Tencent sends, each with its kind:`,
    ...commandLines(),
    '',
    'What a reply makes Tencent do, by kind:',
    ...column(REPLY_CAN),
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
    '  tencent-chat-webhook simulate --url http://localhost:3000/im/callback --command Group.CallbackBeforeInviteJoinGroup ' +
      '--member jared --member leckie',
    '  tencent-chat-webhook simulate --url http://localhost:3000/im/callback --command Group.CallbackAfterNewMemberJoin ' +
      '--event @event.json',
    '',
  ].join('\n');
}
