import type { UserCallbackError } from '../../errors.js';
import type { CustomRejection } from '../../types.js';

/** A failure of the user's code: what it threw (`thrown`, for `onError`) beside our error (for the logger). */
export interface ItemFailure {
  error: UserCallbackError;
  thrown: unknown;
}

/**
 * What came of one member's decision (a list gate), before the failure policies are applied;
 * `timed-out` when it had not come by the deadline.
 */
export type MemberDecision = 'allowed' | 'refused' | 'timed-out' | ItemFailure;

/** What came of one target's decision (a target gate): a member's outcomes, or a refusal with a code. */
export type TargetOutcome = MemberDecision | { rejected: CustomRejection };
