// Shared by the consumer projects: mount the installed package on Express, send Tencent's
// example request (signed), and fail loudly unless the reply is Tencent's example reply.
const http = require('node:http');

const TOKEN = 'package-test-token';

async function answersTencentExample({ express, beforeAddSubscriber, computeSign }, label) {
  const app = express();
  app.use('/im/callback', beforeAddSubscriber({ token: TOKEN, decide: (subscriber) => subscriber !== 'jared' }));
  const server = http.createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const requestTime = Math.floor(Date.now() / 1000);
    const query = new URLSearchParams({
      SdkAppid: '1400000000',
      CallbackCommand: 'OfficialAccount.CallbackBeforeAddSubscriber',
      contenttype: 'json',
      RequestTime: String(requestTime),
      Sign: computeSign(TOKEN, requestTime),
    });
    const body = {
      CallbackCommand: 'OfficialAccount.CallbackBeforeAddSubscriber',
      Official_Account: '@TOA#_test_for_penn',
      Operator_Account: '107867',
      SubscribeAccountList: [{ Subscriber_Account: 'jared' }, { Subscriber_Account: 'leckie' }],
      EventTime: 1670574414123,
    };
    const response = await fetch(`http://127.0.0.1:${server.address().port}/im/callback?${query.toString()}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    const reply = await response.json();
    const expected = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: ['jared'] };
    if (response.status !== 200 || JSON.stringify(reply) !== JSON.stringify(expected)) {
      throw new Error(`${label}: unexpected reply ${response.status} ${JSON.stringify(reply)}`);
    }
    console.log(`${label}: answered Tencent's example request correctly`);
  } finally {
    server.close();
  }
}

module.exports = { answersTencentExample };
