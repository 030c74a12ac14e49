// The performance targets, judged against one run's results. `measure` returns undefined
// when its part did not run; `unit` is 'x' for a ratio.
const MB = 1e6;

const GOALS = [
  {
    id: 'throughput 3/2',
    description: 'req/s of this package in Express 5 over a bare express.json() route',
    target: '>= 1.00',
    unit: 'x',
    measure: (results) => results.throughput?.ratios['3/2'].reqPerSec,
    passes: (ratio) => ratio >= 1,
  },
  {
    id: 'throughput 4/1',
    description: 'req/s of this package on node:http over bare node:http',
    target: '>= 0.75',
    unit: 'x',
    measure: (results) => results.throughput?.ratios['4/1'].reqPerSec,
    passes: (ratio) => ratio >= 0.75,
  },
  {
    id: 'router 6/4',
    description: 'server CPU per request of beforeAddSubscriber over callbackRouter (11 handlers), node:http',
    target: '>= 0.97',
    unit: 'x',
    measure: (results) => results.throughput?.ratios['6/4']?.serverCpu,
    passes: (ratio) => ratio >= 0.97,
  },
  {
    id: 'scaling N=100 c=16',
    description: 'reply time (p50) at N = 100 subscribers, concurrency 16, over the ideal ceil(N/c) x 5 ms',
    target: '<= 1.20',
    unit: 'x',
    measure: (results) =>
      results.scaling?.cases.find((row) => row.subscribers === 100 && row.concurrency === 16 && !row.skipped)
        ?.p50OverIdeal,
    passes: (ratio) => ratio <= 1.2,
  },
  {
    id: 'deadline p99',
    description: 'reply time minus timeoutMs (200 ms) at p99, with a decide that never settles',
    target: '<= 10 ms',
    unit: 'ms',
    measure: (results) => results.deadline?.overshootMs.p99,
    passes: (ms) => ms <= 10,
  },
  {
    id: 'memory growth',
    description: 'growth of heap used after a forced GC, over 100 000 requests (fewer in a smoke run)',
    target: '< 5 MB',
    unit: 'MB',
    measure: (results) => (results.memory ? results.memory.heapGrowthBytes / MB : undefined),
    passes: (mb) => mb < 5,
  },
];

export function judgeGoals(results) {
  return GOALS.map(({ measure, passes, ...goal }) => {
    const measured = measure(results);
    return { ...goal, measured, met: measured === undefined ? undefined : passes(measured) };
  });
}
