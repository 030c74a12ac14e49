// The older resolution that NestJS 10's starter and many tsconfigs still use ("module": "commonjs",
// which implies node10): no `exports` map, so the testing subpath resolves through `typesVersions`.
import { callbackRouter, type C2CBeforeSendMsgEvent } from 'express-tencent-chat-webhook';
import { buildCallback, parseReply, type ReplySummary } from 'express-tencent-chat-webhook/testing';

const router = callbackRouter({
  token: 'x',
  on: {
    'C2C.CallbackBeforeSendMsg': {
      decide: (event: C2CBeforeSendMsgEvent) => event.From_Account !== 'bot',
    },
  },
});
const callback = buildCallback({ command: 'C2C.CallbackBeforeSendMsg', token: 'x' });
const summary: ReplySummary = parseReply('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}');
// @ts-expect-error: the event's field is From_Account; a misspelt one does not compile here either.
buildCallback({ command: 'C2C.CallbackBeforeSendMsg', event: { From_Acount: 'x' } });

export { router, callback, summary };
