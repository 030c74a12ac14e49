import type { UserCallbackError } from '../../errors.js';

/**
 * What came of one subscriber's decision, before the failure policies are applied. A failure
 * keeps what the user's code threw (`thrown`, for `onError`) beside our error (for the logger).
 */
export type SubscriberDecision = 'allowed' | 'refused' | 'timed-out' | { error: UserCallbackError; thrown: unknown };
