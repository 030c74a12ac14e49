import { CALLBACK_COMMAND_PATTERN } from '../protocol/constants.js';
import type { Logger } from '../types.js';

/** The most characters of any value taken from a request that a log line shows. */
export const LOGGED_VALUE_MAX_LENGTH = 100;

/**
 * A value from a request as a log line shows it: quoted (so it cannot forge a line of its own) and
 * cut to {@link LOGGED_VALUE_MAX_LENGTH} characters, so a huge value cannot make a huge line.
 */
export function quoted(value: string): string {
  const cut = value.length > LOGGED_VALUE_MAX_LENGTH ? `${value.slice(0, LOGGED_VALUE_MAX_LENGTH)}…` : value;
  // JSON escapes the C0 controls; the C1 ones and U+2028/U+2029 end a line for some log tools too.
  return JSON.stringify(cut).replace(
    /[\u0080-\u009f\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A `CallbackCommand` as log lines name it: plain when it has the form of one and is short, else quoted and cut. */
export function describeCommand(command: string): string {
  if (command === '') return 'a callback without CallbackCommand';
  return command.length <= LOGGED_VALUE_MAX_LENGTH && CALLBACK_COMMAND_PATTERN.test(command)
    ? command
    : quoted(command);
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

type Level = 'info' | 'warn' | 'error';

interface Window {
  endsAt: number;
  suppressed: number;
  level: Level;
  what: string;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Logs refusals of requests that did not pass authentication: the first of each error code in an
 * interval in full, the rest of that interval as one line with their count when it ends. A flood of
 * forged requests then writes one line per code per interval, however many there are.
 */
export class RefusalLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly logger: Logger,
    private readonly entry: string,
    private readonly intervalMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * `what` names the refusal without anything taken from the request (`answered 401
   * ERR_SIGN_MISMATCH`): refusals alike share a line.
   */
  refused(level: Level, what: string, line: string): void {
    if (this.intervalMs === 0) {
      this.logger[level](line);
      return;
    }
    const now = this.clock();
    // One code may be answered with more than one status (ERR_QUERY_REPEATED: 400 or 401).
    const key = what;
    const window = this.windows.get(key);
    if (window && now < window.endsAt) {
      window.suppressed += 1;
      window.timer ??= this.flushLater(key, window, window.endsAt - now);
      return;
    }
    if (window) this.flush(key, window);
    this.windows.set(key, { endsAt: now + this.intervalMs, suppressed: 0, level, what, timer: undefined });
    this.logger[level](line);
  }

  private flushLater(key: string, window: Window, delayMs: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => this.flush(key, window), delayMs);
    // Never what keeps a process alive; where timers are numbers (some runtimes) there is nothing to unref.
    (timer as { unref?: () => void }).unref?.();
    return timer;
  }

  private flush(key: string, window: Window): void {
    if (window.timer !== undefined) clearTimeout(window.timer);
    window.timer = undefined;
    // A window is flushed only while it is the current one: its timer is cleared when another replaces it.
    this.windows.delete(key);
    if (window.suppressed === 0) return;
    const count = window.suppressed;
    window.suppressed = 0;
    this.logger[window.level](
      `${this.entry}: ${count} more request(s) ${window.what} in the last ${duration(this.intervalMs)} (one line per code, status and interval)`,
    );
  }
}
