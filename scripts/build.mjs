// Builds lib/ twice, as CommonJS (dist/cjs) and as ES modules (dist/esm), each with its types.
// Also the `prepack` script, so `npm pack` and `npm publish` on a fresh clone ship dist/.
import { execFile } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const PROJECTS = ['tsconfig.build.json', 'tsconfig.esm.json'];

/** Runs tsc on one project; its messages are printed whole, so two failing builds do not interleave. */
function compile(project) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [tsc, '-p', project], (error, stdout, stderr) => {
      process.stdout.write(stdout);
      process.stderr.write(stderr);
      if (error) reject(new Error(`tsc -p ${project} failed`));
      else resolve();
    });
  });
}

rmSync('dist', { recursive: true, force: true });
// The two builds share nothing and tsc uses one core, so they run side by side.
const failures = (await Promise.allSettled(PROJECTS.map(compile))).filter(({ status }) => status === 'rejected');
if (failures.length > 0) {
  for (const { reason } of failures) console.error(reason.message);
  process.exit(1);
}
// Marks dist/esm as ES modules while the package itself stays CommonJS for require().
writeFileSync('dist/esm/package.json', '{ "type": "module" }\n');
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');
// tsc drops the execute bit, which `npx tencent-chat-webhook` needs inside this repository.
chmodSync('dist/cjs/cli.js', 0o755);
