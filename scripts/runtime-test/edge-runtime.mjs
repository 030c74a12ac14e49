// Runs code in Vercel's edge-runtime (its EdgeRuntime class: the globals of Vercel's edge, code
// generation from strings refused), started by test-runtimes.mjs as
//   node --experimental-vm-modules edge-runtime.mjs <job.json>
// with the job's result as JSON on stdout.
//
// No bundle is made: the packed ES build's own files are loaded as modules into the runtime's
// context with node:vm's SourceTextModule (hence the flag), linked the way a bundler would link
// them: relative specifiers by path, the package's name to its `import` entry, anything else (a
// node: module, another package) refused, as Vercel's edge bundle refuses it. Where a bundler
// would merge the files, this runs each as written, so a failure names the file it comes from.
//
// Jobs: { mode: 'scenario', packageEntry, scenario } runs the shared scenario inside a fetch event;
// { mode: 'handler', packageEntry, module, call, env, withoutResponseJson, requests } loads a
// recipe's module and answers each request with it: `call` is 'POST' (a Next.js route handler,
// `env` given as `process.env`, which Next.js provides on the edge) or 'onRequest' (an EdgeOne
// Pages function, `env` given in its `{ request, env, params, waitUntil }`; no `process`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { EdgeRuntime } from 'edge-runtime';

const PACKAGE = 'express-tencent-chat-webhook';
const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const version = createRequire(import.meta.url)('edge-runtime/package.json').version;

const runtime = new EdgeRuntime({
  extend: (context) => (job.call === 'POST' ? Object.assign(context, { process: { env: job.env } }) : context),
});
if (job.withoutResponseJson) {
  // EdgeOne's Edge Functions have no Response.json(): any use of it fails here too.
  delete runtime.context.Response.json;
}

const modules = new Map();

function resolve(specifier, referrer) {
  if (specifier === PACKAGE) return job.packageEntry;
  if (specifier.startsWith('./') || specifier.startsWith('../')) return path.resolve(path.dirname(referrer), specifier);
  throw new Error(`${referrer} imports ${specifier}, which an edge bundle cannot resolve`);
}

function load(file, source = readFileSync(file, 'utf8')) {
  let module = modules.get(file);
  if (module === undefined) {
    module = new vm.SourceTextModule(source, { identifier: file, context: runtime.context });
    modules.set(file, module);
  }
  return module;
}

/** Links and evaluates a module in the runtime's context; resolves to its namespace. */
async function evaluate(file, source) {
  const module = load(file, source);
  await module.link((specifier, referrer) => load(resolve(specifier, referrer.identifier)));
  await module.evaluate();
  return module.namespace;
}

async function runScenario() {
  // The scenario runs inside a fetch event, as a deployed function's code does.
  const entry = [
    `import * as pkg from '${PACKAGE}';`,
    `import { runScenario } from ${JSON.stringify(`./${path.basename(job.scenario)}`)};`,
    'addEventListener("fetch", (event) =>',
    '  event.respondWith(runScenario(pkg).then((result) => new Response(JSON.stringify(result)))),',
    ');',
  ].join('\n');
  await evaluate(path.join(path.dirname(job.scenario), 'edge-entry.mjs'), entry);
  const response = await runtime.dispatchFetch('https://callbacks.example.com/run');
  return JSON.parse(await response.text());
}

async function runHandler() {
  const namespace = await evaluate(job.module);
  const handler = namespace[job.call];
  if (typeof handler !== 'function') throw new Error(`${job.module} exports no ${job.call} function`);
  const answers = [];
  for (const { method, url, body } of job.requests) {
    const request = new runtime.context.Request(url, { method, body });
    const response =
      job.call === 'onRequest'
        ? await handler({ request, env: job.env, params: {}, waitUntil: () => undefined })
        : await handler(request);
    answers.push({ status: response.status, body: await response.text() });
  }
  return { answers };
}

try {
  const result = job.mode === 'scenario' ? await runScenario() : await runHandler();
  process.stdout.write(JSON.stringify({ version, ...result }));
} catch (error) {
  process.stdout.write(JSON.stringify({ version, error: String(error?.stack ?? error) }));
}
