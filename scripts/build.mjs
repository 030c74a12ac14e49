// Builds lib/ twice, as CommonJS (dist/cjs) and as ES modules (dist/esm), each with its types.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
for (const project of ['tsconfig.build.json', 'tsconfig.esm.json']) {
  execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
}
// Marks dist/esm as ES modules while the package itself stays CommonJS for require().
writeFileSync('dist/esm/package.json', '{ "type": "module" }\n');
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');
// tsc drops the execute bit, which `npx tencent-chat-webhook` needs inside this repository.
chmodSync('dist/cjs/cli.js', 0o755);
