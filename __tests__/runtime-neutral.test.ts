// What lets the router run on every runtime, checked on the built package (npm test builds it
// first): nothing router.fetch reaches imports a node: module, and creating and running a router
// generates no code from strings (as Workers and Vercel's edge runtime forbid).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const dist = path.resolve(__dirname, '../dist');
const BUILTINS = new Set(builtinModules);

/** Every module the ES build of `entry` imports, transitively, by path; and every bare specifier it names. */
function importGraph(entry: string): { files: string[]; bare: string[] } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g)) {
      const name = specifier as string;
      if (name.startsWith('.')) pending.push(path.resolve(path.dirname(file), name));
      else bare.add(name);
    }
  }
  return { files: [...files], bare: [...bare] };
}

describe('the built package', () => {
  beforeAll(() => {
    if (!existsSync(path.join(dist, 'esm/index.js'))) throw new Error('dist/ is missing: run npm run build first');
  });

  it('imports no node: module, nor any of node’s built-ins, from the main entry', () => {
    const { files, bare } = importGraph(path.join(dist, 'esm/index.js'));
    expect(files.length).toBeGreaterThan(10);
    expect(bare.filter((name) => name.startsWith('node:') || BUILTINS.has(name))).toEqual([]);
    expect(bare).toEqual([]);
  });

  it('creates a router with a handler for every command and answers a signed callback without generating code', () => {
    const script = `
      const { callbackRouter } = require(${JSON.stringify(path.join(dist, 'cjs/index.js'))});
      const { buildCallback } = require(${JSON.stringify(path.join(dist, 'cjs/testing.js'))});
      const { COMMAND_RULES } = require(${JSON.stringify(path.join(dist, 'cjs/generated/rules.js'))});
      const on = {};
      for (const { command, kind } of COMMAND_RULES) {
        on[command] = kind === 'notification' ? () => undefined : kind === 'reply-data' ? () => 'data' : { decide: () => true };
      }
      const router = callbackRouter({ token: 'secret', on });
      const callback = buildCallback({ command: 'C2C.CallbackBeforeSendMsg', token: 'secret' });
      router.fetch(new Request('http://localhost' + callback.path, { method: 'POST', body: callback.json }))
        .then((response) => response.text())
        .then((text) => process.stdout.write(text));
    `;
    const output = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], {
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
  });

  it('would notice code generation: the flag makes new Function throw', () => {
    expect(() =>
      execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', 'new Function("return 1")'], {
        stdio: 'pipe',
      }),
    ).toThrow(/Code generation from strings disallowed/);
  });
});
