import { EXIT_CODES } from './exit-codes.js';
import { MAX_REPLY_SIZE_TEXT } from './send-request.js';
import { SIMULATE_OPTIONS, type OptionSpec } from './simulate-options.js';

const COMMANDS: readonly { name: string; description: string }[] = [
  {
    name: 'simulate',
    description:
      'Send one OfficialAccount.CallbackBeforeAddSubscriber callback, as Tencent would, ' +
      'and print the request, the reply and who was refused.',
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
    'Example:',
    '  tencent-chat-webhook simulate --url http://localhost:3000/im/callback --subscriber jared --subscriber leckie',
    '',
  ].join('\n');
}
