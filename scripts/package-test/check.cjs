// Shared by the consumer projects: mount the installed package on Express, send it a signed
// callback built with the installed testing helpers, and fail loudly unless jared is refused.
const http = require('node:http');

const TOKEN = 'package-test-token';

async function answersTencentExample({ express, beforeAddSubscriber, buildCallback, parseReply }, label) {
  const app = express();
  app.use('/im/callback', beforeAddSubscriber({ token: TOKEN, decide: (subscriber) => subscriber !== 'jared' }));
  const server = http.createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const callback = buildCallback({ subscribers: ['jared', 'leckie'], token: TOKEN });
    const response = await fetch(`http://127.0.0.1:${server.address().port}${callback.path}`, {
      method: 'POST',
      body: callback.json,
    });
    const summary = parseReply(await response.text());
    if (response.status !== 200 || !summary.accepted || JSON.stringify(summary.refused) !== '["jared"]') {
      throw new Error(`${label}: unexpected reply ${response.status} ${JSON.stringify(summary.reply)}`);
    }
    console.log(`${label}: answered a signed callback built by the testing helpers correctly`);
  } finally {
    server.close();
  }
}

module.exports = { answersTencentExample };
