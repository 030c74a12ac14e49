// Packs the package as npm would publish it, installs the tarball into a throwaway consumer
// project, and checks it from there: the tarball's contents, require() and import answering a
// real request, the testing subpath and the bin, and the published types under module nodenext
// and moduleResolution bundler.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const own = require('../package.json');
const workDir = mkdtempSync(path.join(tmpdir(), 'tencent-webhook-package-'));

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function checkTarballContents(files) {
  const paths = files.map((file) => file.path);
  const required = [
    'package.json',
    'README.md',
    'LICENSE',
    'dist/cjs/index.js',
    'dist/cjs/index.d.ts',
    'dist/esm/index.js',
    'dist/esm/index.d.ts',
  ];
  const missing = required.filter((file) => !paths.includes(file));
  const stray = paths.filter(
    (file) => !/^(dist\/(cjs|esm)\/.*\.(js|d\.ts|json)|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(file),
  );
  if (missing.length > 0 || stray.length > 0) {
    throw new Error(
      `tarball contents: missing ${missing.join(', ') || 'nothing'}; unexpected ${stray.join(', ') || 'nothing'}`,
    );
  }
  console.log(`tarball: ${paths.length} files, only dist/, README, LICENSE, CHANGELOG and package.json`);
}

try {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', workDir], root));
  checkTarballContents(packed.files);

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
      path.join(workDir, packed.filename),
      `express@${versions.express}`,
      `@types/express@${versions['@types/express']}`,
      `@types/node@${versions['@types/node']}`,
    ],
    consumer,
  );

  for (const entry of ['consumer-cjs.cjs', 'consumer-esm.mjs']) {
    process.stdout.write(run(process.execPath, [entry], consumer));
  }
  const help = run(path.join(consumer, 'node_modules', '.bin', 'tencent-chat-webhook'), ['help'], consumer);
  if (!help.includes('simulate')) throw new Error(`bin: unexpected help output: ${help}`);
  console.log('bin: tencent-chat-webhook is installed, executable, and prints its help');
  for (const project of ['tsconfig.nodenext.json', 'tsconfig.bundler.json']) {
    run(process.execPath, [tsc, '-p', project], consumer);
    console.log(`types: ${project} type-checks against the installed package`);
  }
  console.log(`package test passed (${readdirSync(consumer).length} consumer files)`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
