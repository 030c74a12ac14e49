// Copies the CommonJS build (dist/cjs, what the servers load) aside for the length of one run.
// The copy lives inside the repository (in the git-ignored bench/.bench-tmp) because its
// require() calls for ajv and secure-json-parse must still find the repository's node_modules.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoDir = path.resolve(benchDir, '..');
export const scratchDir = path.join(benchDir, '.bench-tmp');

const ATTEMPTS = 10;
const ATTEMPT_PAUSE_MS = 1000;

// A copy taken while tsc was still writing can miss or truncate a module; loading it finds out.
function loadsCompletely(dir) {
  try {
    const loaded = createRequire(import.meta.url)(path.join(dir, 'cjs', 'index.js'));
    return typeof loaded.beforeAddSubscriber === 'function';
  } catch {
    return false;
  }
}

/**
 * Copies dist/ to a private directory and returns it. Someone else's build may be deleting and
 * rewriting dist/ right now, so a failed or incomplete copy is retried a bounded number of times.
 */
export async function snapshotDist() {
  const source = path.join(repoDir, 'dist');
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    // A fresh directory per attempt, so require's cache cannot serve a module of a failed copy.
    const target = path.join(scratchDir, `dist-${process.pid}-${attempt}`);
    try {
      if (existsSync(path.join(source, 'cjs', 'index.js'))) {
        mkdirSync(scratchDir, { recursive: true });
        cpSync(path.join(source, 'cjs'), path.join(target, 'cjs'), { recursive: true });
        if (loadsCompletely(target)) return target;
      }
      rmSync(target, { recursive: true, force: true });
    } catch {
      // dist/ vanished under the copy; wait for the build to finish and try again.
      rmSync(target, { recursive: true, force: true });
    }
    await sleep(ATTEMPT_PAUSE_MS);
  }
  throw new Error(`no complete build in ${source} after ${ATTEMPTS} attempts: run npm run build first`);
}

export function removeSnapshot(dir) {
  if (dir && dir.startsWith(scratchDir)) rmSync(dir, { recursive: true, force: true });
}
