// How long and how hard each part runs. BENCH_QUICK=1 is a smoke run of the same code paths in
// a minute or two; its figures are too short to publish.
const FULL = {
  throughput: {
    connections: 10,
    warmupSeconds: 3,
    rounds: 5,
    roundSeconds: 5,
    subscribers: 10,
    // A second case, as above but for four of the servers: 100 subscribers, the most one
    // add_subscriber call sends (about 3.5 KB of body). Shorter rounds keep the run's length down.
    largestRequest: { subscribers: 100, roundSeconds: 3 },
  },
  scaling: {
    subscriberCounts: [1, 10, 100, 1000],
    concurrencies: [1, 4, 16],
    delayMs: 5,
    // 1000 subscribers one at a time take 5 s; the default 1500 ms would cut them off.
    timeoutMs: 60_000,
    // Each case gets about this much time, within a bounded count of requests.
    targetMsPerCase: 3000,
    minRequests: 3,
    maxRequests: 100,
    // Cases whose ideal time is longer than this are skipped (none in a full run).
    maxIdealMs: 10_000,
    timerWaitSamples: 200,
  },
  deadline: { timeoutMs: 200, connections: 16, warmupSeconds: 1, durationSeconds: 15, subscribers: 10 },
  memory: { requests: 100_000, chunkRequests: 20_000, warmupRequests: 2000, connections: 10, subscribers: 10 },
  profile: { warmupRequests: 5000, requests: 40_000, connections: 10, subscribers: 10, topFunctions: 20 },
  // Fresh processes per case (express, every command, the Official Account family), after uncounted
  // warm-up runs of each; a multiple of the 3 cases, so each runs equally often in each position.
  coldstart: { runs: 21, warmupRuns: 1 },
  // In-process: both paths of each pair called alternately, the fastest batch of each counting.
  secondpaths: { subscriberCounts: [10, 100], warmupBatches: 2, batches: 12, callsPerBatch: 20_000 },
  // The whole run is abandoned (servers killed) if it takes longer than this.
  watchdogSeconds: 15 * 60,
};

const QUICK = {
  throughput: {
    ...FULL.throughput,
    warmupSeconds: 1,
    rounds: 2,
    roundSeconds: 1,
    largestRequest: { ...FULL.throughput.largestRequest, roundSeconds: 1 },
  },
  scaling: {
    ...FULL.scaling,
    targetMsPerCase: 300,
    minRequests: 2,
    maxRequests: 20,
    maxIdealMs: 1500,
    timerWaitSamples: 50,
  },
  deadline: { ...FULL.deadline, connections: 8, durationSeconds: 2 },
  memory: { ...FULL.memory, requests: 10_000, chunkRequests: 5000, warmupRequests: 500 },
  profile: { ...FULL.profile, warmupRequests: 1000, requests: 5000 },
  coldstart: { ...FULL.coldstart, runs: 6 },
  secondpaths: { ...FULL.secondpaths, batches: 3, callsPerBatch: 2000 },
  watchdogSeconds: 3 * 60,
};

export function benchSettings(env = process.env) {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  return { quick, ...(quick ? QUICK : FULL) };
}
