// Part 5: where the time goes. Each pair of servers in PAIRS, this package on node:http and the
// hand-checked handler it is measured against, is profiled (V8's sampling profiler, started after
// a warm-up) under the same load, and each function's self time is divided by the requests
// served, so the two can be read side by side in microseconds per request. A sampling profiler
// slows what it watches, so these figures are larger than the overhead part's; read them as
// shares, not as a second measurement of speed.
import { callbackBody, expectedReplyFor, signedUrl } from '../callback-request.mjs';
import { assertAllExpected, runLoad } from '../load.mjs';
import { startServer } from '../server-process.mjs';

/** The goals' pairs of part 1: this package against the handler a careful user writes instead. */
const PAIRS = [
  { ours: 'node-ours', anchor: 'node-checked', decide: 'synchronous' },
  { ours: 'node-ours-async', anchor: 'node-checked-async', decide: 'async' },
];
// Microseconds between samples: node's default (1000) leaves too few samples per function.
const SAMPLING_INTERVAL_US = 100;

/** What a profile node is, as a reader of the table would name it. */
function functionName(callFrame) {
  const name = callFrame.functionName || '(anonymous)';
  const { url, lineNumber } = callFrame;
  if (!url) return name;
  const where = url
    .replace(/^file:\/\/.*\/cjs\//, 'dist/cjs/')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^file:\/\/.*\/bench\//, 'bench/');
  return `${name} (${where}:${lineNumber + 1})`;
}

/** Self time per function, in microseconds per request, and the busy total (idle left out). */
function selfTimes(profile, requests) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const { callFrame } = byId.get(id);
    if (callFrame.functionName === '(idle)') return;
    const micros = profile.timeDeltas[index] ?? 0;
    busy += micros;
    const name = functionName(callFrame);
    totals.set(name, (totals.get(name) ?? 0) + micros);
  });
  const perRequest = new Map([...totals].map(([name, micros]) => [name, micros / requests]));
  return { busyMicrosPerRequest: busy / requests, perRequest };
}

/**
 * Where each function belongs, for the summary: the code under test (this package, or the
 * hand-checked handler with its own ajv), the reply's system call, the collector, node and V8.
 */
const GROUPS = [
  [
    'the code under test (dist/cjs or bench/, with ajv)',
    (name) => /dist\/cjs\/|\(bench\/|^validate\d+( |$)|ajv\//.test(name),
  ],
  ["the reply's write syscall (writev)", (name) => name === 'writev'],
  ['garbage collector', (name) => name === '(garbage collector)'],
  ["node's http, streams and timers; V8", () => true],
];

function groupOf(name) {
  return GROUPS.find(([, belongs]) => belongs(name))[0];
}

function grouped(perRequest) {
  const sums = Object.fromEntries(GROUPS.map(([label]) => [label, 0]));
  for (const [name, micros] of perRequest) sums[groupOf(name)] += micros;
  return sums;
}

async function profileVariant(variant, settings, body, expectedBytes) {
  const server = await startServer(variant);
  try {
    const load = (amount) =>
      runLoad({
        url: signedUrl(server.port),
        body,
        connections: settings.connections,
        amount,
        expectBody: expectedBytes,
      });
    // Compiled and warm before the profiler starts, so start-up is not counted per request.
    assertAllExpected(await load(settings.warmupRequests), `profile warm-up ${variant}`);
    await server.ask('profile-start', { samplingIntervalMicros: SAMPLING_INTERVAL_US });
    const run = await load(settings.requests);
    const profile = await server.ask('profile-stop');
    assertAllExpected(run, `profile ${variant}`);
    return selfTimes(profile, run.ok);
  } finally {
    await server.stop();
  }
}

export async function runProfile(settings, log) {
  const body = callbackBody(settings.subscribers);
  const expectedBytes = JSON.stringify(expectedReplyFor(settings.subscribers));
  const pairs = [];
  for (const pair of PAIRS) {
    const profiles = {};
    for (const variant of [pair.anchor, pair.ours]) {
      profiles[variant] = await profileVariant(variant, settings, body, expectedBytes);
      log(`profile: ${variant} busy ${profiles[variant].busyMicrosPerRequest.toFixed(1)} µs/req under the profiler`);
    }
    const [anchor, ours] = [profiles[pair.anchor], profiles[pair.ours]];
    const top = [...ours.perRequest]
      .sort((a, b) => b[1] - a[1])
      .slice(0, settings.topFunctions)
      .map(([name, micros]) => ({ name, oursMicros: micros, anchorMicros: anchor.perRequest.get(name) ?? 0 }));
    const [codeUnderTest] = GROUPS[0];
    const ownCode = (profileOf) =>
      [...profileOf.perRequest]
        .filter(([name]) => groupOf(name) === codeUnderTest)
        .sort((a, b) => b[1] - a[1])
        .map(([name, micros]) => ({ name, micros }));
    pairs.push({
      ...pair,
      ownCode: { ours: ownCode(ours), anchor: ownCode(anchor) },
      busyMicrosPerRequest: { ours: ours.busyMicrosPerRequest, anchor: anchor.busyMicrosPerRequest },
      // writev also pays for waking the load generator, which swings by tens of µs between runs:
      // without it, the two servers' own work compares more steadily.
      busyWithoutWritevMicrosPerRequest: {
        ours: ours.busyMicrosPerRequest - (ours.perRequest.get('writev') ?? 0),
        anchor: anchor.busyMicrosPerRequest - (anchor.perRequest.get('writev') ?? 0),
      },
      groups: { ours: grouped(ours.perRequest), anchor: grouped(anchor.perRequest) },
      top,
    });
  }
  return {
    subscribers: settings.subscribers,
    requests: settings.requests,
    samplingIntervalMicros: SAMPLING_INTERVAL_US,
    pairs,
  };
}
