import { escapeControlCharacters } from './escape-control-characters.js';
import { EXIT_CODES, UsageError } from './exit-codes.js';
import { helpText } from './help.js';
import { parseSimulateArgs, type Environment } from './parse-simulate-args.js';
import type { FetchFunction } from './send-request.js';
import { simulate } from './simulate.js';

/** Where the command line tool writes and what it reads, so it can run inside a test. */
export interface CliIO {
  /** Writes text to standard output; each call is one or more whole lines. Required. */
  stdout: (text: string) => void;
  /** Writes text to standard error; each call is one or more whole lines. Required. */
  stderr: (text: string) => void;
  /** Sends the HTTP request. Defaults to the global `fetch`. */
  fetch?: FetchFunction | undefined;
  /** Read for `IM_CALLBACK_TOKEN` and `IM_SDKAPPID`. Defaults to `process.env`. */
  env?: Environment | undefined;
  /** The clock for `RequestTime` and `EventTime`, in milliseconds. Defaults to `Date.now`. */
  now?: (() => number) | undefined;
}

const PROGRAM = 'tencent-chat-webhook';
const HELP_HINT = `(see ${PROGRAM} --help)`;

function runCommand(argv: readonly string[], io: CliIO): Promise<number> | number {
  const out = (line: string): void => io.stdout(`${line}\n`);
  const err = (line: string): void => io.stderr(`${line}\n`);
  const [command, ...rest] = argv;

  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(helpText());
    return EXIT_CODES.ok;
  }
  if (command !== 'simulate') {
    throw new UsageError(
      command.startsWith('-')
        ? `a command comes first: ${PROGRAM} simulate ${argv.join(' ')}`
        : `unknown command ${JSON.stringify(command)}; the commands are simulate and help`,
    );
  }
  const settings = parseSimulateArgs(rest, io.env ?? process.env);
  if (settings === 'help') {
    io.stdout(helpText());
    return EXIT_CODES.ok;
  }
  return simulate(settings, {
    out,
    err,
    fetch: io.fetch ?? ((input, init) => fetch(input, init)),
    now: io.now ?? Date.now,
  });
}

/**
 * Runs the command line tool: `argv` are the arguments after the program name. Resolves to the
 * exit code (0 answered, 1 no usable reply, 2 bad arguments) and never rejects.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (error) {
    // Escaped: an argument or an error's message may carry anything, even from the server.
    const printError = (line: string): void => io.stderr(`${escapeControlCharacters(`${PROGRAM}: ${line}`)}\n`);
    if (error instanceof UsageError) {
      printError(`${error.message} ${HELP_HINT}`);
      return EXIT_CODES.usage;
    }
    const message = (error as { message?: unknown } | undefined)?.message;
    printError(`unexpected error: ${typeof message === 'string' ? message : String(error)}`);
    return EXIT_CODES.failed;
  }
}
