// Part 2: how reply time grows with the number of subscribers when each decision waits (like a
// database call), against the ideal ceil(N / concurrency) x delay of a perfect scheduler.
import { callbackBody, expectedReplyFor, signedUrl } from '../callback-request.mjs';
import { assertAllExpected, runLoad } from '../load.mjs';
import { startServer } from '../server-process.mjs';
import { verifyReply } from '../verify-reply.mjs';

const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

function requestCount(idealMs, settings) {
  return Math.min(settings.maxRequests, Math.max(settings.minRequests, Math.ceil(settings.targetMsPerCase / idealMs)));
}

export async function runScaling(settings, log) {
  const server = await startServer('scaling', {
    concurrencies: settings.concurrencies,
    delayMs: settings.delayMs,
    timeoutMs: settings.timeoutMs,
  });
  try {
    for (const concurrency of settings.concurrencies) {
      // Doubles as the warm-up of each mount.
      await verifyReply(
        signedUrl(server.port, `/c${concurrency}`),
        callbackBody(10),
        expectedReplyFor(10),
        `verify scaling /c${concurrency}`,
      );
    }
    // What the event loop's timers alone cost: a 5 ms setTimeout takes somewhat longer.
    const timerWait = (await server.ask('timer-waits', { delayMs: settings.delayMs, waits: settings.timerWaitSamples }))
      .waitMs;
    log(`scaling: a ${settings.delayMs} ms setTimeout takes ${timerWait.p50.toFixed(2)} ms at p50 in the server`);

    const cases = [];
    for (const subscribers of settings.subscriberCounts) {
      const body = callbackBody(subscribers);
      const bodyBytes = Buffer.byteLength(body);
      if (bodyBytes > DEFAULT_BODY_LIMIT_BYTES) {
        throw new Error(`the ${subscribers}-subscriber body is ${bodyBytes} bytes, over the default body limit`);
      }
      const expectedBytes = JSON.stringify(expectedReplyFor(subscribers));
      for (const concurrency of settings.concurrencies) {
        const waves = Math.ceil(subscribers / concurrency);
        const idealMs = waves * settings.delayMs;
        if (idealMs > settings.maxIdealMs) {
          cases.push({
            subscribers,
            concurrency,
            idealMs,
            skipped: `ideal ${idealMs} ms is over this mode's ${settings.maxIdealMs} ms`,
          });
          continue;
        }
        const requests = requestCount(idealMs, settings);
        const run = await runLoad({
          url: signedUrl(server.port, `/c${concurrency}`),
          body,
          connections: 1,
          amount: requests,
          expectBody: expectedBytes,
          requestTimeoutSeconds: Math.ceil((idealMs * 3) / 1000) + 10,
          maxSeconds: Math.ceil((idealMs * 3 * requests) / 1000) + 30,
        });
        assertAllExpected(run, `scaling N=${subscribers} c=${concurrency}`);
        const row = {
          subscribers,
          concurrency,
          bodyBytes,
          requests: run.ok,
          idealMs,
          // The ideal with each wait as long as this machine's measured setTimeout.
          timerFloorMs: waves * timerWait.p50,
          p50Ms: run.latencyMs.p50,
          maxMs: run.latencyMs.max,
          p50OverIdeal: run.latencyMs.p50 / idealMs,
          maxOverIdeal: run.latencyMs.max / idealMs,
        };
        cases.push(row);
        log(
          `scaling: N=${String(subscribers).padStart(4)} c=${String(concurrency).padStart(2)} ideal ${idealMs} ms, ` +
            `p50 ${row.p50Ms.toFixed(1)} ms (${row.p50OverIdeal.toFixed(3)}x), max ${row.maxMs.toFixed(1)} ms, ${run.ok} requests`,
        );
      }
    }
    const logged = await server.ask('log');
    return {
      delayMs: settings.delayMs,
      timeoutMs: settings.timeoutMs,
      bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES,
      connections: 1,
      timerWaitMs: timerWait,
      cases,
      loggedByMiddleware: logged,
    };
  } finally {
    await server.stop();
  }
}
