// What the figures were measured on and with, for the published table.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoDir } from './package-snapshot.mjs';

function versionOf(directory) {
  try {
    return JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

// Read-only git queries; --no-optional-locks keeps git status from rewriting the index while
// someone else may be using the repository.
function git(args) {
  try {
    return execFileSync('git', ['--no-optional-locks', ...args], { cwd: repoDir, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export function describeMachine() {
  const cpus = os.cpus();
  const modules = path.join(repoDir, 'node_modules');
  const libChanges = git(['status', '--porcelain', '--', 'lib']);
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    packages: {
      'express-tencent-chat-webhook': versionOf(repoDir),
      express: versionOf(path.join(modules, 'express')),
      'express4 (express 4)': versionOf(path.join(modules, 'express4')),
      ajv: versionOf(path.join(modules, 'ajv')),
      'secure-json-parse': versionOf(path.join(modules, 'secure-json-parse')),
      autocannon: versionOf(path.join(modules, 'autocannon')),
    },
    commit: git(['rev-parse', '--short', 'HEAD']) ?? 'unknown',
    libHasUncommittedChanges: libChanges === undefined ? 'unknown' : libChanges !== '',
  };
}
