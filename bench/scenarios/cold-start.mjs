// Part 6: cold start, what a serverless function (Tencent SCF, Lambda) pays on every new instance.
// Each run is a fresh `node` process (bench/cold-start-process.mjs) that times exactly its work
// with performance.now(): require('express'), or requiring this package and creating
// callbackRouter with a handler for every command of its registry, or for the Official Account
// family only (what the router had before the registry). The parent also times the whole process
// from outside (spawn to exit: node's own start-up, loading the script, the work, the exit).
// Runs alternate between the cases in a rotating order, so drift in the machine's speed hits all.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadRegistryUnderTest, packageEntryUnderTest } from '../package-under-test.mjs';
import { OFFICIAL_ACCOUNT_FAMILY, commandsOf, commandsOfFamily } from '../registry-handlers.mjs';
import { median } from '../stats.mjs';

const processScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cold-start-process.mjs');
const PROCESS_TIMEOUT_MS = 60_000;
// What a process reports (requireMs and createMs only for the router's cases).
const TIMINGS = ['startedAtMs', 'workMs', 'requireMs', 'createMs'];

/** Runs one fresh process for `job`; returns its own timings and the wall time seen from here. */
function runOnce(job, what) {
  const startedAt = performance.now();
  const child = spawnSync(process.execPath, [processScript, JSON.stringify(job)], {
    encoding: 'utf8',
    timeout: PROCESS_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wallMs = performance.now() - startedAt;
  if (child.error) throw new Error(`${what}: ${child.error.message}`);
  if (child.status !== 0) {
    throw new Error(`${what}: exited with ${child.status ?? child.signal}: ${child.stderr.slice(0, 2000)}`);
  }
  let reported;
  try {
    reported = JSON.parse(child.stdout);
  } catch {
    throw new Error(`${what}: printed ${JSON.stringify(child.stdout.slice(0, 300))}, not its timings`);
  }
  if (reported.logged.length > 0) {
    throw new Error(`${what}: the package logged while the router was created: ${reported.logged.join('; ')}`);
  }
  // startedAtMs: from the process's start to the work's (node's start-up and loading the script).
  const timings = TIMINGS.filter((key) => key in reported).map((key) => [key, reported[key]]);
  return { ...Object.fromEntries(timings), wallMs };
}

function spread(values) {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values) };
}

/** min, median and max of each timing the case's processes reported. */
function summarizeRuns(runs) {
  const keys = [...TIMINGS, 'wallMs'].filter((key) => key in runs[0]);
  return Object.fromEntries(keys.map((key) => [key, spread(runs.map((run) => run[key]))]));
}

export async function runColdStart(settings, log) {
  const commands = commandsOf(loadRegistryUnderTest());
  const officialAccount = commandsOfFamily(commands, OFFICIAL_ACCOUNT_FAMILY);
  if (officialAccount.length === 0) throw new Error(`bench: the registry has no ${OFFICIAL_ACCOUNT_FAMILY} commands`);
  const packageEntry = packageEntryUnderTest();
  const cases = [
    { id: 'express', label: "require('express')", job: { work: 'express' } },
    {
      id: 'all',
      label: `this package + callbackRouter, ${commands.length} handlers (every command)`,
      handlers: commands.length,
      job: { work: 'router', packageEntry, commands },
    },
    {
      id: 'officialAccount',
      label: `this package + callbackRouter, ${officialAccount.length} handlers (the Official Account family)`,
      handlers: officialAccount.length,
      job: { work: 'router', packageEntry, commands: officialAccount },
    },
  ];

  // Uncounted runs first: they bring the files into the OS's cache, as on any instance but the very first.
  for (let run = 0; run < settings.warmupRuns; run += 1) {
    for (const each of cases) runOnce(each.job, `cold start warm-up ${each.id}`);
  }
  const runs = new Map(cases.map((each) => [each.id, []]));
  for (let round = 0; round < settings.runs; round += 1) {
    const order = cases.map((_, i) => cases[(i + round) % cases.length]);
    for (const each of order) {
      runs.get(each.id).push({ round: round + 1, ...runOnce(each.job, `cold start run ${round + 1} ${each.id}`) });
    }
    const last = Object.fromEntries(cases.map((each) => [each.id, runs.get(each.id).at(-1)]));
    log(
      `coldstart: run ${round + 1}/${settings.runs}  ` +
        cases.map((each) => `${each.id} ${last[each.id].workMs.toFixed(1)} ms`).join(', ') +
        ` (work inside the process; whole process ${cases.map((each) => last[each.id].wallMs.toFixed(0)).join('/')} ms)`,
    );
    // Between rounds of synchronous spawns, lets the event loop run its timers (the run's watchdog).
    await new Promise((resolve) => setImmediate(resolve));
  }

  const summaries = Object.fromEntries(cases.map((each) => [each.id, summarizeRuns(runs.get(each.id))]));
  const medianOf = (id, key) => summaries[id][key].median;
  const pairedPerRound = (a, b) => median(runs.get(a).map((run, index) => run.workMs / runs.get(b)[index].workMs));
  const over = (a, b) => ({
    work: medianOf(a, 'workMs') / medianOf(b, 'workMs'),
    workPairedPerRound: pairedPerRound(a, b),
    wall: medianOf(a, 'wallMs') / medianOf(b, 'wallMs'),
  });
  const extraCommands = commands.length - officialAccount.length;
  const result = {
    runs: settings.runs,
    warmupRuns: settings.warmupRuns,
    // The processes inherit this process's CPU affinity: with pinning on, the load generator's one core.
    coresAvailable: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    commands: { all: commands.length, officialAccount: officialAccount.length },
    cases: cases.map(({ id, label, handlers }) => ({
      id,
      label,
      handlers,
      ...summaries[id],
      runs: runs.get(id),
    })),
    ratios: {
      allOverExpress: over('all', 'express'),
      officialAccountOverExpress: over('officialAccount', 'express'),
      allOverOfficialAccount: {
        ...over('all', 'officialAccount'),
        create: medianOf('all', 'createMs') / medianOf('officialAccount', 'createMs'),
      },
    },
    // What each command beyond the Official Account family adds to creating the router.
    createMsPerExtraCommand:
      extraCommands > 0
        ? (medianOf('all', 'createMs') - medianOf('officialAccount', 'createMs')) / extraCommands
        : undefined,
  };
  log(
    `coldstart: medians: express ${medianOf('express', 'workMs').toFixed(1)} ms, ` +
      `${commands.length} handlers ${medianOf('all', 'workMs').toFixed(1)} ms ` +
      `(require ${medianOf('all', 'requireMs').toFixed(1)} + create ${medianOf('all', 'createMs').toFixed(1)}), ` +
      `${officialAccount.length} handlers ${medianOf('officialAccount', 'workMs').toFixed(1)} ms ` +
      `(create ${medianOf('officialAccount', 'createMs').toFixed(1)}); ours/express ${result.ratios.allOverExpress.work.toFixed(2)}`,
  );
  return result;
}
