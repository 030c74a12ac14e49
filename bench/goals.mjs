// The performance targets, judged against one run's results. `measure` returns undefined
// when its part did not run; `unit` is 'x' for a ratio. `description` is a string, or a function
// of the results when it names a figure of the run (how many commands the router registered).
const MB = 1e6;

/** How many handlers the router servers and the cold-start processes registered: every command. */
function routerHandlers(results) {
  const count = results.throughput?.routerCommands ?? results.coldstart?.commands.all;
  return count === undefined ? 'a handler for every command' : `${count} handlers, one per command`;
}

/** A ratio of the throughput part by its key, from whichever case measured it. */
function throughputRatio(results, key) {
  return results.throughput?.ratios[key] ?? results.throughput?.largestRequest?.ratios[key];
}

// The ratio columns a goal can be about: 'reqPerSec' (ratio of median req/s) and 'serverCpu'
// (inverse ratio of server CPU per request), as the report names them.
export const RATIO_FIGURES = { reqPerSec: 'req/s', serverCpu: 'server CPU' };

/**
 * A goal on one ratio of the throughput part, met when each of its `figures` (columns of
 * RATIO_FIGURES) is at least `atLeast`. `measured` is the lowest of them, `measuredByFigure` each
 * one. The report shows the goal beside the ratio, through `ratio` and `figures`.
 */
function ratioGoal({ id, description, ratio, figures = ['reqPerSec'], atLeast }) {
  return {
    id,
    description,
    target: `>= ${atLeast.toFixed(2)}`,
    unit: 'x',
    ratio,
    figures,
    measureByFigure: (results) => {
      const measured = throughputRatio(results, ratio);
      return measured && Object.fromEntries(figures.map((figure) => [figure, measured[figure]]));
    },
    measure: (results) => {
      const measured = throughputRatio(results, ratio);
      return measured && Math.min(...figures.map((figure) => measured[figure]));
    },
    passes: (value) => value >= atLeast,
  };
}

/** What the hand-checked handler is, for the descriptions of the goals anchored on it. */
const HAND_CHECKED = 'the same checks written by hand on node:http';
const BOTH = ['reqPerSec', 'serverCpu'];

// The overhead targets hold for both entry points (beforeAddSubscriber and callbackRouter), for
// an async decide as for a synchronous one, and for the largest request as for the usual one.
const GOALS = [
  ratioGoal({
    id: 'throughput 3/2',
    description: 'req/s of this package in Express 5 over a bare express.json() route',
    ratio: '3/2',
    atLeast: 1,
  }),
  ratioGoal({
    id: 'throughput 4/1',
    description: 'req/s of this package on node:http over bare node:http',
    ratio: '4/1',
    atLeast: 0.75,
  }),
  ratioGoal({
    id: 'throughput 3/2 @100',
    description: 'req/s of this package in Express 5 over a bare express.json() route, 100 subscribers a request',
    ratio: '3/2 @100',
    atLeast: 1,
  }),
  ratioGoal({
    id: 'throughput 4/1 @100',
    description: 'req/s of this package on node:http over bare node:http, 100 subscribers a request',
    ratio: '4/1 @100',
    atLeast: 0.75,
  }),
  ratioGoal({
    id: 'async 10/2',
    description:
      'req/s of this package in Express 5, decide returning a resolved promise, over a bare express.json() route',
    ratio: '10/2',
    atLeast: 1,
  }),
  ratioGoal({
    id: 'async 9/1',
    description: 'req/s of this package on node:http, decide returning a resolved promise, over bare node:http',
    ratio: '9/1',
    atLeast: 0.75,
  }),
  ratioGoal({
    id: 'router 7/2',
    description: (results) =>
      `req/s of callbackRouter (${routerHandlers(results)}) in Express 5 over a bare express.json() route`,
    ratio: '7/2',
    atLeast: 1,
  }),
  ratioGoal({
    id: 'router 6/1',
    description: (results) => `req/s of callbackRouter (${routerHandlers(results)}) on node:http over bare node:http`,
    ratio: '6/1',
    atLeast: 0.75,
  }),
  ratioGoal({
    id: 'router 6/4',
    description: (results) =>
      `server CPU per request of beforeAddSubscriber over callbackRouter (${routerHandlers(results)}), node:http`,
    ratio: '6/4',
    figures: ['serverCpu'],
    atLeast: 0.97,
  }),
  ratioGoal({
    id: 'hand-checked 4/11',
    description: `req/s and server CPU per request of this package on node:http over ${HAND_CHECKED} (11)`,
    ratio: '4/11',
    figures: BOTH,
    atLeast: 0.95,
  }),
  ratioGoal({
    id: 'hand-checked 6/11',
    description: (results) =>
      `req/s and server CPU per request of callbackRouter (${routerHandlers(results)}) on node:http over ${HAND_CHECKED} (11)`,
    ratio: '6/11',
    figures: BOTH,
    atLeast: 0.95,
  }),
  ratioGoal({
    id: 'hand-checked 9/12',
    description:
      `req/s and server CPU per request of this package on node:http over ${HAND_CHECKED} (12), ` +
      'decide returning a resolved promise in both',
    ratio: '9/12',
    figures: BOTH,
    atLeast: 0.95,
  }),
  ratioGoal({
    id: 'hand-checked 13/12',
    description: (results) =>
      `req/s and server CPU per request of callbackRouter (${routerHandlers(results)}) on node:http over ` +
      `${HAND_CHECKED} (12), decide returning a resolved promise in both`,
    ratio: '13/12',
    figures: BOTH,
    atLeast: 0.95,
  }),
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
  {
    id: 'cold start',
    description: (results) =>
      `require of this package + callbackRouter (${routerHandlers(results)}) in a fresh process, ` +
      "over require('express') (medians, each timed inside its process)",
    target: '<= 0.50',
    unit: 'x',
    measure: (results) => results.coldstart?.ratios.allOverExpress.work,
    passes: (ratio) => ratio <= 0.5,
  },
];

export function judgeGoals(results) {
  return GOALS.map(({ id, description, measure, measureByFigure, passes, ...goal }) => {
    const measured = measure(results);
    return {
      id,
      description: typeof description === 'function' ? description(results) : description,
      ...goal,
      measured,
      ...(measureByFigure && measured !== undefined ? { measuredByFigure: measureByFigure(results) } : {}),
      met: measured === undefined ? undefined : passes(measured),
    };
  });
}

/** A goal's measured figure(s) as text: `0.97 x`, or `req/s 0.97 x, server CPU 0.96 x` for a goal on both. */
export function measuredText(goal) {
  if (goal.measured === undefined) return '–';
  const digits = goal.unit === 'MB' ? 3 : 2;
  const byFigure = Object.entries(goal.measuredByFigure ?? {});
  if (byFigure.length > 1) {
    return byFigure
      .map(([figure, value]) => `${RATIO_FIGURES[figure]} ${value.toFixed(digits)} ${goal.unit}`)
      .join(', ');
  }
  return `${goal.measured.toFixed(digits)} ${goal.unit}`;
}
