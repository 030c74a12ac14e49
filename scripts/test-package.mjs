// Packs the package as a fresh clone would publish it, installs the tarball into a throwaway
// consumer project, and checks it from there: the tarball's contents, require() and import
// answering a real request, the testing subpath and the bin, and the published types under module
// nodenext and moduleResolution bundler.
//
// The tarball is packed from a copy of the files git would track (uncommitted work included,
// ignored files such as dist/ left out), so it is `prepack` that builds the dist/ it ships.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const own = require('../package.json');
const workDir = mkdtempSync(path.join(tmpdir(), 'tencent-webhook-package-'));
const execFileAsync = promisify(execFile);

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Like run, for the checks that can go side by side; a failure shows the command's output. */
async function runAsync(command, args, cwd) {
  try {
    return (await execFileAsync(command, args, { cwd, encoding: 'utf8' })).stdout;
  } catch (error) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed:\n${error.stdout}${error.stderr}`, {
      cause: error,
    });
  }
}

// What a source tree that is not a git checkout (an unpacked release, a copy) holds besides its sources.
const NOT_SOURCES = new Set(['.git', 'node_modules', 'dist', 'coverage', '.bench-tmp']);

/** Every file under the root but build output and dependencies, for a tree git does not know. */
function sourceFiles(folder = '') {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    if (NOT_SOURCES.has(entry.name)) return [];
    const relative = path.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(relative) : [relative];
  });
}

/** The files git would track (a fresh clone plus the uncommitted work), or, outside git, the sources. */
function trackedFiles() {
  try {
    return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).split('\0');
  } catch {
    return sourceFiles();
  }
}

/** The files git would track, as in a fresh clone plus the uncommitted work, without dist/. */
function copyCleanTree(destination) {
  const listed = trackedFiles();
  for (const file of listed.filter(Boolean)) {
    // --cached also lists a file deleted from the work tree but not yet from the index, and
    // --others a node_modules that is a symlink (the ignore rule node_modules/ is for folders).
    if (!existsSync(path.join(root, file)) || file === 'node_modules') continue;
    mkdirSync(path.dirname(path.join(destination, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(destination, file));
  }
  if (existsSync(path.join(destination, 'dist'))) {
    throw new Error('dist/ is tracked by git; untrack it, so that the tarball shows what prepack builds');
  }
  // The build needs the dev dependencies; linked, not installed again, to keep this test fast.
  symlinkSync(path.join(root, 'node_modules'), path.join(destination, 'node_modules'), 'dir');
}

/** Packs the clean copy, which runs prepack; returns the tarball's path. */
async function packCleanTree() {
  const source = path.join(workDir, 'source');
  const packDir = path.join(workDir, 'packed');
  mkdirSync(packDir);
  copyCleanTree(source);
  // Not --json: the output of prepack's build would go into the JSON. The folder tells the name.
  await runAsync('npm', ['pack', '--silent', '--pack-destination', packDir], source);
  const [tarball, ...more] = readdirSync(packDir);
  if (tarball === undefined || more.length > 0) throw new Error(`npm pack made ${readdirSync(packDir).join(', ')}`);
  return path.join(packDir, tarball);
}

function checkTarballContents(tarball) {
  const paths = run('tar', ['-tzf', tarball], workDir)
    .split('\n')
    .filter((entry) => entry !== '' && !entry.endsWith('/'))
    .map((entry) => entry.replace(/^package\//, ''));
  const required = [
    'package.json',
    'README.md',
    'LICENSE',
    'dist/cjs/index.js',
    'dist/cjs/index.d.ts',
    'dist/cjs/cli.js',
    'dist/esm/index.js',
    'dist/esm/index.d.ts',
    // The README links into docs/: they must resolve for whoever installed the package.
    'docs/callbacks.md',
    'docs/recipes/koa.md',
  ];
  const missing = required.filter((file) => !paths.includes(file));
  const stray = paths.filter(
    (file) =>
      !/^(dist\/(cjs|esm)\/.*\.(js|d\.ts|json)|docs\/.*\.md|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(
        file,
      ),
  );
  if (missing.length > 0 || stray.length > 0) {
    throw new Error(
      `tarball contents: missing ${missing.join(', ') || 'nothing'}; unexpected ${stray.join(', ') || 'nothing'}`,
    );
  }
  console.log(
    `tarball: packed from a clean copy, dist/ built by prepack; ${paths.length} files, ` +
      'only dist/, docs/, README, LICENSE, CHANGELOG and package.json',
  );
}

async function checkBin(consumer) {
  const bin = path.join(consumer, 'node_modules', '.bin', 'tencent-chat-webhook');
  // The README says `npx tencent-chat-webhook --help` reaches the tool rather than npm.
  const helps = await Promise.all([
    runAsync(bin, ['help'], consumer),
    // Exactly as the README writes it (with no TTY, npx installs nothing it lacks: it fails).
    runAsync('npx', ['tencent-chat-webhook', '--help'], consumer),
  ]);
  for (const help of helps) {
    if (!help.startsWith('Usage: tencent-chat-webhook ')) throw new Error(`bin: unexpected help output: ${help}`);
  }
  return 'bin: tencent-chat-webhook is installed, executable, and prints its help, also for npx … --help\n';
}

async function checkTypes(consumer, project) {
  await runAsync(process.execPath, [tsc, '-p', project], consumer);
  return `types: ${project} type-checks against the installed package\n`;
}

try {
  const tarball = await packCleanTree();
  checkTarballContents(tarball);

  const consumer = path.join(workDir, 'consumer');
  cpSync(path.join(root, 'scripts', 'package-test'), consumer, { recursive: true });
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const versions = own.devDependencies;
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      tarball,
      `express@${versions.express}`,
      `@types/express@${versions['@types/express']}`,
      `@types/node@${versions['@types/node']}`,
    ],
    consumer,
  );

  // The checks are independent and mostly wait on tsc, so they run side by side.
  const reports = await Promise.all([
    runAsync(process.execPath, ['consumer-cjs.cjs'], consumer),
    runAsync(process.execPath, ['consumer-esm.mjs'], consumer),
    checkBin(consumer),
    checkTypes(consumer, 'tsconfig.nodenext.json'),
    checkTypes(consumer, 'tsconfig.bundler.json'),
    checkTypes(consumer, 'tsconfig.node10.json'),
  ]);
  process.stdout.write(reports.join(''));
  console.log(`package test passed (${readdirSync(consumer).length} consumer files)`);
} catch (error) {
  // The stack and its message only: node would also print the cause, repeating the output.
  console.error(error.stack);
  process.exitCode = 1;
} finally {
  // Removes the link to node_modules, not what it points to.
  rmSync(workDir, { recursive: true, force: true });
}
