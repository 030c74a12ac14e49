// Drives one burst of HTTP load with autocannon and returns what the benchmark needs from it.
// Latencies are collected from autocannon's 'response' events, in fractions of a millisecond:
// its own histogram rounds to whole milliseconds, too coarse for replies that take about one.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { summarize } from './stats.mjs';

// Enough for minutes of load at the rates seen here; beyond it, later replies are not sampled.
const MAX_LATENCY_SAMPLES = 2_000_000;
const HARD_STOP_GRACE_MS = 15_000;

/**
 * Runs autocannon against `url` for `durationSeconds`, or for `amount` requests when given.
 * `expectBody` makes every reply with other bytes count as a mismatch. The run is stopped after
 * `maxSeconds` whatever happens, so a stuck server cannot hang the benchmark.
 * `skipFirstPerConnection` leaves each connection's first reply out of the latencies: autocannon
 * starts its clock before the socket is connected, so that reply also times the connection setup.
 */
export async function runLoad({
  url,
  body,
  connections,
  durationSeconds,
  amount,
  expectBody,
  requestTimeoutSeconds = 10,
  maxSeconds,
  skipFirstPerConnection = false,
}) {
  const latencies = [];
  const answeredClients = new WeakSet();
  // Timed here: autocannon's own duration is rounded to its one-second tick when `amount` is set.
  const startedAt = performance.now();
  let lastReplyAt = startedAt;
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    pipelining: 1,
    timeout: requestTimeoutSeconds,
    ...(amount === undefined ? { duration: durationSeconds } : { amount }),
    ...(expectBody === undefined ? {} : { expectBody }),
  });
  instance.on('response', (client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode !== 200) return;
    lastReplyAt = performance.now();
    if (skipFirstPerConnection && !answeredClients.has(client)) {
      answeredClients.add(client);
      return;
    }
    if (latencies.length < MAX_LATENCY_SAMPLES) latencies.push(responseTimeMs);
  });
  const limitMs = (maxSeconds ?? (durationSeconds ?? 60) + requestTimeoutSeconds) * 1000 + HARD_STOP_GRACE_MS;
  const hardStop = setTimeout(() => instance.stop(), limitMs);
  let result;
  try {
    result = await instance;
  } finally {
    clearTimeout(hardStop);
  }
  const ok = result['2xx'];
  const seconds = (lastReplyAt - startedAt) / 1000;
  return {
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    durationSeconds: seconds,
    reqPerSec: seconds > 0 ? ok / seconds : 0,
    latencyMs: summarize(latencies),
  };
}

/** Throws unless every request of the run was answered 200 with the expected bytes. */
export function assertAllExpected(run, what) {
  const bad = run.non2xx + run.errors + run.timeouts + run.mismatches;
  if (bad > 0 || run.ok === 0) {
    throw new Error(
      `${what}: ${run.ok} good replies, ${run.non2xx} non-2xx, ${run.errors} errors, ` +
        `${run.timeouts} timeouts, ${run.mismatches} wrong bodies; status codes ${JSON.stringify(run.statusCodes)}. ` +
        'Figures from such a run would not describe the intended path, so the benchmark stops.',
    );
  }
}
