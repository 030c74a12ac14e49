// Loads the command definitions, which are TypeScript, without a build: every file under
// lib/commands and lib/protocol is transpiled to CommonJS in a temporary folder and required there.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');

function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * Returns the registry's exports, the shared schema pieces, and the definitions of `extraFiles`
 * (paths relative to the root) keyed by file.
 */
export function loadCommandModules(root, extraFiles) {
  const lib = path.join(root, 'lib');
  const out = mkdtempSync(path.join(tmpdir(), 'tencent-webhook-generate-'));
  try {
    for (const file of [...filesUnder(path.join(lib, 'commands')), ...filesUnder(path.join(lib, 'protocol'))]) {
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: file,
      });
      const target = path.join(out, path.relative(lib, file)).replace(/\.ts$/, '.js');
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
    const load = (file) =>
      require(path.join(out, path.relative(lib, path.resolve(root, file))).replace(/\.ts$/, '.js'));
    const registry = { ...load('lib/commands/registry.ts') };
    const shared = { ...load('lib/commands/shared/schemas.ts') };
    const byFile = new Map(extraFiles.map((file) => [file, load(file).default]));
    return { registry, shared, byFile };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
