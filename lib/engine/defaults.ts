/** Every option's default, one home each; the TSDoc of each option repeats its value. */
export const DEFAULTS = {
  requestTimeToleranceSeconds: 60,
  timeoutMs: 1500,
  onTimeout: 'refuse',
  onError: 'refuse',
  concurrency: 8,
  bodyLimitBytes: 64 * 1024,
  refusalLogIntervalMs: 60_000,
  unhandled: 'next',
} as const;
