// Part 4: heap after a forced GC before and after many requests through the middleware (on bare
// node:http, so that nothing but the middleware and node itself holds memory).
import { callbackBody, expectedReplyFor, signedUrl } from '../callback-request.mjs';
import { assertAllExpected, runLoad } from '../load.mjs';
import { startServer } from '../server-process.mjs';
import { verifyReply } from '../verify-reply.mjs';

const VARIANT = 'node-ours';

export async function runMemory(settings, log) {
  const server = await startServer(VARIANT);
  try {
    const body = callbackBody(settings.subscribers);
    const expected = expectedReplyFor(settings.subscribers);
    const expectedBytes = JSON.stringify(expected);
    await verifyReply(signedUrl(server.port), body, expected, 'verify memory');
    const heapBeforeWarmup = await server.ask('heap');

    // Warm-up first, so that compiled code and node's own pools are not counted as growth.
    const warmup = await runLoad({
      url: signedUrl(server.port),
      body,
      connections: settings.connections,
      amount: settings.warmupRequests,
      expectBody: expectedBytes,
    });
    assertAllExpected(warmup, 'memory warm-up');
    const start = await server.ask('heap');

    let sent = 0;
    // In chunks, each with a freshly signed URL: the whole run may outlast a Sign's minute.
    while (sent < settings.requests) {
      const amount = Math.min(settings.chunkRequests, settings.requests - sent);
      const run = await runLoad({
        url: signedUrl(server.port),
        body,
        connections: settings.connections,
        amount,
        expectBody: expectedBytes,
        maxSeconds: 60,
      });
      assertAllExpected(run, `memory requests ${sent + 1}-${sent + amount}`);
      if (run.ok !== amount) throw new Error(`memory: asked for ${amount} requests, ${run.ok} were answered`);
      sent += amount;
      log(`memory: ${sent}/${settings.requests} requests`);
    }
    const end = await server.ask('heap');
    const result = {
      variant: VARIANT,
      requests: sent,
      warmupRequests: settings.warmupRequests,
      heapBeforeWarmup,
      start,
      end,
      heapGrowthBytes: end.heapUsed - start.heapUsed,
      rssGrowthBytes: end.rss - start.rss,
      loggedByMiddleware: await server.ask('log'),
    };
    log(`memory: heap used ${start.heapUsed} -> ${end.heapUsed} bytes (${result.heapGrowthBytes} bytes)`);
    return result;
  } finally {
    await server.stop();
  }
}
