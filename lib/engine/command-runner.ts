import type { Deadline } from './deadline.js';
import type { RequestError } from '../errors.js';
import type { CallbackContext, TencentReply } from '../types.js';

/**
 * A gate's report (a `DecisionReport` of lib/handlers.ts) before the engine adds how long the
 * request took and whether the deadline fired.
 */
export type PendingReport = object;

/** What a command's handler came to: the body of the 200 reply, and what to report about it. */
export interface HandlerResult {
  reply: TencentReply | Readonly<Record<string, unknown>>;
  report?: PendingReport | undefined;
}

/**
 * One command, ready to run: made once, at creation, from its definition (the schema, the kind,
 * the reply rules) and the user's handler. The engine does the rest (authenticity, body, deadline, reply, logging).
 */
export interface CommandRunner {
  readonly command: string;
  /** This command's deadline in milliseconds. */
  readonly timeoutMs: number;
  /** Checks a parsed body against the command's schema. */
  readonly validate: (value: unknown) => unknown;
  /**
   * Runs the handler under the deadline and settles every failure by the command's policies; it
   * never throws for anything the user's code does.
   */
  readonly run: (context: CallbackContext<unknown>, deadline: Deadline) => HandlerResult | Promise<HandlerResult>;
  /**
   * The command's failure policy for a request that passed authentication but failed before the
   * handler could run (its body unreadable, too large, too slow, not JSON, not valid). `body` is the
   * parsed body when there is one, for policies that refuse item by item.
   */
  readonly refuse: (error: RequestError, body: unknown) => HandlerResult;
}
