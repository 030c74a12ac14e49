// `npm run bench`: measures this package against hand-written handlers, its scaling with slow
// decisions, its deadline precision, its memory over many requests, its cold start against
// require('express') and what each second code path saves, then writes bench/results.json and
// BENCHMARKS.md. See BENCHMARKS.md for what each figure means.
//
// Environment: BENCH_QUICK=1 for a smoke run; BENCH_SECTIONS=throughput,scaling,deadline,memory,profile,coldstart,secondpaths
// to run only some parts; BENCH_PACKAGE_DIR to measure a given copy of dist/ (by default the
// current dist/ is copied aside first); BENCH_SERVER_FLAGS for node flags of the servers only;
// BENCH_PIN=0 to leave the processes unpinned (see cpu-pinning.mjs).
// Smoke and partial runs write to bench/.bench-tmp/ so the published figures stay whole.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { planPinning, pinProcess } from './cpu-pinning.mjs';
import { formatMarkdown } from './format-markdown.mjs';
import { judgeGoals, measuredText } from './goals.mjs';
import { startMachineLoadWindow } from './machine-load.mjs';
import { describeMachine } from './machine.mjs';
import { removeSnapshot, repoDir, scratchDir, snapshotDist } from './package-snapshot.mjs';
import { renderBenchmarksMarkdown } from './report-markdown.mjs';
import { runColdStart } from './scenarios/cold-start.mjs';
import { runDeadline } from './scenarios/deadline.mjs';
import { runMemory } from './scenarios/memory.mjs';
import { runProfile } from './scenarios/profile.mjs';
import { runScaling } from './scenarios/scaling.mjs';
import { runSecondPaths } from './scenarios/second-paths.mjs';
import { runThroughput } from './scenarios/throughput.mjs';
import { killAllServersNow, pinServersTo, stopAllServers } from './server-process.mjs';
import { benchSettings } from './settings.mjs';

const SECTIONS = {
  throughput: runThroughput,
  scaling: runScaling,
  deadline: runDeadline,
  memory: runMemory,
  profile: runProfile,
  coldstart: runColdStart,
  secondpaths: runSecondPaths,
};

const startedAt = performance.now();
function log(line) {
  console.log(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}`);
}

function chosenSections(env) {
  if (!env.BENCH_SECTIONS) return Object.keys(SECTIONS);
  const chosen = env.BENCH_SECTIONS.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = chosen.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0)
    throw new Error(`BENCH_SECTIONS: unknown ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  return chosen;
}

function commandLine(env) {
  const prefix = ['BENCH_QUICK', 'BENCH_SECTIONS', 'BENCH_PACKAGE_DIR', 'BENCH_SERVER_FLAGS', 'BENCH_PIN']
    .filter((name) => env[name])
    .map((name) => `${name}=${/^[\w./,:=-]+$/.test(env[name]) ? env[name] : `'${env[name]}'`}`);
  const command = env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'node bench/run.mjs';
  return [...prefix, command].join(' ');
}

let snapshotDir;

function cleanUpNow() {
  killAllServersNow();
  removeSnapshot(snapshotDir);
}

// Servers must never outlive the run, however it ends.
process.on('exit', cleanUpNow);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`bench: ${signal}, stopping servers`);
    process.exit(130);
  });
}

async function main() {
  const settings = benchSettings();
  const sections = chosenSections(process.env);
  const publish = !settings.quick && sections.length === Object.keys(SECTIONS).length;
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${settings.watchdogSeconds} s; giving up`);
    process.exit(1);
  }, settings.watchdogSeconds * 1000);
  watchdog.unref();

  const command = commandLine(process.env);
  const pinning = planPinning();
  if (pinning) {
    pinProcess(process.pid, pinning.loadGeneratorCore);
    pinServersTo(pinning.serverCore);
    log(`load generator pinned to core ${pinning.loadGeneratorCore}, servers to core ${pinning.serverCore}`);
  }
  if (!process.env.BENCH_PACKAGE_DIR) {
    snapshotDir = await snapshotDist();
    process.env.BENCH_PACKAGE_DIR = snapshotDir;
  }
  log(
    `measuring the build in ${path.relative(repoDir, process.env.BENCH_PACKAGE_DIR) || process.env.BENCH_PACKAGE_DIR}`,
  );

  const results = {
    meta: {
      date: new Date().toISOString(),
      command,
      quick: settings.quick,
      sections,
      published: publish,
      pinning: pinning ?? 'off',
      machine: describeMachine(),
      settings,
    },
  };
  for (const name of sections) {
    log(`${name}: starting`);
    const finishLoadWindow = startMachineLoadWindow();
    results[name] = await SECTIONS[name](settings[name], log);
    results[name].machineCpu = finishLoadWindow();
  }
  results.goals = judgeGoals(results);
  results.meta.durationSeconds = Math.round((performance.now() - startedAt) / 1000);

  const outputDir = publish ? repoDir : scratchDir;
  const jsonPath = publish ? path.join(repoDir, 'bench', 'results.json') : path.join(scratchDir, 'results.json');
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  const markdownPath = path.join(outputDir, 'BENCHMARKS.md');
  const markdown = renderBenchmarksMarkdown(results, path.relative(outputDir, jsonPath));
  writeFileSync(markdownPath, await formatMarkdown(markdown, markdownPath));
  log(`wrote ${path.relative(repoDir, jsonPath)} and ${path.relative(repoDir, markdownPath)}`);
  for (const goal of results.goals) {
    const verdict = goal.met === undefined ? 'not measured' : goal.met ? 'met' : 'NOT MET';
    log(`goal ${goal.id}: ${measuredText(goal)} (target ${goal.target}): ${verdict}`);
  }
}

try {
  await main();
  await stopAllServers();
  removeSnapshot(snapshotDir);
} catch (error) {
  console.error('bench: failed:', error);
  await stopAllServers().catch(() => {});
  process.exitCode = 1;
}
