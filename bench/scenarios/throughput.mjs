// Part 1: the variants side by side. Rounds alternate between variants (in a rotating
// order) so that drift in the machine's speed over the run hits all of them alike.
// Two cases, one after the other, each with its own servers and rounds: every variant on the
// usual request, then the baselines and this package on the largest request Tencent sends.
// A ratio only ever compares variants of the same case, measured in the same rounds.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { callbackBody, expectedReplyFor, signedUrl } from '../callback-request.mjs';
import { assertAllExpected, runLoad } from '../load.mjs';
import { startMachineLoadWindow } from '../machine-load.mjs';
import { loadRegistryUnderTest } from '../package-under-test.mjs';
import { commandsOf } from '../registry-handlers.mjs';
import { startServer } from '../server-process.mjs';
import { median } from '../stats.mjs';
import { verifyReply } from '../verify-reply.mjs';

// A variant's `what` may depend on the package under test: then it is a function of
// `{ routerCommands }` (how many commands the router servers register), resolved by runThroughput.
export const THROUGHPUT_VARIANTS = [
  {
    id: 'node-bare',
    number: 1,
    label: 'bare node:http',
    what: 'reads the body, JSON.parse, filters, replies; no checks',
  },
  {
    id: 'express5-json',
    number: 2,
    label: 'Express 5 + express.json()',
    what: 'hand-written route: express.json(), filter, res.json(); no auth, no validation',
  },
  {
    id: 'express5-ours',
    number: 3,
    label: 'this package, Express 5',
    what: 'Sign + RequestTime check, SdkAppid check, ajv validation, synchronous decide',
  },
  { id: 'node-ours', number: 4, label: 'this package, bare node:http', what: 'the same options as 3, no framework' },
  { id: 'express4-ours', number: 5, label: 'this package, Express 4', what: 'the same options as 3, Express 4' },
  {
    id: 'node-router',
    number: 6,
    label: 'callbackRouter, bare node:http',
    what: ({ routerCommands }) =>
      `the same checks as 4 through callbackRouter, with a handler for each of the ${routerCommands} commands of the registry`,
  },
  {
    id: 'express5-router',
    number: 7,
    label: 'callbackRouter, Express 5',
    what: 'the same as 6, in Express 5',
  },
  {
    id: 'fetch-ours',
    number: 8,
    label: 'this package, fetch handler',
    what: 'the same options as 3 through `fetch(request)`, on node:http via @hono/node-server',
  },
  {
    id: 'node-ours-async',
    number: 9,
    label: 'this package, bare node:http, async decide',
    what: 'the same as 4, but decide returns an already resolved promise',
  },
  {
    id: 'express5-ours-async',
    number: 10,
    label: 'this package, Express 5, async decide',
    what: 'the same as 3, but decide returns an already resolved promise',
  },
  {
    id: 'node-checked',
    number: 11,
    label: 'hand-checked node:http',
    what:
      "4's checks by hand: Sign by timingSafeEqual, RequestTime within 60 s, SdkAppid, 64 KiB body cap, JSON.parse, " +
      "the package's JSON Schema in its own ajv (compiled once), a synchronous decide per subscriber, the same reply",
  },
  {
    id: 'node-checked-async',
    number: 12,
    label: 'hand-checked node:http, async decide',
    what: 'the same as 11, but decide returns an already resolved promise, all awaited together (Promise.all)',
  },
  {
    id: 'node-router-async',
    number: 13,
    label: 'callbackRouter, bare node:http, async decide',
    what: 'the same as 6, but decide returns an already resolved promise',
  },
];

/**
 * The variants of the largest-request case: the three baselines (bare, Express 5, hand-checked)
 * and the two servers of this package they are the baselines of. Not all of them, to keep the
 * run's length reasonable.
 */
const LARGEST_REQUEST_VARIANT_IDS = ['node-bare', 'express5-json', 'express5-ours', 'node-ours', 'node-checked'];

/**
 * The ratios reported, as [key, numerator variant, denominator variant]. A case reports those
 * whose two variants it measured; the largest-request case's keys end in ' @<subscribers>'.
 */
const RATIOS = [
  ['3/2', 'express5-ours', 'express5-json'],
  ['4/1', 'node-ours', 'node-bare'],
  ['5/2', 'express4-ours', 'express5-json'],
  ['6/1', 'node-router', 'node-bare'],
  ['7/2', 'express5-router', 'express5-json'],
  ['8/1', 'fetch-ours', 'node-bare'],
  // The router's own cost over beforeAddSubscriber for the same request: the same engine, so it
  // should be within noise.
  ['6/4', 'node-router', 'node-ours'],
  // An async decide against the same baselines as 4 and 3.
  ['9/1', 'node-ours-async', 'node-bare'],
  ['10/2', 'express5-ours-async', 'express5-json'],
  // The fairer anchor: the same checks and the same reply written by hand on node:http (11, or 12
  // with an async decide), against beforeAddSubscriber (4, 9) and callbackRouter (6, 13).
  ['4/11', 'node-ours', 'node-checked'],
  ['6/11', 'node-router', 'node-checked'],
  ['9/12', 'node-ours-async', 'node-checked-async'],
  ['13/12', 'node-router-async', 'node-checked-async'],
  // What the checks cost by hand: the hand-checked handler over the bare one.
  ['11/1', 'node-checked', 'node-bare'],
];

function cpuMicros(usage) {
  return usage.user + usage.system;
}

async function measureRound(server, body, expected, settings, what) {
  const cpuBefore = await server.ask('cpu');
  const finishMachineWindow = startMachineLoadWindow();
  const ownCpuBefore = process.cpuUsage();
  const roundStartedAt = performance.now();
  const run = await runLoad({
    url: signedUrl(server.port),
    body,
    connections: settings.connections,
    durationSeconds: settings.roundSeconds,
    expectBody: expected,
  });
  const cpuAfter = await server.ask('cpu');
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const machine = finishMachineWindow();
  // The same span as the CPU reading (IPC round trips included), so the busy share is not overstated.
  const wallSeconds = (performance.now() - roundStartedAt) / 1000;
  assertAllExpected(run, what);
  const serverCpu = cpuMicros(cpuAfter) - cpuMicros(cpuBefore);
  return {
    reqPerSec: run.reqPerSec,
    p50Ms: run.latencyMs.p50,
    p99Ms: run.latencyMs.p99,
    requests: run.ok,
    seconds: run.durationSeconds,
    // Server CPU per reply is the overhead itself, whether or not the load generator saturated.
    serverCpuMicrosPerRequest: serverCpu / run.ok,
    // User time is JavaScript (ours, node's, the framework's); system time is mostly the socket writes.
    serverUserMicrosPerRequest: (cpuAfter.user - cpuBefore.user) / run.ok,
    serverSystemMicrosPerRequest: (cpuAfter.system - cpuBefore.system) / run.ok,
    // Below about 0.9 the server was waiting for the load generator, not the other way round.
    serverCpuShare: serverCpu / (wallSeconds * 1e6),
    loadGeneratorCpuShare: (ownCpu.user + ownCpu.system) / (wallSeconds * 1e6),
    // Cores kept busy by anything but this benchmark (kernel network work included): someone
    // else's build or tests on the machine would show here and explain a round that is off.
    otherCores: machine
      ? machine.busyShare * os.cpus().length - (serverCpu + ownCpu.user + ownCpu.system) / (wallSeconds * 1e6)
      : undefined,
  };
}

function ratio(numerator, denominator) {
  return numerator / denominator;
}

/**
 * One case: starts a server for each variant, checks its reply, warms it up, then measures
 * the rounds. `name` prefixes the log lines; `ratioKeySuffix` is appended to its ratio keys.
 */
async function measureCase({ name, variants: caseVariants, settings, ratioKeySuffix }, log) {
  const body = callbackBody(settings.subscribers);
  const expected = expectedReplyFor(settings.subscribers);
  const expectedBytes = JSON.stringify(expected);
  const idWidth = Math.max(...caseVariants.map((variant) => variant.id.length));
  const servers = new Map();
  try {
    for (const variant of caseVariants) servers.set(variant.id, await startServer(variant.id));
    for (const variant of caseVariants) {
      const server = servers.get(variant.id);
      await verifyReply(signedUrl(server.port), body, expected, `${name}: verify ${variant.id}`);
      log(`${name}: ${variant.id} replies 200 with the expected body; warming up ${settings.warmupSeconds} s`);
      const warmup = await runLoad({
        url: signedUrl(server.port),
        body,
        connections: settings.connections,
        durationSeconds: settings.warmupSeconds,
        expectBody: expectedBytes,
      });
      assertAllExpected(warmup, `${name}: warm-up ${variant.id}`);
    }

    const rounds = new Map(caseVariants.map((variant) => [variant.id, []]));
    for (let round = 0; round < settings.rounds; round += 1) {
      const order = caseVariants.map((_, i) => caseVariants[(i + round) % caseVariants.length]);
      for (const variant of order) {
        const result = await measureRound(
          servers.get(variant.id),
          body,
          expectedBytes,
          settings,
          `${name}: round ${round + 1} ${variant.id}`,
        );
        rounds.get(variant.id).push({ round: round + 1, ...result });
        log(
          `${name}: round ${round + 1}/${settings.rounds} ${variant.id.padEnd(idWidth)} ` +
            `${result.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  ` +
            `p99 ${result.p99Ms.toFixed(2)} ms  server CPU ${result.serverCpuMicrosPerRequest.toFixed(1)} µs/req  ` +
            `busy: server ${(result.serverCpuShare * 100).toFixed(0)} %, load generator ${(result.loadGeneratorCpuShare * 100).toFixed(0)} %, ` +
            `others ${result.otherCores === undefined ? '?' : (result.otherCores * 100).toFixed(0)} % of a core`,
        );
      }
    }

    const variants = [];
    for (const variant of caseVariants) {
      const perRound = rounds.get(variant.id);
      const logged = await servers.get(variant.id).ask('log');
      variants.push({
        ...variant,
        median: {
          reqPerSec: median(perRound.map((r) => r.reqPerSec)),
          p50Ms: median(perRound.map((r) => r.p50Ms)),
          p99Ms: median(perRound.map((r) => r.p99Ms)),
          serverCpuMicrosPerRequest: median(perRound.map((r) => r.serverCpuMicrosPerRequest)),
          serverUserMicrosPerRequest: median(perRound.map((r) => r.serverUserMicrosPerRequest)),
          serverSystemMicrosPerRequest: median(perRound.map((r) => r.serverSystemMicrosPerRequest)),
          serverCpuShare: median(perRound.map((r) => r.serverCpuShare)),
        },
        rounds: perRound,
        loggedByMiddleware: logged,
      });
    }
    const byId = Object.fromEntries(variants.map((v) => [v.id, v]));
    // Paired per round as well: each pair ran back to back, so drift between rounds cancels.
    const pairedRatio = (a, b) => median(byId[a].rounds.map((r, i) => ratio(r.reqPerSec, byId[b].rounds[i].reqPerSec)));
    const cpuRatio = (a, b) =>
      ratio(byId[b].median.serverCpuMicrosPerRequest, byId[a].median.serverCpuMicrosPerRequest);
    return {
      subscribers: settings.subscribers,
      connections: settings.connections,
      rounds: settings.rounds,
      roundSeconds: settings.roundSeconds,
      warmupSeconds: settings.warmupSeconds,
      requestBodyBytes: Buffer.byteLength(body),
      variants,
      ratios: Object.fromEntries(
        RATIOS.filter(([, numerator, denominator]) => numerator in byId && denominator in byId).map(
          ([key, numerator, denominator]) => [
            `${key}${ratioKeySuffix}`,
            {
              numerator,
              denominator,
              reqPerSec: ratio(byId[numerator].median.reqPerSec, byId[denominator].median.reqPerSec),
              pairedPerRound: pairedRatio(numerator, denominator),
              serverCpu: cpuRatio(numerator, denominator),
            },
          ],
        ),
      ),
    };
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
}

/**
 * The usual request's figures at the top level (where bench/goals.mjs reads `ratios['4/1']`),
 * the largest request's in `largestRequest`, in the same shape. `routerCommands` is how many
 * commands servers 6 and 7 register a handler for: every command of the registry.
 */
export async function runThroughput(settings, log) {
  const { largestRequest, ...usual } = settings;
  const routerCommands = commandsOf(loadRegistryUnderTest()).length;
  const variants = THROUGHPUT_VARIANTS.map((variant) => ({
    ...variant,
    what: typeof variant.what === 'function' ? variant.what({ routerCommands }) : variant.what,
  }));
  log(`throughput: the router servers register a handler for each of the ${routerCommands} commands of the registry`);
  const usualCase = await measureCase({ name: 'throughput', variants, settings: usual, ratioKeySuffix: '' }, log);
  const largestCase = await measureCase(
    {
      name: `throughput @${largestRequest.subscribers}`,
      variants: LARGEST_REQUEST_VARIANT_IDS.map((id) => variants.find((variant) => variant.id === id)),
      settings: { ...usual, ...largestRequest },
      ratioKeySuffix: ` @${largestRequest.subscribers}`,
    },
    log,
  );
  return { routerCommands, ...usualCase, largestRequest: largestCase };
}
