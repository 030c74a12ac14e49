// Moved to protocol/constants.ts; this re-export goes once every importer has moved.
export { REQUEST_TIME_PATTERN, SDK_APP_ID_MAX, TENCENT_WAIT_MS } from './protocol/constants.js';
