// The registry's commands as tests use them: a handler of the right kind for any command that
// records what it was called with, and the exact reply that handler gives to Tencent's example.
import { DEFINITIONS } from '../../lib/commands/index';
import type { CommandDefinition } from '../../lib/commands/define';
import type { CommandHandlers } from '../../lib/index';

export const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

/** What the recording handlers saw: each call's command and event. */
export type Seen = { command: string; event: unknown }[];

/** The member a recording list gate refuses, and the data a recording reply-data handler returns. */
export const REFUSED_MEMBER = 'jared';
export const REPLY_DATA = '{"reply":"from the app"}';

/** A handler of `definition`'s kind that records each call and decides as the replies below say. */
export function recordingHandler(definition: CommandDefinition, seen: Seen): unknown {
  const { command } = definition;
  const record = (event: unknown): void => {
    seen.push({ command, event });
  };
  switch (definition.kind) {
    case 'message-gate':
    case 'action-gate':
      return { decide: (event: unknown) => (record(event), true) };
    case 'list-gate':
      return { decide: (member: string, { event }: { event: unknown }) => (record(event), member !== REFUSED_MEMBER) };
    case 'target-gate':
      return { decide: (_target: unknown, { event }: { event: unknown }) => (record(event), true) };
    case 'reply-data':
      return (event: unknown) => (record(event), REPLY_DATA);
    case 'notification':
      return record;
  }
}

/** A recording handler for every command of `definitions` (all 61 by default), as the router's `on`. */
export function recordingHandlers(
  seen: Seen,
  definitions: readonly CommandDefinition[] = DEFINITIONS,
): CommandHandlers {
  return Object.fromEntries(
    definitions.map((definition) => [definition.command, recordingHandler(definition, seen)]),
  ) as CommandHandlers;
}

/** The reply the recording handler of `definition` gives to `body`. */
export function expectedReply(definition: CommandDefinition, body: unknown): object {
  const event = body as Record<string, unknown>;
  switch (definition.kind) {
    case 'list-gate': {
      const members = (event[definition.list] as Record<string, string>[]).map((entry) => entry[definition.member]);
      return { ...OK, [definition.refusedField]: members.includes(REFUSED_MEMBER) ? [REFUSED_MEMBER] : [] };
    }
    case 'target-gate': {
      const targets = event[definition.list] as { To_Account: string }[];
      return {
        ...OK,
        ResultItem: targets.map(({ To_Account }) => ({ To_Account, ResultCode: 0, ResultInfo: '' })),
      };
    }
    case 'reply-data':
      return { ...OK, [definition.replyField]: REPLY_DATA };
    default:
      return OK;
  }
}
