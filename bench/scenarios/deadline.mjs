// Part 3: a decide that never settles, so every reply is sent by the deadline; how late it goes
// out, under several connections at once, is the figure.
import { callbackBody, expectedReply, signedUrl, subscriberIds } from '../callback-request.mjs';
import { assertAllExpected, runLoad } from '../load.mjs';
import { startServer } from '../server-process.mjs';
import { summarize } from '../stats.mjs';
import { verifyReply } from '../verify-reply.mjs';

export async function runDeadline(settings, log) {
  const server = await startServer('deadline', { timeoutMs: settings.timeoutMs });
  try {
    const body = callbackBody(settings.subscribers);
    // onTimeout defaults to 'refuse': every undecided subscriber is refused.
    const expected = expectedReply(subscriberIds(settings.subscribers));
    const expectedBytes = JSON.stringify(expected);
    await verifyReply(signedUrl(server.port), body, expected, 'verify deadline');
    const warmup = await runLoad({
      url: signedUrl(server.port),
      body,
      connections: settings.connections,
      durationSeconds: settings.warmupSeconds,
      expectBody: expectedBytes,
    });
    assertAllExpected(warmup, 'deadline warm-up');
    await server.ask('server-overshoots');

    // The control: as many plain timers of the same length, in the same process and the same
    // window of time, without HTTP or the middleware, since this machine's timer lateness varies.
    const wavesPerChain = Math.floor((settings.durationSeconds * 1000) / settings.timeoutMs);
    const control = server.ask('timer-waits', {
      delayMs: settings.timeoutMs,
      chains: settings.connections,
      waits: settings.connections * wavesPerChain,
    });
    const run = await runLoad({
      url: signedUrl(server.port),
      body,
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      expectBody: expectedBytes,
      skipFirstPerConnection: true,
    });
    assertAllExpected(run, 'deadline');
    const plainTimers = await control;
    // The middleware times from arrival, so it can keep each connection's first reply.
    const serverSide = summarize(await server.ask('server-overshoots'));
    const overshoot = (ms) => ms - settings.timeoutMs;
    const result = {
      timeoutMs: settings.timeoutMs,
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      requests: run.ok,
      sampledReplies: run.latencyMs.count,
      replyMs: run.latencyMs,
      // Measured by the load generator: includes the network and both event loops.
      overshootMs: {
        p50: overshoot(run.latencyMs.p50),
        p99: overshoot(run.latencyMs.p99),
        max: overshoot(run.latencyMs.max),
      },
      // Measured by the middleware itself (onDecision's durationMs), from arrival to reply.
      serverOvershootMs: serverSide,
      plainTimerLateMs: plainTimers.lateMs,
      loggedByMiddleware: await server.ask('log'),
    };
    log(
      `deadline: ${run.ok} replies; overshoot p50 ${result.overshootMs.p50.toFixed(2)} ms, ` +
        `p99 ${result.overshootMs.p99.toFixed(2)} ms, max ${result.overshootMs.max.toFixed(2)} ms; ` +
        `plain timers alone are late by ${plainTimers.lateMs.p50.toFixed(2)} ms at p50, ${plainTimers.lateMs.p99.toFixed(2)} ms at p99`,
    );
    return result;
  } finally {
    await server.stop();
  }
}
