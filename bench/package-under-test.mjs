// Loads the package being measured. BENCH_PACKAGE_DIR points at a copy of dist/ taken when the
// run began, so a rebuild in the working tree (which deletes dist/) cannot break a run midway.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** The CommonJS entry point of the package under test, as an absolute path. */
export function packageEntryUnderTest() {
  const snapshot = process.env.BENCH_PACKAGE_DIR;
  if (snapshot) return path.resolve(snapshot, 'cjs', 'index.js');
  return require.resolve('express-tencent-chat-webhook');
}

export function loadPackageUnderTest() {
  return require(packageEntryUnderTest());
}

/** One internal module of the package under test, by its path under `cjs/` (`engine/parse-body.js`). */
export function loadInternalUnderTest(pathUnderCjs) {
  const snapshot = process.env.BENCH_PACKAGE_DIR;
  const distDir = snapshot ? path.resolve(snapshot) : repoDist;
  return require(path.join(distDir, 'cjs', pathUnderCjs));
}

/**
 * The command registry of the package under test (`cjs/commands/index.js`, not a public export):
 * `DEFINITIONS`, each with its `command` and `kind`, in the registry's order.
 */
export function loadRegistryUnderTest() {
  return loadInternalUnderTest('commands/index.js');
}
