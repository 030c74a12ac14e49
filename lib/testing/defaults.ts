/**
 * The values {@link buildCallback} uses for every field you leave out: those of Tencent's own
 * example request (page 1047/60799), a test SDKAppID, and the path the README mounts on.
 */
export const CALLBACK_DEFAULTS = {
  /** `Official_Account` in the body. */
  officialAccount: '@TOA#_test_for_penn',
  /** `Operator_Account` in the body. */
  operator: '107867',
  /** `SdkAppid` in the query. */
  sdkAppId: '1400000000',
  /** `ClientIP` in the query. */
  clientIP: '127.0.0.1',
  /** `OptPlatform` in the query: an admin calling the REST API `add_subscriber`. */
  optPlatform: 'RESTAPI',
  /** The path the webhook is mounted on. */
  path: '/im/callback',
} as const;
