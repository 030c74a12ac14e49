// Loads the package being measured. BENCH_PACKAGE_DIR points at a copy of dist/ taken when the
// run began, so a rebuild in the working tree (which deletes dist/) cannot break a run midway.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function loadPackageUnderTest() {
  const snapshot = process.env.BENCH_PACKAGE_DIR;
  if (snapshot) return require(path.resolve(snapshot, 'cjs', 'index.js'));
  return require('express-tencent-chat-webhook');
}
