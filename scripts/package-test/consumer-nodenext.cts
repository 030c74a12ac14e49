import express = require('express');
import webhook = require('express-tencent-chat-webhook');

const app = express();
app.use(
  '/im/callback',
  webhook.beforeAddSubscriber({ token: 'x', decideBatch: async (subscribers) => subscribers.slice(1) }),
);
// @ts-expect-error: onTimeout is 'refuse' or 'allow' in the published types too.
webhook.beforeAddSubscriber({ token: 'x', decide: () => true, onTimeout: 'maybe' });

app.use(
  '/im/callback',
  webhook.callbackRouter({
    token: ['new-token', 'old-token'],
    on: {
      'OfficialAccount.CallbackBeforeCreateOfficialAccount': {
        decide: (event) => (event.Name.startsWith('Official') ? { reject: { code: 120001, info: 'reserved' } } : true),
      },
      'OfficialAccount.CallbackAfterDeleteSubscriber': (event, context) => {
        console.log(event.Official_Account, event.SubscribeAccountList.length, context.query.SdkAppid);
      },
    },
  }),
);
webhook.callbackRouter({
  token: 'x',
  on: {
    'OfficialAccount.CallbackBeforeCreateOfficialAccount': {
      // @ts-expect-error: 'drop' is a decision of BeforeSendMsg only, not of BeforeCreateOfficialAccount.
      decide: () => 'drop',
    },
    // @ts-expect-error: the event's field is Official_Account; a misspelt one does not compile.
    'OfficialAccount.CallbackAfterOfficialAccountFull': (event) => console.log(event.Oficial_Account),
  },
});
webhook.callbackRouter({
  token: 'x',
  on: {
    // @ts-expect-error: a misspelt Official Account command does not compile (and throws at run time).
    'OfficialAccount.CallbackAfterAddSubscribers': () => undefined,
  },
});

// The fetch handler from require(): typed for web Requests, resolving to undefined for what is not ours.
const handle: (request: Request) => Promise<Response | undefined> = webhook.callbackRouter({
  token: 'x',
  on: {},
}).fetch;
// @ts-expect-error: it takes a web Request, not node's IncomingMessage.
void handle({} as import('node:http').IncomingMessage);
