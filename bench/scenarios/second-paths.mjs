// Part 7: what each second code path of the hot path saves, so that each keeps its place on
// figures (issue 20: a path that saves less than 2 % of server CPU per request at 10 subscribers
// goes). Each kept path is timed against the path it spares, on the bench's own request, in this
// process: both are plain function calls of the build under test, called alternately in batches,
// and each one's fastest batch counts. The saving is then put against server 4's CPU per request
// in part 1 of the same run. decideEach's plain loop for synchronous answers was measured here
// too (0.3 µs saved at 10 subscribers) and went.
import { callbackBody } from '../callback-request.mjs';
import { loadInternalUnderTest } from '../package-under-test.mjs';

/**
 * Fastest batch of each function, in microseconds per call; they run alternately. Each returns a
 * number that is summed, so that the compiler cannot drop a call as unused.
 */
function timeSideBySide(functions, settings) {
  const fastest = functions.map(() => Infinity);
  let sum = 0;
  for (let batch = 0; batch < settings.warmupBatches + settings.batches; batch += 1) {
    functions.forEach((run, index) => {
      const startedAt = performance.now();
      for (let call = 0; call < settings.callsPerBatch; call += 1) sum += run();
      const micros = ((performance.now() - startedAt) * 1000) / settings.callsPerBatch;
      if (batch >= settings.warmupBatches) fastest[index] = Math.min(fastest[index], micros);
    });
  }
  if (!Number.isFinite(sum)) throw new Error('second paths: a timed call returned no number');
  return fastest;
}

/**
 * The text test that lets a body which cannot name `__proto__` or `constructor` skip the walk
 * that removes such keys, against the walk itself on the same parsed body.
 */
function prototypeKeyHint(subscribers, settings) {
  const { mayHoldPrototypeKeys, dropPrototypeKeys } = loadInternalUnderTest('engine/parse-body.js');
  const text = callbackBody(subscribers);
  if (mayHoldPrototypeKeys(text)) throw new Error('second paths: the bench body would be walked anyway');
  const value = JSON.parse(text);
  const viaHint = () => (mayHoldPrototypeKeys(text) ? 1 : 0);
  const viaWalk = () => {
    dropPrototypeKeys(value);
    return 1;
  };
  const [kept, spared] = timeSideBySide([viaHint, viaWalk], settings);
  return { subscribers, keptMicros: kept, sparedMicros: spared };
}

export const SECOND_PATHS = [
  {
    id: 'prototype-key-hint',
    label: 'the text test before the prototype-key walk',
    spares: 'walking the parsed body for `__proto__` and `constructor` keys',
    measure: prototypeKeyHint,
  },
];

export async function runSecondPaths(settings, log) {
  const paths = [];
  for (const path of SECOND_PATHS) {
    const cases = [];
    for (const subscribers of settings.subscriberCounts) {
      const figures = path.measure(subscribers, settings);
      cases.push(figures);
      log(
        `second paths: ${path.id} @${subscribers}: ${figures.keptMicros.toFixed(2)} µs against ` +
          `${figures.sparedMicros.toFixed(2)} µs spared`,
      );
    }
    paths.push({ id: path.id, label: path.label, spares: path.spares, cases });
  }
  return { batches: settings.batches, callsPerBatch: settings.callsPerBatch, paths };
}
