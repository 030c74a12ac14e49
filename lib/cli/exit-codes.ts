/** The exit codes of the command line tool, one per kind of outcome. */
export const EXIT_CODES = {
  /** The server answered in Tencent's format, whatever it decided. */
  ok: 0,
  /**
   * No usable reply: refused connection, timeout, larger than 1 MiB, non-200 status, not JSON, not
   * Tencent's format.
   */
  failed: 1,
  /** Bad or missing arguments: nothing was sent. */
  usage: 2,
} as const;

/** Bad or missing arguments; the message says which, in one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
