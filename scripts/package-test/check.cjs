// Shared by the consumer projects: mount the installed package on Express, send it signed
// callbacks built with the installed testing helpers, and fail loudly unless each is answered right.
const http = require('node:http');

const TOKEN = 'package-test-token';

/** Serves the app on a free port, POSTs each callback to it, and returns the replies. */
async function post(app, callbacks) {
  const server = http.createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const replies = [];
    for (const callback of callbacks) {
      const response = await fetch(`http://127.0.0.1:${server.address().port}${callback.path}`, {
        method: 'POST',
        body: callback.json,
      });
      replies.push({ status: response.status, body: await response.text() });
    }
    return replies;
  } finally {
    server.close();
  }
}

async function answersTencentExample({ express, beforeAddSubscriber, buildCallback, parseReply }, label) {
  const app = express();
  app.use('/im/callback', beforeAddSubscriber({ token: TOKEN, decide: (subscriber) => subscriber !== 'jared' }));
  const [response] = await post(app, [buildCallback({ subscribers: ['jared', 'leckie'], token: TOKEN })]);
  const summary = parseReply(response.body);
  if (response.status !== 200 || !summary.accepted || JSON.stringify(summary.refused) !== '["jared"]') {
    throw new Error(`${label}: unexpected reply ${response.status} ${JSON.stringify(summary.reply)}`);
  }
  console.log(`${label}: answered a signed callback built by the testing helpers correctly`);
}

async function routesOfficialAccountCallbacks({ express, callbackRouter, buildCallback }, label) {
  const seen = [];
  const app = express();
  app.use(
    '/im/callback',
    callbackRouter({
      token: TOKEN,
      on: {
        // Tencent's example message says "red packet".
        'OfficialAccount.CallbackBeforeSendMsg': {
          decide: (event) =>
            !event.MsgBody.some(
              (element) => element.MsgType === 'TIMTextElem' && element.MsgContent.Text.includes('red packet'),
            ),
        },
        'OfficialAccount.CallbackAfterAddSubscriber': (event) => {
          seen.push(event.SubscribeAccountList.map((entry) => entry.Subscriber_Account).join(','));
        },
      },
    }),
  );
  const replies = await post(app, [
    buildCallback({ command: 'OfficialAccount.CallbackBeforeSendMsg', token: TOKEN }),
    buildCallback({ command: 'OfficialAccount.CallbackAfterAddSubscriber', token: TOKEN }),
    buildCallback({ command: 'OfficialAccount.CallbackAfterAddSubscriber' }),
  ]);
  const expected = [
    { status: 200, body: '{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}' },
    { status: 200, body: '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}' },
    {
      status: 401,
      body: '{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"ERR_SIGN_MISSING: query parameter Sign is missing"}',
    },
  ];
  if (JSON.stringify(replies) !== JSON.stringify(expected) || JSON.stringify(seen) !== '["jared,leckie"]') {
    throw new Error(
      `${label}: callbackRouter answered ${JSON.stringify(replies)}, its handler saw ${JSON.stringify(seen)}`,
    );
  }
  console.log(
    `${label}: callbackRouter answered a signed BeforeSendMsg and After-callback, and refused an unsigned one`,
  );
}

/** The router's fetch handler, called unbound as fetch runtimes do, with web Requests and no server. */
async function answersThroughFetch({ callbackRouter, buildCallback }, label) {
  const { fetch: handle } = callbackRouter({
    token: TOKEN,
    on: { 'OfficialAccount.CallbackBeforeSendMsg': { decide: () => false } },
  });
  const answer = async (request) => {
    const response = await handle(request);
    return (
      response && { status: response.status, type: response.headers.get('content-type'), body: await response.text() }
    );
  };
  const signed = buildCallback({ command: 'OfficialAccount.CallbackBeforeSendMsg', token: TOKEN });
  const url = `https://example.com${signed.path}`;
  const replies = [
    await answer(new Request(url, { method: 'POST', body: signed.json })),
    await answer(new Request(url.replace(/&Sign=[^&]*/, ''), { method: 'POST', body: signed.json })),
    await answer(new Request(url)),
  ];
  const json = 'application/json; charset=utf-8';
  const expected = [
    { status: 200, type: json, body: '{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}' },
    {
      status: 401,
      type: json,
      body: '{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"ERR_SIGN_MISSING: query parameter Sign is missing"}',
    },
    undefined,
  ];
  if (JSON.stringify(replies) !== JSON.stringify(expected)) {
    throw new Error(`${label}: router.fetch answered ${JSON.stringify(replies)}`);
  }
  console.log(`${label}: router.fetch, unbound, answered a signed Request, refused an unsigned one, passed a GET on`);
}

module.exports = { answersTencentExample, answersThroughFetch, routesOfficialAccountCallbacks };
