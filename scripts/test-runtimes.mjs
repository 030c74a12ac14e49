// npm run test:runtimes: the packed package in the runtimes Tencent Chat backends deploy to, each
// installed from the npm registry as a dev dependency: Bun, Deno, Cloudflare's workerd (through
// Miniflare) and Vercel's edge-runtime.
//
// 1. Packs the package as publishing would (scripts/runtime-test/pack.mjs: prepack builds dist/)
//    and unpacks the tarball as node_modules/express-tencent-chat-webhook of a scratch app.
// 2. Runs one scenario, scripts/runtime-test/scenario.mjs, in every runtime against the ES build:
//    a signed callback of each kind answered exactly, a forged Sign 401, a body failing its schema
//    refused in a 200, a non-callback request passed on, the router made inside fetch. Bun imports
//    the package by name from node_modules; Deno through an import map to the ES build (no npm, no
//    permissions); workerd as a Worker with no compatibility flag and the date 2023-01-01, and
//    with nodejs_compat on an older and on the newest date; edge-runtime inside a fetch event.
//    Where the platform refuses code generation from strings (workerd in a request, edge-runtime),
//    the scenario also checks that it was refused while the router was made and ran.
// 3. Runs the runtime-specific recipes of docs/recipes/ there, their code taken from the pages:
//    cloudflare-workers.md in the same three Workers, deno.md and bun.md as servers answering HTTP
//    (deno.md with the permissions its command line grants), vercel-edge.md, nextjs.md and the
//    Edge Function of edgeone-pages.md in edge-runtime (for EdgeOne: no Response.json, no process).
//
// How workerd and edge-runtime get the multi-file ES build, without a bundler: Miniflare follows
// the build's relative imports itself (`modules: true`, .js files declared ES modules, as the
// build's own package.json says), so each file is a module of the Worker as written; edge-runtime
// evaluates scripts, not modules, so edge-runtime.mjs loads the files as modules into its context
// with node:vm's SourceTextModule and a linker that resolves only relative specifiers and the
// package's name. No bundle is written, so nothing of a bundler's making can hide or cause a
// failure, and a failure names the file it comes from.
//
// Prints one line per runtime and case; exits non-zero on any failure.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packSource, unpackInto } from './runtime-test/pack.mjs';
import {
  PACKAGE,
  RECIPE_ENV,
  answer,
  blocksOf,
  codeOf,
  compare,
  compile,
  recipeRequests,
} from './runtime-test/recipes.mjs';
import {
  bunExecutable,
  childEnv,
  denoExecutable,
  freePort,
  lastJsonLine,
  runEdgeJob,
  runToEnd,
  startServer,
} from './runtime-test/runtimes.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const versionOf = (name) => require(`${name}/package.json`).version;
const started = performance.now();
const workDir = mkdtempSync(path.join(tmpdir(), 'tencent-webhook-runtimes-'));
const app = path.join(workDir, 'app');
const ORIGIN = 'https://callbacks.example.com';
/** What the recipes that take C2C messages answer; nextjs.md takes Official Account messages. */
const C2C = { command: 'C2C.CallbackBeforeSendMsg', notFound: 'Not Found' };

const BUN = `bun ${versionOf('@oven/bun-linux-x64')}`;
const DENO = `deno ${versionOf('deno')}`;
const EDGE = `edge-runtime ${versionOf('edge-runtime')}`;
const WORKERD = `workerd ${versionOf('miniflare').split('.')[1]}`;

/** Every group of results: `{ label, seconds, results: [{ name, ok, detail }] }`. */
const groups = [];

/** Runs one group's work; a throw becomes one failed result, so one runtime cannot hide the others. */
async function group(label, work) {
  const entry = { label, results: [] };
  groups.push(entry);
  const begun = performance.now();
  try {
    entry.results = await work();
  } catch (error) {
    entry.results = [{ name: 'runs', ok: false, detail: String(error?.stack ?? error) }];
  }
  entry.seconds = (performance.now() - begun) / 1000;
}

/** The scenario's results, plus whether code generation was refused where the platform refuses it. */
function scenarioResults(result, mustRefuseCodeGeneration) {
  if (result.error !== undefined) return [{ name: 'runs', ok: false, detail: result.error }];
  const results = [...result.results];
  if (mustRefuseCodeGeneration) {
    results.push({
      name: 'code generation from strings refused here, as on the platform',
      ok: result.codeGeneration === 'refused',
      detail: `new Function was ${result.codeGeneration}`,
    });
  }
  return results;
}

/** Writes a file of the scratch app; returns its path. */
function writeAppFile(file, text) {
  const target = path.join(app, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  return target;
}

/** Bun and Deno run the scenario from entry.mjs, printing its result. */
function scenarioInProcess(label, command, args) {
  return group(label, async () =>
    scenarioResults(lastJsonLine(await runToEnd(command, args, { cwd: app, env: childEnv(workDir) })), false),
  );
}

/** A recipe that starts a server (bun.md, deno.md), answering HTTP on a free port. */
function serverRecipe(label, buildCallback, recipe, command, args) {
  return group(label, async () => {
    const file = writeAppFile(`recipes/${recipe.replace(/\.md$/, '')}/server.ts`, codeOf(recipe, 'ts'));
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = childEnv(workDir, { ...RECIPE_ENV, PORT: String(port) });
    const server = await startServer(command, args, { cwd: path.dirname(file), env }, origin);
    try {
      const requests = recipeRequests({ buildCallback, origin, ...C2C, withPath: true });
      return compare(requests, await answer(requests, ({ url, method, body }) => fetch(url, { method, body })));
    } finally {
      await server.stop();
    }
  });
}

/** deno.md's command line as the page writes it, with the test's flags for reaching no registry. */
function denoRecipeArgs(denoTestFlags) {
  const [command] = blocksOf('deno.md', 'bash');
  const [program, subcommand, ...args] = command.trim().split(/\s+/);
  if (program !== 'deno' || subcommand !== 'run' || args.at(-1) !== 'server.ts') {
    throw new Error(`deno.md: unexpected command line ${command}`);
  }
  return ['run', ...denoTestFlags, ...args];
}

/**
 * workerd: one Miniflare (one workerd process) with, for each configuration, a Worker running the
 * scenario and a Worker made of cloudflare-workers.md. No configuration gives the package a flag it
 * would need: the first sets none at all, on an old date.
 */
async function workerdGroups(buildCallback) {
  const { Miniflare, supportedCompatibilityDate } = await import('miniflare');
  const recipe = writeAppFile(
    'recipes/cloudflare-workers.mjs',
    compile(codeOf('cloudflare-workers.md', 'ts'), `../node_modules/${PACKAGE}/dist/esm/index.js`),
  );
  const configurations = [
    { compatibilityDate: '2023-01-01', compatibilityFlags: [] },
    { compatibilityDate: '2025-01-01', compatibilityFlags: ['nodejs_compat'] },
    { compatibilityDate: supportedCompatibilityDate, compatibilityFlags: ['nodejs_compat'] },
  ];
  const modules = {
    modules: true,
    modulesRoot: app,
    // The ES build's .js files are ES modules: its dist/esm/package.json says so, and Miniflare reads none.
    modulesRules: [{ type: 'ESModule', include: ['**/*.js', '**/*.mjs'] }],
  };
  let mf;
  const ready = (async () => {
    mf = new Miniflare({
      workers: configurations.flatMap((configuration, index) => [
        { name: `scenario-${index}`, scriptPath: path.join(app, 'worker-scenario.mjs'), ...modules, ...configuration },
        { name: `recipe-${index}`, scriptPath: recipe, bindings: RECIPE_ENV, ...modules, ...configuration },
      ]),
    });
    await mf.ready;
  })();
  try {
    await Promise.all(
      configurations.flatMap(({ compatibilityDate, compatibilityFlags }, index) => {
        const label = `${WORKERD} · ${compatibilityFlags.join(',') || 'no flags'}, ${compatibilityDate}`;
        return [
          group(`${label} · scenario`, async () => {
            await ready;
            const worker = await mf.getWorker(`scenario-${index}`);
            const response = await worker.fetch(`${ORIGIN}/run`);
            return scenarioResults(JSON.parse(await response.text()), true);
          }),
          group(`${label} · cloudflare-workers.md`, async () => {
            await ready;
            const worker = await mf.getWorker(`recipe-${index}`);
            const requests = recipeRequests({ buildCallback, origin: ORIGIN, ...C2C, withPath: true });
            const send = ({ url, method, body }) => worker.fetch(url, { method, body });
            return compare(requests, await answer(requests, send));
          }),
        ];
      }),
    );
  } finally {
    await ready.catch(() => undefined);
    await mf?.dispose();
  }
}

/** A recipe's handler in edge-runtime, answering the recipe's requests. */
function edgeRecipe(buildCallback, packageEntry, { recipe, language, call, command, notFound, withoutResponseJson }) {
  return group(`${EDGE} · ${recipe}`, async () => {
    const module = writeAppFile(`recipes/${recipe.replace(/\.md$/, '.mjs')}`, compile(codeOf(recipe, language)));
    const requests = recipeRequests({ buildCallback, origin: ORIGIN, command, notFound, withPath: false });
    const result = await runEdgeJob(workDir, recipe, {
      mode: 'handler',
      packageEntry,
      module,
      call,
      env: RECIPE_ENV,
      withoutResponseJson,
      requests: requests.map(({ method, url, body }) => ({ method, url, body })),
    });
    if (result.error !== undefined) return [{ name: 'runs', ok: false, detail: result.error }];
    return compare(requests, result.answers);
  });
}

async function main() {
  const tarball = await packSource(root, workDir);
  const packageDir = await unpackInto(tarball, app, PACKAGE);
  const packageEntry = path.join(packageDir, 'dist', 'esm', 'index.js');
  console.log(`packed ${path.basename(tarball)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  for (const file of ['scenario.mjs', 'entry.mjs']) {
    copyFileSync(path.join(import.meta.dirname, 'runtime-test', file), path.join(app, file));
  }
  writeAppFile(
    'worker-scenario.mjs',
    [
      `import * as pkg from './node_modules/${PACKAGE}/dist/esm/index.js';`,
      "import { runScenario } from './scenario.mjs';",
      '',
      'export default { fetch: async () => new Response(JSON.stringify(await runScenario(pkg))) };',
      '',
    ].join('\n'),
  );
  const importMap = writeAppFile(
    'import_map.json',
    JSON.stringify({ imports: { [PACKAGE]: `./node_modules/${PACKAGE}/dist/esm/index.js` } }),
  );
  // The recipes' requests are built with the packed package's own testing helper.
  const { buildCallback } = await import(pathToFileURL(path.join(packageDir, 'dist', 'esm', 'testing.js')).href);

  const bun = bunExecutable();
  const deno = denoExecutable();
  const denoTestFlags = ['--no-config', '--no-npm', '--no-remote', '--no-lock', `--import-map=${importMap}`];

  await Promise.all([
    scenarioInProcess(`${BUN} · scenario`, bun, ['--no-install', 'entry.mjs']),
    scenarioInProcess(`${DENO} · scenario, no permissions`, deno, ['run', ...denoTestFlags, 'entry.mjs']),
    serverRecipe(`${BUN} · bun.md`, buildCallback, 'bun.md', bun, ['--no-install', 'run', 'server.ts']),
    serverRecipe(`${DENO} · deno.md`, buildCallback, 'deno.md', deno, denoRecipeArgs(denoTestFlags)),
    workerdGroups(buildCallback),
    group(`${EDGE} · scenario, in a fetch event`, async () =>
      scenarioResults(
        await runEdgeJob(workDir, 'scenario', {
          mode: 'scenario',
          packageEntry,
          scenario: path.join(app, 'scenario.mjs'),
        }),
        true,
      ),
    ),
    ...[
      { recipe: 'vercel-edge.md', language: 'ts', call: 'POST', ...C2C, withoutResponseJson: false },
      {
        recipe: 'nextjs.md',
        language: 'ts',
        call: 'POST',
        command: 'OfficialAccount.CallbackBeforeSendMsg',
        notFound: '{"error":"not a Tencent Cloud Chat callback"}',
        withoutResponseJson: false,
      },
      { recipe: 'edgeone-pages.md', language: 'js', call: 'onRequest', ...C2C, withoutResponseJson: true },
    ].map((recipe) => edgeRecipe(buildCallback, packageEntry, recipe)),
  ]);
}

try {
  await main();
} catch (error) {
  groups.push({
    label: 'runtime tier',
    results: [{ name: 'set up', ok: false, detail: String(error?.stack ?? error) }],
  });
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const width = Math.max(...groups.map(({ label }) => label.length));
let passed = 0;
let failed = 0;
// By label, so that the order does not depend on which runtime finished first.
for (const { label, results, seconds } of groups.toSorted((a, b) => a.label.localeCompare(b.label))) {
  for (const { name, ok, detail } of results) {
    if (ok) passed += 1;
    else failed += 1;
    const failure = ok ? '' : `\n    ${detail.replaceAll('\n', '\n    ')}`;
    console.log(`${label.padEnd(width)}  ${ok ? 'ok  ' : 'FAIL'}  ${name}${failure}`);
  }
  if (seconds !== undefined) console.log(`${label.padEnd(width)}        ${seconds.toFixed(1)} s`);
}
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(`runtime tier: ${passed} passed, ${failed} failed, in ${total} s`);
if (failed > 0 || passed === 0) process.exitCode = 1;
