// The recipes' code, checked as written on the page:
// - each TypeScript block of docs/recipes/ whose framework is a dev dependency here, or whose
//   runtime's globals are declared below, type-checks with strict settings against the package;
// - the recipes whose handler is a function of a web Request (Next.js, Vercel's edge, Cloudflare
//   Workers, both EdgeOne Pages functions) run in Node, importing the package's source, and answer
//   a signed callback, a forged one and requests that are not callbacks exactly.
// The runtime tier (npm run test:runtimes, scripts/test-runtimes.mjs) runs the runtime-specific
// ones in their runtimes, against the packed package: Workers in workerd, deno.md in Deno, bun.md
// in Bun, the edge ones in Vercel's edge-runtime. NestJS, Egg and Midway run in
// __tests__/frameworks/, whose tests check their recipes against fixture apps.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { buildCallback } from '../lib/testing';

const RECIPES = path.resolve(__dirname, '../docs/recipes');
const LIB_INDEX = path.resolve(__dirname, '../lib/index.js');
/** The same, as jest resolves it: to the TypeScript source. */
const LIB_SOURCE = path.resolve(__dirname, '../lib/index');
const PACKAGE_IMPORT = "from 'express-tencent-chat-webhook'";

/** The fenced blocks of one language in a recipe, in order. */
function blocksOf(recipe: string, language: string): string[] {
  const text = readFileSync(path.join(RECIPES, recipe), 'utf8');
  return [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1] ?? '');
}

/**
 * The part of a runtime's API a recipe uses, declared as the runtime declares it, for the recipes
 * whose runtime's types are not installed here (Deno's and Bun's own types ship with them).
 */
const RUNTIME_GLOBALS: Partial<Record<string, string>> = {
  'deno.md': [
    'declare const Deno: {',
    '  env: { get(key: string): string | undefined };',
    '  serve(options: { port?: number }, handler: (request: Request) => Response | Promise<Response>): unknown;',
    '};',
  ].join('\n'),
  'bun.md': [
    'declare const Bun: {',
    '  serve(options: { port?: number; fetch(request: Request): Response | Promise<Response> }): unknown;',
    '};',
  ].join('\n'),
};

/**
 * The compiler's errors for modules with these sources (by name), importing the package's source,
 * all checked in one program: creating a program is most of the cost.
 */
function typeErrorsOfAll(sources: Record<string, string>): Record<string, string[]> {
  const files = new Map(
    Object.entries(sources).map(([name, source], index) => [
      path.resolve(__dirname, `types/__recipe_${index}__.mts`),
      { name, code: source.replaceAll(PACKAGE_IMPORT, `from ${JSON.stringify(LIB_INDEX)}`) },
    ]),
  );
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => files.get(path.resolve(file))?.code ?? readFile(file);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => files.has(path.resolve(file)) || fileExists(file);
  const program = ts.createProgram([...files.keys()], options, host);
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(sources).map((name) => [name, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file && files.get(path.resolve(diagnostic.file.fileName));
    if (file) errors[file.name]?.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
  return errors;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'tencent-webhook-recipes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let loaded = 0;

/**
 * Loads a recipe's code as a module, compiled to CommonJS with the package's name pointing at its
 * source, with `env` in `process.env` while it loads (where the recipes that make their router at
 * start-up read it).
 */
function loadRecipe(code: string, env: Record<string, string>): Record<string, unknown> {
  const { outputText } = ts.transpileModule(code.replaceAll(PACKAGE_IMPORT, `from ${JSON.stringify(LIB_SOURCE)}`), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  // Each load a file of its own, so each gets a module (and a router) of its own.
  const file = path.join(scratch, `recipe-${++loaded}.js`);
  writeFileSync(file, outputText);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return jest.requireActual<Record<string, unknown>>(file);
  } finally {
    for (const name of Object.keys(env)) {
      if (saved[name] === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = saved[name];
    }
  }
}

const ENV = { IM_CALLBACK_TOKEN: 'recipe-token', IM_SDKAPPID: '1400000000' };
const ORIGIN = 'https://callbacks.example.com';
const REFUSED = '{"ActionStatus":"OK","ErrorCode":1,"ErrorInfo":""}';
const FORGED =
  '{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"ERR_SIGN_MISMATCH: Sign does not match the configured callback token"}';
const UNSIGNED =
  '{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"ERR_SIGN_MISSING: query parameter Sign is missing"}';

interface Exchange {
  name: string;
  request: Request;
  status: number;
  body: string;
}

/**
 * What a recipe must answer: a signed message (with `spam`) refused by its handler, a forged Sign
 * refused 401, and its 404 for what is not a callback; with `path`, also every POST to the path.
 */
function exchanges(command: string, notFound: string, withPath: boolean): Exchange[] {
  const event = { MsgBody: [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: 'buy spam now' } }] };
  const signed = buildCallback({ command, token: ENV.IM_CALLBACK_TOKEN, event });
  const forged = buildCallback({ command, token: 'not-the-token', event });
  const post = (url: string, body: string) => new Request(url, { method: 'POST', body });
  return [
    { name: 'signed', request: post(ORIGIN + signed.path, signed.json), status: 200, body: REFUSED },
    { name: 'forged', request: post(ORIGIN + forged.path, forged.json), status: 401, body: FORGED },
    { name: 'GET', request: new Request(`${ORIGIN}/im/callback`), status: 404, body: notFound },
    ...(withPath
      ? [
          { name: 'unsigned POST', request: post(`${ORIGIN}/im/callback`, '{}'), status: 401, body: UNSIGNED },
          { name: 'other path', request: post(`${ORIGIN}/api/orders`, '{}'), status: 404, body: notFound },
        ]
      : [{ name: 'POST without a query', request: post(`${ORIGIN}/im/callback`, '{}'), status: 404, body: notFound }]),
  ];
}

type Handler = (request: Request) => Promise<Response>;

/** Each exchange's name, status and body as the handler answers it. */
async function answers(handler: Handler, list: Exchange[]): Promise<[string, number, string][]> {
  const result: [string, number, string][] = [];
  for (const { name, request } of list) {
    const response = await handler(request);
    result.push([name, response.status, await response.text()]);
  }
  return result;
}

const expected = (list: Exchange[]): [string, number, string][] =>
  list.map(({ name, status, body }) => [name, status, body]);

/** A recipe module's export, checked to be there. */
function exported(module: Record<string, unknown>, name: string): unknown {
  expect(typeof module[name]).toBe(name === 'default' ? 'object' : 'function');
  return module[name];
}

/** Two sources that must fail, checked in the same program as the recipes (one program is quicker). */
const MUST_FAIL = {
  wrong: "import { koaMiddleware } from 'express-tencent-chat-webhook';\nkoaMiddleware();",
  undeclared: 'Deno.serve(() => new Response());',
};

const TYPED = [
  'hono.md',
  'nextjs.md',
  'koa.md',
  'fastify.md',
  'cloudflare-workers.md',
  'vercel-edge.md',
  'deno.md',
  'bun.md',
];

let typeErrors: Record<string, string[]> | undefined;

/** The errors of every typed recipe (with its runtime's globals) and of MUST_FAIL, computed once. */
function recipeTypeErrors(): Record<string, string[]> {
  typeErrors ??= typeErrorsOfAll({
    ...Object.fromEntries(
      TYPED.map((name) => [name, `${RUNTIME_GLOBALS[name] ?? ''}\n${blocksOf(name, 'ts')[0] ?? ''}`]),
    ),
    ...MUST_FAIL,
  });
  return typeErrors;
}

describe('docs/recipes', () => {
  it.each(TYPED)('%s: its code type-checks as written', (recipe) => {
    const [code, ...more] = blocksOf(recipe, 'ts');
    expect(more).toEqual([]);
    expect(code).toContain(PACKAGE_IMPORT);
    expect(recipeTypeErrors()[recipe]).toEqual([]);
  });

  it('catches a recipe that does not compile, or uses a runtime global not declared', () => {
    const { wrong, undeclared } = recipeTypeErrors();
    expect({ wrong, undeclared }).toEqual({
      wrong: ['Expected 1 arguments, but got 0.'],
      undeclared: ["Cannot find name 'Deno'."],
    });
  });

  it('nextjs.md: its POST answers a callback, a forged one and a request that is not one', async () => {
    const POST = exported(loadRecipe(blocksOf('nextjs.md', 'ts')[0] ?? '', ENV), 'POST') as Handler;
    const list = exchanges(
      'OfficialAccount.CallbackBeforeSendMsg',
      '{"error":"not a Tencent Cloud Chat callback"}',
      false,
    );
    expect(await answers(POST, list)).toEqual(expected(list));
  });

  it('vercel-edge.md: the edge route answers the same in Node', async () => {
    const module = loadRecipe(blocksOf('vercel-edge.md', 'ts')[0] ?? '', ENV);
    expect(module['runtime']).toBe('edge');
    const list = exchanges('C2C.CallbackBeforeSendMsg', 'Not Found', false);
    expect(await answers(exported(module, 'POST') as Handler, list)).toEqual(expected(list));
  });

  it('cloudflare-workers.md: the Worker makes its router from env on the first request and routes by path', async () => {
    // Nothing in process.env: a Worker has its variables in `env` only.
    const worker = exported(loadRecipe(blocksOf('cloudflare-workers.md', 'ts')[0] ?? '', {}), 'default') as {
      fetch: (request: Request, env: object) => Promise<Response>;
    };
    const list = exchanges('C2C.CallbackBeforeSendMsg', 'Not Found', true);
    expect(await answers((request) => worker.fetch(request, ENV), list)).toEqual(expected(list));
  });

  it.each([
    ['Edge Function', 0],
    ['Node Function', 1],
  ])('edgeone-pages.md: its %s answers with the context EdgeOne gives it', async (_, index) => {
    const onRequest = exported(loadRecipe(blocksOf('edgeone-pages.md', 'js')[index] ?? '', {}), 'onRequest') as (
      context: object,
    ) => Promise<Response>;
    const list = exchanges('C2C.CallbackBeforeSendMsg', 'Not Found', false);
    const handler = (request: Request) => onRequest({ request, env: ENV, params: {}, waitUntil: () => undefined });
    expect(await answers(handler, list)).toEqual(expected(list));
  });

  it('deno.md: the command line grants the variables the server reads, and the network', () => {
    const [command] = blocksOf('deno.md', 'bash');
    expect(command).toBe('deno run --allow-net --allow-env=IM_CALLBACK_TOKEN,IM_SDKAPPID,PORT server.ts\n');
    const read = [...(blocksOf('deno.md', 'ts')[0] ?? '').matchAll(/Deno\.env\.get\('(\w+)'\)/g)].map(
      (match) => match[1],
    );
    expect([...new Set(read)].sort()).toEqual(['IM_CALLBACK_TOKEN', 'IM_SDKAPPID', 'PORT']);
  });

  it('tencent-scf.md: scf_bootstrap starts the example app on port 9000 by an absolute node path', () => {
    const [bootstrap] = blocksOf('tencent-scf.md', 'bash');
    expect(bootstrap?.split('\n')).toEqual([
      '#!/bin/bash',
      'export PORT=9000',
      'exec /var/lang/node20/bin/node server.mjs',
      '',
    ]);
    // The example app listens on PORT and imports its app from beside it, as the recipe copies them.
    expect(readFileSync(path.resolve(__dirname, '../example-app/app.mjs'), 'utf8')).toContain('env.PORT');
    expect(readFileSync(path.resolve(__dirname, '../example-app/server.mjs'), 'utf8')).toContain("from './app.mjs'");
  });
});
