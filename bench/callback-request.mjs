// The Tencent request every server variant receives, and the reply each must give to it.
// The Sign is computed here with node:crypto rather than with the package's computeSign, so a
// bug in the package cannot make its own benchmark requests look genuine.
import { createHash } from 'node:crypto';

export const TOKEN = 'bench-callback-token';
export const SDK_APP_ID = '1400000000';
export const COMMAND = 'OfficialAccount.CallbackBeforeAddSubscriber';
export const CALLBACK_PATH = '/im/callback';

/** The decision every variant applies, so that all of them send the same reply bytes. */
export function isAllowed(subscriber) {
  return !subscriber.endsWith('7');
}

/** Short IDs keep 1000 subscribers (about 34 KB) under the default 64 KiB body limit. */
export function subscriberIds(count) {
  return Array.from({ length: count }, (_, index) => `user${String(index).padStart(4, '0')}`);
}

export function callbackBody(subscriberCount) {
  return JSON.stringify({
    CallbackCommand: COMMAND,
    Official_Account: '@TOA#_bench',
    Operator_Account: 'bench-admin',
    SubscribeAccountList: subscriberIds(subscriberCount).map((id) => ({ Subscriber_Account: id })),
    EventTime: Date.now(),
  });
}

/** Key order matches the package's reply, so every variant's bytes can be compared exactly. */
export function expectedReply(refused) {
  return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: refused };
}

export function expectedReplyFor(subscriberCount) {
  return expectedReply(subscriberIds(subscriberCount).filter((id) => !isAllowed(id)));
}

/**
 * A URL with a Sign valid for about a minute either way of now. Call it again for every run
 * that may outlive that minute, or the server will rightly answer 401.
 */
export function signedUrl(port, path = CALLBACK_PATH) {
  const requestTime = String(Math.floor(Date.now() / 1000));
  const query = new URLSearchParams({
    SdkAppid: SDK_APP_ID,
    CallbackCommand: COMMAND,
    contenttype: 'json',
    ClientIP: '127.0.0.1',
    OptPlatform: 'RESTAPI',
    RequestTime: requestTime,
    Sign: createHash('sha256').update(`${TOKEN}${requestTime}`).digest('hex'),
  });
  return `http://127.0.0.1:${port}${path}?${query}`;
}
