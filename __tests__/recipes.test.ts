// The recipes' code compiles against the package as written: each TypeScript block of
// docs/recipes/ whose framework is a dev dependency here is type-checked with strict settings.
// (NestJS is not installed; its recipe mounts the router exactly as Express does.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const RECIPES = path.resolve(__dirname, '../docs/recipes');
const LIB_INDEX = path.resolve(__dirname, '../lib/index.js');

/** The fenced blocks of one language in a recipe, in order. */
function blocksOf(recipe: string, language: string): string[] {
  const text = readFileSync(path.join(RECIPES, recipe), 'utf8');
  return [...text.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1] ?? '');
}

/** The compiler's errors for a module with this source, importing the package's source. */
function typeErrorsOf(source: string): string[] {
  const fileName = path.resolve(__dirname, 'types/__recipe__.mts');
  const code = source.replaceAll("from 'express-tencent-chat-webhook'", `from ${JSON.stringify(LIB_INDEX)}`);
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
  host.readFile = (file) => (path.resolve(file) === fileName ? code : readFile(file));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === fileName || fileExists(file);
  const program = ts.createProgram([fileName], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName === fileName)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('docs/recipes', () => {
  it.each(['hono.md', 'nextjs.md', 'koa.md', 'fastify.md'])('%s: its code type-checks as written', (recipe) => {
    const [code, ...more] = blocksOf(recipe, 'ts');
    expect(more).toEqual([]);
    expect(code).toContain("from 'express-tencent-chat-webhook'");
    expect(typeErrorsOf(code ?? '')).toEqual([]);
  });

  it('catches a recipe that does not compile', () => {
    expect(typeErrorsOf("import { koaMiddleware } from 'express-tencent-chat-webhook';\nkoaMiddleware();")).toEqual([
      'Expected 1 arguments, but got 0.',
    ]);
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
