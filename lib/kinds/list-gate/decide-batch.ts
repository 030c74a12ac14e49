import type { TimedCancellation } from '../../engine/deadline.js';
import { UserCallbackError } from '../../errors.js';
import type { MemberDecision } from './item-decision.js';
import { settleBeforeAbort } from '../../engine/settle-before-abort.js';
import type { CallbackContext } from '../../types.js';

type DecideMembers = (members: readonly string[], context: CallbackContext<unknown>) => unknown;

/**
 * How many items a non-array iterable may yield beyond the members asked about. Duplicates and
 * UserIDs not asked about are harmless, so there is room for them; but an endless generator, or a
 * cursor over a whole table, would otherwise hold the event loop past Tencent's wait and fill memory.
 */
const ITEMS_BEYOND_ASKED = 1024;

const NOT_AN_ITERABLE_OF_STRINGS =
  'decideBatch must return (or resolve to) an array or other iterable of the UserIDs to refuse';

function invalidResult(message: string): UserCallbackError {
  return new UserCallbackError('ERR_DECIDE_RESULT_INVALID', message);
}

/** An array is in memory already, so it is taken whole. */
function refusedInArray(items: readonly unknown[]): Set<string> | UserCallbackError {
  const refused = new Set<string>();
  // for...of would call the array's own Symbol.iterator, which user code may have replaced.
  // eslint-disable-next-line @typescript-eslint/prefer-for-of
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    if (typeof item !== 'string') return invalidResult(NOT_AN_ITERABLE_OF_STRINGS);
    refused.add(item);
  }
  return refused;
}

function refusedInIterable(iterable: Iterable<unknown>, limit: number, asked: number): Set<string> | UserCallbackError {
  const refused = new Set<string>();
  let read = 0;
  // An early return from for...of closes the iterator, so a generator's `finally` (a cursor's close) runs.
  for (const item of iterable) {
    if (typeof item !== 'string') return invalidResult(NOT_AN_ITERABLE_OF_STRINGS);
    read += 1;
    if (read > limit) {
      return invalidResult(
        `decideBatch yielded more than ${limit} UserIDs for ${asked} members; ` +
          'yield only those to refuse, or return an array',
      );
    }
    refused.add(item);
  }
  return refused;
}

/**
 * The refused UserIDs, read once (a generator can only be read once). Reading runs user code
 * (getters, iterators, Proxy traps), so whatever it throws is the caller's to settle.
 */
function readRefused(value: unknown, asked: number): Set<string> | UserCallbackError {
  if (typeof value !== 'object' || value === null) return invalidResult(NOT_AN_ITERABLE_OF_STRINGS);
  if (Array.isArray(value)) return refusedInArray(value);
  if (typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    return invalidResult(NOT_AN_ITERABLE_OF_STRINGS);
  }
  return refusedInIterable(value as Iterable<unknown>, asked + ITEMS_BEYOND_ASKED, asked);
}

function everyone(members: readonly string[], error: UserCallbackError, thrown: unknown): MemberDecision[] {
  return members.map(() => ({ error, thrown }));
}

function failed(members: readonly string[], thrown: unknown): MemberDecision[] {
  return everyone(members, new UserCallbackError('ERR_DECIDE_FAILED', 'decideBatch failed', { cause: thrown }), thrown);
}

/** Calls `decideBatch` once for the whole list, bound by the same cancellation as `decide`. */
export async function decideBatch(
  members: readonly string[],
  decide: DecideMembers,
  context: CallbackContext<unknown>,
  cancellation: TimedCancellation,
  onLateFailure?: (error: unknown) => void,
): Promise<MemberDecision[]> {
  const settled = await settleBeforeAbort(cancellation, () => decide(members, context), onLateFailure);
  if ('aborted' in settled) return members.map(() => 'timed-out');
  if ('error' in settled) return failed(members, settled.error);
  let refused: Set<string> | UserCallbackError;
  try {
    refused = readRefused(settled.value, members.length);
  } catch (error) {
    // A cursor that fails while it is read is as much a failure of decideBatch as a rejection.
    return failed(members, error);
  }
  if (refused instanceof UserCallbackError) return everyone(members, refused, refused);
  return members.map((member) => (refused.has(member) ? 'refused' : 'allowed'));
}
